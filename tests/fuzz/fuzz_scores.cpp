// Fuzzes the score-file reader (read_scores): per-sample judgments (JSON,
// JSONL, CSV) and per-model leaderboards. The first byte picks the file
// name; the rest is its content.
//
// Invariants: no crash; an Error names the file; reading twice gives the
// same table; every score that loads is a number (NaN is "missing", never a
// score).

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "fuzz_support.hpp"
#include "trace/scores.hpp"

using namespace tokprof;

namespace {

std::string read_all(const std::string& path) {
  auto table = trace::read_scores(path);
  if (!table) {
    tokprof::fuzz::check(!table.error().file.empty(), "a score-file error names no file");
    return "error: " + table.error().to_string();
  }
  std::string out;
  for (const auto& [key, score] : table->per_sample) {
    tokprof::fuzz::check(!std::isnan(score), "a per-sample score is NaN");
    out += fmt::format("{}|{}|{}\n", key.first, key.second, score);
  }
  for (const auto& [model, score] : table->per_model) {
    tokprof::fuzz::check(!std::isnan(score), "a per-model score is NaN");
    out += fmt::format("{}|{}\n", model, score);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  constexpr std::string_view k_suffixes[] = {".jsonl", ".json", ".csv", ".tsv"};
  const std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
  const tokprof::fuzz::TempFile file(content, k_suffixes[data[0] % std::size(k_suffixes)]);
  tokprof::fuzz::check(read_all(file.path()) == read_all(file.path()),
                       "reading the same score file twice gave different results");
  return 0;
}
