// The terminal report: the model table sorted by score with frontier
// members marked, the frontiers spelled out, the per-task table, then the
// warnings. Colour is opt-in (the CLI asks for it on a TTY only), and is
// applied to whole lines after alignment so it never shifts the columns.

#include <fmt/format.h>

#include "intervals.hpp"
#include "table.hpp"
#include "tables.hpp"
#include "writers.hpp"

namespace tokprof::report {

namespace {

struct Palette {
  std::string bold;
  std::string dim;
  std::string green;
  std::string yellow;
  std::string reset;
};

Palette palette(bool colour) {
  if (!colour) {
    return {};
  }
  return {"\x1b[1m", "\x1b[2m", "\x1b[32m", "\x1b[33m", "\x1b[0m"};
}

void append_table(std::string& out, const TextTable& table, const Palette& p,
                  const std::vector<std::string>& row_styles) {
  const std::vector<std::string> lines = table.text_lines();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& style = i == 0 ? p.bold : (i >= 2 ? row_styles[i - 2] : std::string());
    out += style.empty() ? lines[i] + "\n" : style + lines[i] + p.reset + "\n";
  }
}

void append_frontier(std::string& out, const char* title, const aggregate::Frontier& frontier,
                     const Palette& p) {
  out += fmt::format("{}{}:{} {}\n", p.bold, title, p.reset, printable(member_list(frontier)));
  for (const std::string& line : domination_lines(frontier)) {
    out += "  " + printable(line) + "\n";
  }
}

}  // namespace

std::string write_terminal(const ReportData& data, bool colour) {
  const Palette p = palette(colour);
  const Profile& profile = data.profile;
  std::string out = fmt::format("{}{}{}\n", p.bold, printable(data.run.title), p.reset);
  out += sample_set_sentence(profile) + "\n" + scoring_sentence(profile) + "\n\n";

  std::vector<std::string> styles;
  for (const ModelProfile* model : models_by_score(profile)) {
    const bool member = !frontier_marker(profile, model->model).empty();
    styles.push_back(member ? p.green : (model->figures.score ? std::string() : p.dim));
  }
  append_table(out, model_table(profile), p, styles);
  if (!profile.tokens_frontier.members.empty()) {  // else the table has no F column
    out += profile.cost_frontier ? "* on the output-token frontier, $ on the cost frontier\n"
                                 : "* on the output-token frontier\n";
  }
  const std::string note = interval_note(profile);
  out += note.empty() ? "\n" : note + "\n\n";

  append_frontier(out, "Frontier, output tokens vs score", profile.tokens_frontier, p);
  if (profile.cost_frontier) {
    append_frontier(out, "Frontier, cost vs score", *profile.cost_frontier, p);
  }

  const std::vector<std::string> comparisons = comparison_sentences(profile);
  if (!comparisons.empty()) {
    out += fmt::format("\n{}Paired comparisons{}\n", p.bold, p.reset);
    for (const std::string& sentence : comparisons) {
      out += "  " + printable(sentence) + "\n";
    }
  }

  if (!profile.tasks.empty()) {
    out += fmt::format("\n{}Per task{}\n", p.bold, p.reset);
    const TextTable tasks = task_table(profile);
    append_table(out, tasks, p, std::vector<std::string>(tasks.text_lines().size(), ""));
  }

  const std::vector<std::string> warnings = all_warnings(data);
  if (!warnings.empty()) {
    out += "\n";
    for (const std::string& warning : warnings) {
      out += fmt::format("{}warning:{} {}\n", p.yellow, p.reset, printable(warning));
    }
  }
  return out;
}

}  // namespace tokprof::report
