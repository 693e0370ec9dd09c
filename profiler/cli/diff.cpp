// `tokprof diff OLD.json NEW.json`: what changed between two runs, per model
// and per task, with the changes beyond noise first (aggregate/diff.hpp).
// Inputs are JSON reports; two trace sets are not taken yet: profile each
// with --report json first.

#include <string>
#include <vector>

#include <fmt/format.h>

#include "aggregate/diff.hpp"
#include "args.hpp"
#include "base/file.hpp"
#include "commands.hpp"
#include "diagnostics.hpp"
#include "run.hpp"

namespace tokprof::cli {
namespace {

const std::vector<OptionSpec> k_options = {{"all", false}, {"help", false}};

constexpr std::string_view k_usage = R"(usage: tokprof diff [OPTIONS] OLD.json NEW.json

Compares two JSON reports written by `tokprof profile --report json`: per
model and per task changes in output tokens per sample, score and cost per
sample. A change is beyond noise (marked !) when the interval of the
difference, from the two reports' bootstrap intervals, excludes zero.

options:
  --all     list every task, not only those with a change beyond noise
)";

std::string number(std::optional<double> value) {
  return value ? fmt::format("{:.4g}", *value) : "-";
}

std::string change_cell(const aggregate::Change& change) {
  std::string cell = fmt::format("{} -> {}", number(change.before), number(change.after));
  if (change.relative) {
    cell += fmt::format(" ({:+.1f}%)", *change.relative * 100);
  } else if (change.before && change.after) {
    cell += fmt::format(" ({:+.3g})", *change.after - *change.before);
  }
  return cell + (change.beyond_noise ? " !" : "");
}

bool noteworthy(const aggregate::DiffEntry& entry) {
  return entry.tokens.beyond_noise || entry.score.beyond_noise || entry.cost.beyond_noise;
}

std::string render(const aggregate::Diff& diff, const aggregate::Snapshot& before,
                   const aggregate::Snapshot& after, bool all) {
  std::string out = fmt::format("tokprof diff: {} -> {}\n", before.source, after.source);
  if (!before.confidence || !after.confidence) {
    out += "note: a report has no bootstrap intervals: no change is flagged as beyond noise\n";
  }
  const std::vector<std::string> headlines = aggregate::diff_headlines(diff);
  out += headlines.empty() ? "\nNo change beyond noise.\n" : "\nChanges beyond noise:\n";
  for (const std::string& line : headlines) {
    out += "  " + line + "\n";
  }
  for (const std::string& model : diff.added) {
    out += fmt::format("  added: {}\n", model);
  }
  for (const std::string& model : diff.removed) {
    out += fmt::format("  removed: {}\n", model);
  }
  out += "\nmodel / task | output tokens per sample | score | cost per sample\n";
  for (const aggregate::DiffEntry& entry : diff.entries) {
    if (!entry.task.empty() && !all && !noteworthy(entry)) {
      continue;
    }
    const std::string name = entry.task.empty() ? entry.model : "  " + entry.task;
    out += fmt::format("{} | {} | {} | {}\n", name, change_cell(entry.tokens),
                       change_cell(entry.score), change_cell(entry.cost));
  }
  return out;
}

}  // namespace

// Reads the JSON report at `path` into a Snapshot.
Result<aggregate::Snapshot> read_snapshot_file(const std::string& path) {
  TOKPROF_TRY_ASSIGN(const std::string text, read_file(path));
  return aggregate::parse_snapshot(text, path);
}

int diff_command(const std::vector<std::string>& argv) {
  auto args = Args::parse(argv, k_options);
  if (!args) {
    print_error(args.error());
    return k_exit_usage;
  }
  if (args->flag("help")) {
    fmt::print("{}", k_usage);
    return k_exit_ok;
  }
  if (args->positional().size() != 2) {
    print_error("tokprof diff needs two JSON reports: OLD.json NEW.json (see tokprof diff --help)");
    return k_exit_usage;
  }
  auto before = read_snapshot_file(args->positional()[0]);
  auto after = before ? read_snapshot_file(args->positional()[1]) : before;
  if (!before || !after) {
    print_error(before ? after.error() : before.error());
    return k_exit_error;
  }
  const aggregate::Diff diff = aggregate::diff_snapshots(*before, *after);
  fmt::print("{}", render(diff, *before, *after, args->flag("all")));
  return k_exit_ok;
}

}  // namespace tokprof::cli
