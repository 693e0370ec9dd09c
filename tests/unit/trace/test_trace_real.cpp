// Reads all of ../shared/traces-real (Arena-Hard-Auto answers published by
// LMArena; see its README.md for the numbers checked here).

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "test_paths.hpp"
#include "trace/reader.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::read_ok;

namespace {

namespace fs = std::filesystem;

fs::path real_dir() {
  return tokprof::test::shared_dir() / "traces-real";
}

bool have_real_traces() {
  if (fs::is_directory(real_dir())) {
    return true;
  }
  MESSAGE("skipped: ", real_dir().string(), " is absent");
  return false;
}

struct ModelTotals {
  std::int64_t records = 0;
  std::int64_t tokens = 0;
};

}  // namespace

TEST_CASE("trace::real arena-hard answers") {
  if (!have_real_traces()) {
    return;
  }
  const auto files = expand_inputs({real_dir().string()});
  REQUIRE(files);
  CHECK(files->size() == 14);  // 11 answer files, 2 question files, 1 leaderboard CSV
  std::map<std::string, ModelTotals> totals;
  std::int64_t records = 0;
  for (const auto& file : *files) {
    if (detect_format(file).value() == Format::summary) {
      continue;
    }
    const auto all = read_ok(file);
    CHECK(all.format == Format::arena_hard);
    const bool answers = file.find("model_answer") != std::string::npos;
    const std::string stem = fs::path(file).stem().string();
    const std::string task = file.find("arena-hard-v2.0") != std::string::npos ? "arena-hard-v2.0" : "arena-hard-v0.1";
    std::set<std::string> ids;
    for (const auto& record : all.records) {
      REQUIRE(record.reference_output_tokens);
      CHECK(record.model == stem);
      CHECK(record.task == task);
      CHECK_FALSE(record.output_text.empty());
      CHECK(ids.insert(record.sample_id).second);
      totals[record.model].records += 1;
      totals[record.model].tokens += *record.reference_output_tokens;
    }
    CHECK(all.warnings.size() == (answers ? 0 : 1));
    CHECK(all.records.empty() == !answers);
    records += static_cast<std::int64_t>(all.records.size());
  }
  CHECK(records == 5746);
  CHECK(totals["gpt-4-turbo-2024-04-09"].tokens == 331431);
  CHECK(totals["claude-3-5-sonnet-20240620"].tokens == 283581);
  CHECK(totals["gpt-4-0314"].tokens == 211631);
  CHECK(totals["gemma-2b-it"].tokens == 184632);
  CHECK(totals["o1-mini-2024-09-12"].records == 496);
  CHECK(totals["o1-mini-2024-09-12"].tokens == 689615);
  CHECK(totals["o3-mini-2025-01-31"].records == 750);
  CHECK(totals["o3-mini-2025-01-31"].tokens == 703405);

  SUBCASE("the leaderboard's avg_tokens is the floor of the mean token_len") {
    const std::string leaderboard =
        (real_dir() / "arena-hard-v0.1" / "leaderboard" / "arena_hard_leaderboard_20240731.csv").string();
    const auto summaries = read_summary_table(leaderboard);
    REQUIRE(summaries);
    CHECK(summaries->size() == 60);
    int compared = 0;
    for (const auto& summary : *summaries) {
      CHECK(summary.output_tokens_per_task);
      const auto found = totals.find(summary.model);
      if (found != totals.end()) {
        const double mean = static_cast<double>(found->second.tokens) / static_cast<double>(found->second.records);
        CHECK(std::floor(mean) == summary.output_tokens);
        ++compared;
      }
    }
    CHECK(compared == 9);
    const auto scores = read_scores(leaderboard);
    REQUIRE(scores);
    CHECK(scores->per_model.size() == 60);
    CHECK(scores->model_score("gpt-4-0314") == 50.0);
    CHECK(scores->model_score("gpt-4-turbo-2024-04-09") == doctest::Approx(82.63));
  }
}

TEST_CASE("trace::real first records in detail") {
  if (!have_real_traces()) {
    return;
  }
  const auto v01 = read_ok((real_dir() / "arena-hard-v0.1" / "model_answer" / "gpt-4-0314.jsonl").string());
  const auto& first = v01.records.at(0);
  CHECK(first.sample_id == "0122ab60646b4961bc39e9c03bdf6bcc");
  CHECK(first.reference_output_tokens == 953);
  CHECK(first.reference_tokenizer == "cl100k_base");
  CHECK(first.output_text.starts_with("To implement a SCIM"));
  CHECK(first.where.line == 1);
  const auto v20 = read_ok((real_dir() / "arena-hard-v2.0" / "model_answer" / "o3-mini-2025-01-31.jsonl").string());
  CHECK(v20.records.at(0).sample_id == "0253f09025cc40cd");
  CHECK(v20.records.at(0).reference_output_tokens == 179);
  CHECK(v20.records.at(0).reference_tokenizer == "o200k_base");
  CHECK(v20.records.back().where.line == 750);
}
