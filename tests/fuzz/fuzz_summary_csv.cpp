// Fuzzes the summary-table reader (read_summary_table): CSV, TSV and JSON
// per-model aggregates. The first byte picks the file name; the rest is its
// content.
//
// Invariants: no crash; an Error names the file; every row names the file
// and a line; reading twice gives the same rows.

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "fuzz_support.hpp"
#include "trace/summary.hpp"

using namespace tokprof;

namespace {

std::string read_all(const std::string& path) {
  auto rows = trace::read_summary_table(path);
  if (!rows) {
    tokprof::fuzz::check(!rows.error().file.empty(), "a summary-table error names no file");
    return "error: " + rows.error().to_string();
  }
  std::string out;
  for (const trace::ModelSummary& row : *rows) {
    tokprof::fuzz::check(row.where.file == path, "a summary row does not name its file");
    out += fmt::format("{}|{}|{}|{}|{}|{}|{}|{}\n", row.model, row.score, row.output_tokens,
                       row.output_tokens_per_task, row.cost_usd.value_or(-1), row.task_count.value_or(-1),
                       row.input_tokens.value_or(-1), row.where.line);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  constexpr std::string_view k_suffixes[] = {".csv", ".tsv", ".json", ".csv.gz"};
  const std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
  const tokprof::fuzz::TempFile file(content, k_suffixes[data[0] % std::size(k_suffixes)]);
  tokprof::fuzz::check(read_all(file.path()) == read_all(file.path()),
                       "reading the same table twice gave different results");
  return 0;
}
