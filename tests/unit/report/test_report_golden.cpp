// Golden report tests: every directory under tests/golden/report/ holds an
// input.json (samples, summary rows, options, prices and run facts) and the
// byte-exact expected.{txt,md,csv,json,html} rendered from it.
//
// To regenerate after an intended change, run
//   TOKPROF_UPDATE_GOLDEN=1 build/tests/unit/tokprof_unit -tc='report::golden*'
// then review `git diff tests/golden/report` by eye before accepting it.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "aggregate/aggregate.hpp"
#include "base/file.hpp"
#include "report/report.hpp"
#include "test_paths.hpp"

using namespace tokprof;
using nlohmann::json;

namespace {

template <typename T>
std::optional<T> optional_field(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return std::nullopt;
  }
  return it->get<T>();
}

aggregate::Sample read_sample(const json& row) {
  aggregate::Sample s;
  s.model = row.at("model");
  s.task = row.value("task", "");
  s.sample_id = row.at("id");
  s.epoch = row.value("epoch", 1);
  s.counted_output_tokens = row.at("counted");
  s.counted_reasoning_tokens = row.value("counted_reasoning", 0);
  const json usage = row.value("usage", json::object());
  s.usage.input = optional_field<std::int64_t>(usage, "input");
  s.usage.output = optional_field<std::int64_t>(usage, "output");
  s.usage.reasoning = optional_field<std::int64_t>(usage, "reasoning");
  s.usage.cache_read = optional_field<std::int64_t>(usage, "cache_read");
  s.usage.cache_write = optional_field<std::int64_t>(usage, "cache_write");
  s.score = optional_field<double>(row, "score");
  s.reported_cost_usd = optional_field<double>(row, "cost");
  s.tokenizer = row.value("tokenizer", "o200k_base");
  s.tokenizer_exact = row.value("exact", true);
  s.file = row.value("file", "trace.jsonl");
  s.line = row.value("line", 0);
  return s;
}

aggregate::SummaryRow read_summary(const json& row) {
  return aggregate::SummaryRow{row.at("model"),
                               optional_field<double>(row, "score"),
                               row.at("output_tokens"),
                               optional_field<double>(row, "cost"),
                               optional_field<std::int64_t>(row, "tasks"),
                               row.value("file", "summary.csv"),
                               row.value("line", 0)};
}

aggregate::Options read_options(const json& input, const std::string& price_file) {
  const json options = input.value("options", json::object());
  aggregate::Options out;
  out.average = options.value("average", "macro") == "micro" ? aggregate::Average::micro
                                                             : aggregate::Average::macro;
  out.correct_at = optional_field<double>(options, "correct_at");
  const std::string tokens = options.value("tokens", "auto");
  out.tokens = tokens == "reported"  ? aggregate::TokensMode::reported
               : tokens == "counted" ? aggregate::TokensMode::counted
                                     : aggregate::TokensMode::automatic;
  out.baseline = optional_field<std::string>(options, "baseline");
  if (options.contains("bootstrap")) {  // issue 9: intervals, one thread (any count gives the same)
    const json& bootstrap = options.at("bootstrap");
    out.bootstrap = aggregate::BootstrapOptions{bootstrap.value("replicates", 200), bootstrap.value("seed", 1u),
                                                bootstrap.value("confidence", 0.95),
                                                bootstrap.value("pairs", "") == "all", 1};
  }
  out.volume_per_month = optional_field<double>(options, "volume_per_month");
  if (input.contains("prices")) {
    auto prices = aggregate::parse_litellm_prices(input.at("prices").dump(), price_file);
    REQUIRE(prices);
    out.prices = *prices;
  }
  return out;
}

report::RunInfo read_run(const json& run) {
  report::RunInfo info;
  info.title = run.value("title", info.title);
  info.tool_version = run.value("tool_version", "");
  info.generated_at = run.value("generated_at", "");
  info.inputs = run.value("inputs", std::vector<std::string>{});
  info.tokenizer_mode = run.value("tokenizer_mode", "auto");
  info.price_file = run.value("price_file", "");
  return info;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// Returns "line N: expected / actual" for the first line that differs.
std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected);
  std::istringstream a(actual);
  std::string el;
  std::string al;
  for (int line = 1;; ++line) {
    const bool more_e = static_cast<bool>(std::getline(e, el));
    const bool more_a = static_cast<bool>(std::getline(a, al));
    if (!more_e && !more_a) {
      return "only line endings differ";
    }
    if (el != al || more_e != more_a) {
      return "line " + std::to_string(line) + "\n  expected: " + el + "\n  actual:   " + al;
    }
  }
}

void check_case(const std::filesystem::path& dir, bool update) {
  const json input = json::parse(read_text(dir / "input.json"));
  report::ReportData data;
  data.run = read_run(input.value("run", json::object()));
  std::vector<aggregate::Sample> samples;
  for (const json& row : input.value("samples", json::array())) {
    samples.push_back(read_sample(row));
  }
  std::vector<aggregate::SummaryRow> summaries;
  for (const json& row : input.value("summary", json::array())) {
    summaries.push_back(read_summary(row));
  }
  auto profile = aggregate::build_profile(samples, summaries, read_options(input, data.run.price_file));
  REQUIRE_MESSAGE(profile, (profile ? "" : profile.error().to_string()));
  data.profile = *profile;
  data.warnings = input.value("warnings", std::vector<std::string>{});
  report::RenderOptions options;
  options.per_sample = input.value("render", json::object()).value("per_sample", false);

  for (const auto format : {report::Format::term, report::Format::md, report::Format::csv,
                            report::Format::json, report::Format::html}) {
    const auto rendered = report::render(format, data, options);
    REQUIRE(rendered);
    const auto path = dir / ("expected." + std::string(report::format_extension(format)));
    if (update) {
      REQUIRE(write_file_atomic(path.string(), *rendered));
      continue;
    }
    const std::string expected = read_text(path);
    INFO(path.string(), ": ", first_difference(expected, *rendered));
    CHECK(expected == *rendered);
  }
}

}  // namespace

TEST_CASE("report::golden") {
  const auto root = test::golden_dir() / "report";
  const char* update_env = std::getenv("TOKPROF_UPDATE_GOLDEN");
  const bool update = update_env != nullptr && std::string(update_env) == "1";
  std::vector<std::filesystem::path> cases;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    if (entry.is_directory()) {
      cases.push_back(entry.path());
    }
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE_FALSE(cases.empty());
  for (const auto& dir : cases) {
    SUBCASE(dir.filename().string().c_str()) {
      check_case(dir, update);
    }
  }
}
