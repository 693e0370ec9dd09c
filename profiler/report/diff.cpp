// `tokprof diff` output: an aggregate::Diff as a table (terminal or
// Markdown) or as JSON (schema tokprof.diff/1). Like the other writers, it
// only formats: the noise rule and the headlines come from aggregate/diff.

#include <map>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "report.hpp"
#include "table.hpp"

namespace tokprof::report {

namespace {

using aggregate::Change;
using aggregate::DiffEntry;

std::string number(std::optional<double> value) {
  return value ? fmt::format("{:.4g}", *value) : "-";
}

std::string before_after(const Change& change) {
  return fmt::format("{} -> {}", number(change.before), number(change.after));
}

// "+24.6% (+10.2% to +39.0%) !" for relative figures (tokens, cost):
// the interval of after - before, divided by before.
std::string relative_cell(const Change& change) {
  if (!change.relative) {
    return "-";
  }
  std::string cell = fmt::format("{:+.1f}%", *change.relative * 100);
  if (change.interval && change.before && *change.before != 0) {
    cell += fmt::format(" ({:+.1f}% to {:+.1f}%)", change.interval->low / *change.before * 100,
                        change.interval->high / *change.before * 100);
  }
  return cell + (change.beyond_noise ? " !" : "");
}

// "-0.4 (-1.9 to +1.1)" for the score: an absolute difference.
std::string difference_cell(const Change& change) {
  if (!change.before || !change.after) {
    return "-";
  }
  std::string cell = fmt::format("{:+.3g}", *change.after - *change.before);
  if (change.interval) {
    cell += fmt::format(" ({:+.3g} to {:+.3g})", change.interval->low, change.interval->high);
  }
  return cell + (change.beyond_noise ? " !" : "");
}

bool noteworthy(const DiffEntry& entry) {
  return entry.tokens.beyond_noise || entry.score.beyond_noise || entry.cost.beyond_noise;
}

TextTable diff_table(const DiffData& data) {
  TextTable table;
  table.add_column("Model / task", Align::left);
  table.add_column("Tokens/sample", Align::right);
  table.add_column("Change (CI)", Align::right);
  table.add_column("Score", Align::right);
  table.add_column("Change (CI)", Align::right);
  table.add_column("Cost/sample", Align::right);
  table.add_column("Change (CI)", Align::right);
  std::map<std::string, int> tasks_of;
  for (const DiffEntry& entry : data.diff.entries) {
    tasks_of[entry.model] += entry.task.empty() ? 0 : 1;
  }
  for (const DiffEntry& entry : data.diff.entries) {
    // Without --all, a task row only for a change beyond noise, and never
    // for a model's only task, whose row would repeat the model's.
    if (!entry.task.empty() && !data.all_tasks && (!noteworthy(entry) || tasks_of[entry.model] == 1)) {
      continue;
    }
    table.add_row({printable(entry.task.empty() ? entry.model : "  " + entry.task),
                   before_after(entry.tokens), relative_cell(entry.tokens), before_after(entry.score),
                   difference_cell(entry.score), before_after(entry.cost), relative_cell(entry.cost)});
  }
  // Figures neither run has (cost without prices): drop their columns.
  table.drop_empty_columns("- -> -");
  table.drop_empty_columns("-");
  return table;
}

std::string summary_lines(const DiffData& data, std::string_view bullet) {
  std::string out;
  const std::vector<std::string> headlines = aggregate::diff_headlines(data.diff);
  out += headlines.empty() ? "No change beyond noise.\n" : "Changes beyond noise:\n";
  for (const std::string& line : headlines) {
    out += fmt::format("{}{}\n", bullet, printable(line));
  }
  for (const std::string& model : data.diff.added) {
    out += fmt::format("{}added: {}\n", bullet, printable(model));
  }
  for (const std::string& model : data.diff.removed) {
    out += fmt::format("{}removed: {}\n", bullet, printable(model));
  }
  return out;
}

std::string noise_note(const DiffData& data) {
  if (!data.intervals) {
    return "note: a report has no bootstrap intervals: no change is flagged as beyond noise\n";
  }
  return "CI: 95% interval of the change, from the two runs' bootstrap intervals; ! beyond noise "
         "(the interval excludes 0).\n";
}

std::string diff_text(const DiffData& data) {
  std::string out = fmt::format("tokprof diff: {} -> {}\n\n", data.before_source, data.after_source);
  out += summary_lines(data, "  ");
  out += "\n";
  for (const std::string& line : diff_table(data).text_lines()) {
    out += line + "\n";
  }
  return out + noise_note(data);
}

std::string diff_markdown(const DiffData& data) {
  std::string out =
      fmt::format("# tokprof diff\n\n`{}` -> `{}`\n\n", data.before_source, data.after_source);
  out += summary_lines(data, "- ");
  return out + "\n" + diff_table(data).markdown() + "\n" + noise_note(data);
}

nlohmann::json optional_json(std::optional<double> value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json change_json(const Change& change) {
  nlohmann::json out = {{"before", optional_json(change.before)},
                        {"after", optional_json(change.after)},
                        {"relative", optional_json(change.relative)},
                        {"interval", nullptr},
                        {"beyond_noise", change.beyond_noise}};
  if (change.interval) {
    out["interval"] = {{"low", change.interval->low}, {"high", change.interval->high}};
  }
  return out;
}

std::string diff_json(const DiffData& data) {
  nlohmann::json entries = nlohmann::json::array();
  for (const DiffEntry& entry : data.diff.entries) {
    entries.push_back({{"model", entry.model},
                       {"task", entry.task.empty() ? nlohmann::json(nullptr) : nlohmann::json(entry.task)},
                       {"output_tokens_per_sample", change_json(entry.tokens)},
                       {"score", change_json(entry.score)},
                       {"cost_per_sample_usd", change_json(entry.cost)}});
  }
  const nlohmann::json out = {{"schema", "tokprof.diff/1"},
                              {"before", data.before_source},
                              {"after", data.after_source},
                              {"intervals", data.intervals},
                              {"headlines", aggregate::diff_headlines(data.diff)},
                              {"added", data.diff.added},
                              {"removed", data.diff.removed},
                              {"entries", entries}};
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

Result<std::string> render_diff(Format format, const DiffData& data) {
  switch (format) {
    case Format::term:
      return diff_text(data);
    case Format::md:
      return diff_markdown(data);
    case Format::json:
      return diff_json(data);
    case Format::csv:
    case Format::html:
      break;
  }
  return make_error(ErrorKind::usage, "tokprof diff writes term, md or json");
}

}  // namespace tokprof::report
