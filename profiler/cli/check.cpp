// `tokprof check`: a CI gate over a JSON report, optionally against a
// baseline report; exit 0 when every threshold holds, 4 (k_exit_check_failed)
// with one line per breach otherwise (aggregate/diff.hpp, check_limits).

#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "aggregate/diff.hpp"
#include "args.hpp"
#include "base/strings.hpp"
#include "commands.hpp"
#include "diagnostics.hpp"
#include "run.hpp"
#include "snapshot_file.hpp"

namespace tokprof::cli {

namespace {

const std::vector<OptionSpec> k_options = {{"baseline", true},          {"max-token-increase", true},
                                           {"min-score", true},         {"max-cost-per-task", true},
                                           {"help", false}};

constexpr std::string_view k_usage = R"(usage: tokprof check [--baseline OLD.json] [LIMITS] NEW.json

Gates a change in CI: checks the JSON report NEW.json (from `tokprof profile
--report json`) against limits. Exit 0 when all pass; 4 with one line per
breach otherwise.

limits (at least one):
  --max-token-increase P  output tokens per sample may rise at most P over the
                          baseline, per model ("10%" or "0.1"); needs --baseline
  --min-score X           every model's score must be at least X
  --max-cost-per-task USD every model's cost per task (sample) must be at most USD
  --baseline OLD.json     the report to compare with; a model in it that is
                          missing from NEW.json is a breach
)";

Result<double> parse_limit(const Args& args, const char* name) {
  std::string text = *args.value(name);
  const bool percent = !text.empty() && text.back() == '%';
  if (percent) {
    text.pop_back();
  }
  if (!text.empty() && text.front() == '$') {
    text.erase(0, 1);
  }
  const auto value = parse_double(text);
  if (!value || !std::isfinite(*value)) {
    return make_error(ErrorKind::usage, fmt::format("--{} needs a number, not \"{}\"", name, *args.value(name)));
  }
  return percent ? *value / 100 : *value;
}

Result<aggregate::CheckLimits> read_limits(const Args& args) {
  aggregate::CheckLimits limits;
  if (args.value("max-token-increase")) {
    TOKPROF_TRY_ASSIGN(limits.max_token_increase, parse_limit(args, "max-token-increase"));
    if (!args.value("baseline")) {
      return make_error(ErrorKind::usage, "--max-token-increase needs --baseline OLD.json");
    }
  }
  if (args.value("min-score")) {
    TOKPROF_TRY_ASSIGN(limits.min_score, parse_limit(args, "min-score"));
  }
  if (args.value("max-cost-per-task")) {
    TOKPROF_TRY_ASSIGN(limits.max_cost_per_task, parse_limit(args, "max-cost-per-task"));
  }
  if (!limits.max_token_increase && !limits.min_score && !limits.max_cost_per_task) {
    return make_error(ErrorKind::usage, "tokprof check needs at least one limit (see tokprof check --help)");
  }
  return limits;
}

}  // namespace

int check_command(const std::vector<std::string>& argv) {
  auto args = Args::parse(argv, k_options);
  if (!args) {
    print_error(args.error());
    return k_exit_usage;
  }
  if (args->flag("help")) {
    fmt::print("{}", k_usage);
    return k_exit_ok;
  }
  const auto limits = read_limits(*args);
  if (!limits || args->positional().size() != 1) {
    print_error(limits ? "tokprof check needs one JSON report to check (see tokprof check --help)"
                       : limits.error().message);
    return k_exit_usage;
  }
  const auto current = read_snapshot_file(args->positional()[0]);
  std::optional<Result<aggregate::Snapshot>> baseline;
  if (const auto path = args->value("baseline")) {
    baseline = read_snapshot_file(*path);
  }
  if (!current || (baseline && !*baseline)) {
    print_error(!current ? current.error() : baseline->error());
    return k_exit_error;
  }
  const auto breaches =
      aggregate::check_limits(baseline ? &**baseline : nullptr, *current, *limits);
  for (const std::string& breach : breaches) {
    fmt::print("FAIL {}\n", breach);
  }
  if (!breaches.empty()) {
    return k_exit_check_failed;
  }
  fmt::print("OK: {} models within every limit\n", current->models.size());
  return k_exit_ok;
}

}  // namespace tokprof::cli
