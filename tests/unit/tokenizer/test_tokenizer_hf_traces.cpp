// Every answer in ../shared/traces-real, counted with the Hugging Face
// tokenizers, must match the counts of Hugging Face's own library
// (tests/golden/tokenizer/hf/traces-real-<name>.txt, scripts/gen-golden-hf.mjs).

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "hf_test_support.hpp"
#include "test_paths.hpp"

namespace {

// Returns the answer text of line `line_number` (1-based) of `file`.
std::string answer_at(const std::string& file, std::size_t line_number) {
  static std::map<std::string, std::vector<std::string>> cache;
  auto& lines = cache[file];
  if (lines.empty()) {
    std::ifstream in(tokprof::test::shared_dir() / "traces-real" / file);
    std::string line;
    while (std::getline(in, line)) {
      lines.push_back(line);
    }
  }
  REQUIRE(line_number <= lines.size());
  const auto json = nlohmann::json::parse(lines[line_number - 1]);
  if (file.starts_with("arena-hard-v2.0")) {
    return json["messages"][1]["content"]["answer"].get<std::string>();
  }
  return json["choices"][0]["turns"][0]["content"].get<std::string>();
}

void check_traces(const std::string& name) {
  if (!std::filesystem::exists(tokprof::test::shared_dir() / "traces-real")) {
    MESSAGE("skipped: ../shared/traces-real is not there");
    return;
  }
  const auto tokenizer = tokprof::test::load_installed_hf(name);
  if (!tokenizer) {
    return;
  }
  std::ifstream in(tokprof::test::golden_dir() / "tokenizer" / "hf" / ("traces-real-" + name + ".txt"));
  REQUIRE(in.good());
  std::string line;
  std::size_t records = 0;
  std::size_t mismatches = 0;
  while (std::getline(in, line)) {
    const auto space = line.rfind(' ');
    const auto colon = line.rfind(':', space);
    const std::string file = line.substr(0, colon);
    const std::size_t line_number = std::stoul(line.substr(colon + 1, space - colon - 1));
    const std::size_t expected = std::stoul(line.substr(space + 1));
    const std::size_t actual = tokenizer->count(answer_at(file, line_number));
    if (actual != expected) {
      ++mismatches;
      MESSAGE(name << " " << file << ":" << line_number << ": " << actual << " tokens, reference " << expected);
    }
    ++records;
  }
  CHECK(records == 5746);
  CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("hf counts of traces-real") {
  for (const char* name : {"llama3", "qwen3", "deepseek_v3", "gemma3"}) {
    SUBCASE(name) { check_traces(name); }
  }
}
