// Every answer in ../shared/traces-real counted with the encoding its
// token_len was made with (cl100k_base for Arena-Hard v0.1, o200k_base for
// v2.0) must match that count exactly: 5,746 records, 0 mismatches.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "test_paths.hpp"
#include "tokenizer/tokenizer.hpp"

using namespace tokprof;
namespace fs = std::filesystem;

namespace {

struct Tally {
  int records = 0;
  int mismatches = 0;
};

// Counts the answer text of every record in `dir`'s .jsonl files and
// compares it with the record's own token_len.
Tally check_answers(const fs::path& dir, const tokenizer::Tokenizer& tokenizer, bool v2) {
  Tally tally;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) {
        continue;
      }
      const auto record = nlohmann::json::parse(line);
      std::string text;
      std::int64_t expected = 0;
      if (v2) {
        text = record["messages"].back()["content"]["answer"].get<std::string>();
        expected = record["metadata"]["token_len"].get<std::int64_t>();
      } else {
        const auto& turn = record["choices"][0]["turns"][0];
        text = turn["content"].get<std::string>();
        expected = turn.contains("token_len") ? turn["token_len"].get<std::int64_t>()
                                              : record["conv_metadata"]["token_len"].get<std::int64_t>();
      }
      ++tally.records;
      if (static_cast<std::int64_t>(tokenizer.count(text)) != expected) {
        ++tally.mismatches;
        MESSAGE(entry.path().filename().string(), ": counted ", tokenizer.count(text), ", token_len ", expected);
      }
    }
  }
  return tally;
}

}  // namespace

TEST_CASE("tokenizer::traces-real token_len parity") {
  const fs::path root = test::shared_dir() / "traces-real";
  if (!fs::exists(root)) {
    MESSAGE("skipped: ", root.string(), " is absent");
    return;
  }
  const auto cl100k = tokenizer::Tokenizer::load("cl100k_base").value();
  const auto o200k = tokenizer::Tokenizer::load("o200k_base").value();
  const Tally v1 = check_answers(root / "arena-hard-v0.1" / "model_answer", cl100k, false);
  const Tally v2 = check_answers(root / "arena-hard-v2.0" / "model_answer", o200k, true);
  CHECK(v1.records == 4996);
  CHECK(v2.records == 750);
  CHECK(v1.mismatches == 0);
  CHECK(v2.mismatches == 0);
}
