// Golden vectors from Hugging Face's library (scripts/gen-golden-hf.mjs):
// every id of every input, for each named tokenizer that is installed.

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "hf_test_support.hpp"
#include "test_paths.hpp"

namespace {

using tokprof::tokenizer::Rank;
using tokprof::tokenizer::Specials;

std::map<std::string, std::string> golden_inputs() {
  std::map<std::string, std::string> inputs;
  std::ifstream in(tokprof::test::golden_dir() / "tokenizer" / "inputs.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    const auto json = nlohmann::json::parse(line);
    if (json.contains("text")) {
      inputs[json["name"].get<std::string>()] = json["text"].get<std::string>();
    }
  }
  return inputs;
}

// Byte-level tokenizers without a normalizer give back exactly their input.
const std::set<std::string> k_lossless = {"llama3", "llama3_1", "deepseek_v3", "gptoss"};

void check_golden(const std::string& name) {
  const auto tokenizer = tokprof::test::load_installed_hf(name);
  if (!tokenizer) {
    return;
  }
  static const auto inputs = golden_inputs();
  std::ifstream in(tokprof::test::golden_dir() / "tokenizer" / "hf" / (name + ".jsonl"));
  REQUIRE(in.good());
  std::string line;
  std::size_t checked = 0;
  while (std::getline(in, line)) {
    const auto json = nlohmann::json::parse(line);
    const std::string input = json["name"].get<std::string>();
    const auto text = inputs.find(input);
    REQUIRE_MESSAGE(text != inputs.end(), input);
    const auto ids = json["ids"].get<std::vector<Rank>>();
    const auto as_text = json.contains("ids_as_text") ? json["ids_as_text"].get<std::vector<Rank>>() : ids;
    INFO(name << " input " << input);
    CHECK(tokenizer->encode(text->second, Specials::recognise) == ids);
    CHECK(tokenizer->encode(text->second) == as_text);
    CHECK(tokenizer->count(text->second) == as_text.size());
    if (k_lossless.contains(name)) {
      const auto decoded = tokenizer->decode(as_text);
      REQUIRE(decoded.has_value());
      CHECK(*decoded == text->second);
    }
    ++checked;
  }
  CHECK(checked == inputs.size());
}

}  // namespace

TEST_CASE("hf golden vectors") {
  for (const char* name : {"llama3", "llama3_1", "qwen3", "deepseek_v3", "gemma3", "claude", "gptoss", "llama2"}) {
    SUBCASE(name) { check_golden(name); }
  }
}
