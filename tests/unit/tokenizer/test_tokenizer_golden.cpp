// Golden ids from the reference implementation (the npm `tiktoken` package,
// OpenAI's Rust core built to WASM; see tests/golden/tokenizer/README.md):
// every input of tests/golden/tokenizer/inputs.jsonl, in every built-in
// encoding, must encode to exactly the reference ids, with special-token
// text as text and recognised, and decode back to its bytes.

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/strings.hpp"
#include "test_paths.hpp"
#include "tokenizer/tokenizer.hpp"

using namespace tokprof;
using tokenizer::Rank;
using tokenizer::Specials;

namespace {

struct GoldenInput {
  std::string name;
  std::string bytes;
};

std::vector<nlohmann::json> read_jsonl(const std::filesystem::path& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "missing golden file ", path.string());
  std::vector<nlohmann::json> records;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) {
      records.push_back(nlohmann::json::parse(line));
    }
  }
  return records;
}

std::vector<GoldenInput> golden_inputs() {
  std::vector<GoldenInput> inputs;
  for (const auto& record : read_jsonl(test::golden_dir() / "tokenizer" / "inputs.jsonl")) {
    GoldenInput input{record["name"].get<std::string>(), {}};
    if (record.contains("text")) {
      input.bytes = record["text"].get<std::string>();
    } else {
      REQUIRE(decode_base64(record["bytes_b64"].get<std::string>(), input.bytes));
    }
    inputs.push_back(std::move(input));
  }
  return inputs;
}

void check_encoding(const std::string& encoding) {
  const auto tokenizer = tokenizer::Tokenizer::load(encoding).value();
  const auto inputs = golden_inputs();
  const auto expected = read_jsonl(test::golden_dir() / "tokenizer" / (encoding + ".jsonl"));
  REQUIRE(expected.size() == inputs.size());
  int mismatches = 0;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const GoldenInput& input = inputs[i];
    REQUIRE(expected[i]["name"] == input.name);
    const auto ids = expected[i]["ids"].get<std::vector<Rank>>();
    const auto ids_special = expected[i]["ids_special"].get<std::vector<Rank>>();
    const auto ours = tokenizer.encode(input.bytes);
    const auto ours_special = tokenizer.encode(input.bytes, Specials::recognise);
    if (ours != ids || ours_special != ids_special) {
      ++mismatches;
      MESSAGE(encoding, ": input \"", input.name, "\" differs from the reference");
    }
    CHECK(tokenizer.count(input.bytes) == ids.size());
    CHECK(tokenizer.count(input.bytes, Specials::recognise) == ids_special.size());
    CHECK(tokenizer.decode(ours).value() == input.bytes);
  }
  CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("tokenizer::golden o200k_base") { check_encoding("o200k_base"); }
TEST_CASE("tokenizer::golden o200k_harmony") { check_encoding("o200k_harmony"); }
TEST_CASE("tokenizer::golden cl100k_base") { check_encoding("cl100k_base"); }
TEST_CASE("tokenizer::golden p50k_base") { check_encoding("p50k_base"); }
TEST_CASE("tokenizer::golden p50k_edit") { check_encoding("p50k_edit"); }
TEST_CASE("tokenizer::golden r50k_base") { check_encoding("r50k_base"); }
