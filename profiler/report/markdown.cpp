// The Markdown report: ready to paste into a document or a pull request.

#include <fmt/format.h>

#include "intervals.hpp"
#include "table.hpp"
#include "tables.hpp"
#include "writers.hpp"

namespace tokprof::report {

namespace {

void append_frontier(std::string& out, const char* title, const aggregate::Frontier& frontier) {
  out += fmt::format("**{}:** {}\n", title, printable(member_list(frontier)));
  const std::vector<std::string> lines = domination_lines(frontier);
  if (!lines.empty()) {
    out += "\n";
  }
  for (const std::string& line : lines) {
    out += "- " + printable(line) + "\n";
  }
  out += "\n";
}

std::string provenance(const RunInfo& run) {
  std::string text = "Generated";
  if (!run.generated_at.empty()) {
    text += " " + run.generated_at;
  }
  text += " by tokprof";
  if (!run.tool_version.empty()) {
    text += " " + run.tool_version;
  }
  if (!run.price_file.empty()) {
    text += fmt::format(", prices from `{}`", run.price_file);
  }
  return text + ".";
}

}  // namespace

std::string write_markdown(const ReportData& data) {
  const Profile& profile = data.profile;
  std::string out =
      fmt::format("# {}\n\n{}\n\n", printable(data.run.title), printable(provenance(data.run)));
  out += sample_set_sentence(profile) + " " + scoring_sentence(profile) + "\n\n";
  out += model_table(profile).markdown();
  if (profile.tokens_frontier.members.empty()) {  // the table has no F column
    out += "\n";
  } else {
    out += profile.cost_frontier
               ? "\nF: `*` on the output-token frontier, `$` on the cost frontier.\n\n"
               : "\nF: `*` on the output-token frontier.\n\n";
  }
  if (const std::string note = interval_note(profile); !note.empty()) {
    out += note + "\n\n";
  }
  append_frontier(out, "Frontier, output tokens vs score", profile.tokens_frontier);
  if (profile.cost_frontier) {
    append_frontier(out, "Frontier, cost vs score", *profile.cost_frontier);
  }
  const std::vector<std::string> comparisons = comparison_sentences(profile);
  if (!comparisons.empty()) {
    out += "## Paired comparisons\n\n";
    for (const std::string& sentence : comparisons) {
      out += "- " + printable(sentence) + "\n";
    }
    out += "\n";
  }
  if (!profile.tasks.empty()) {
    out += "## Per task\n\n" + task_table(profile).markdown() + "\n";
  }
  const std::vector<std::string> warnings = all_warnings(data);
  if (!warnings.empty()) {
    out += "## Warnings\n\n";
    for (const std::string& warning : warnings) {
      out += "- " + printable(warning) + "\n";
    }
    out += "\n";
  }
  out.pop_back();
  return out;
}

}  // namespace tokprof::report
