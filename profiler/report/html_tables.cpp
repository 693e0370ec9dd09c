// The tables of the HTML report: models, and the per-task breakdown.

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "html_parts.hpp"
#include "intervals.hpp"
#include "plot.hpp"
#include "tables.hpp"

namespace tokprof::report {

namespace {

// Colour-blind-aware hues, dark enough for white text and for thin marks.
constexpr const char* k_palette[] = {"#3b5bdb", "#e8590c", "#0c8599", "#c2255c", "#5f3dc4",
                                     "#2b8a3e", "#d9480f", "#1971c2", "#862e9c", "#e67700"};

std::string th(const char* text, bool left = false) {
  return fmt::format("<th{}>{}</th>", left ? " class=\"text\"" : "", text);
}

std::string td(const std::string& text) {
  return fmt::format("<td>{}</td>", text == k_absent ? "<span class=\"muted\">&ndash;</span>"
                                                     : escape_html(text));
}

std::string badges(const Profile& profile, const std::string& model) {
  std::string html;
  const auto* tokens = frontier_entry(profile.tokens_frontier, model);
  if (tokens != nullptr && tokens->on_frontier) {
    html += "<span class=\"badge\">tokens</span>";
  }
  if (profile.cost_frontier) {
    const auto* cost = frontier_entry(*profile.cost_frontier, model);
    if (cost != nullptr && cost->on_frontier) {
      html += "<span class=\"badge cost\">cost</span>";
    }
  }
  return html;
}

// One numeric column of the models table: its header and its cell per model.
struct Column {
  const char* header;
  std::function<std::string(const ModelProfile&)> cell;
};

aggregate::FigureIntervals intervals(const ModelProfile& model) {
  return model.intervals.value_or(aggregate::FigureIntervals{});
}

std::vector<Column> model_columns(const Profile& profile) {
  const int decimals = score_decimals(profile);
  std::vector<Column> columns = {
      {"Score",
       [=](const ModelProfile& m) {
         return score_with_margin(m.figures.score, intervals(m).score, decimals);
       }},
      {"Samples", [](const ModelProfile& m) { return format_tokens(shown_samples(m)); }},
      {"Output tokens",
       [](const ModelProfile& m) {
         return format_tokens(static_cast<double>(m.figures.output.total));
       }},
      {"Mean",
       [](const ModelProfile& m) {
         return with_margin(format_tokens(m.figures.output.mean), intervals(m).output_mean,
                            format_tokens);
       }},
      {"Median", [](const ModelProfile& m) { return format_tokens(m.figures.output.median); }},
      {"P90", [](const ModelProfile& m) { return format_tokens(m.figures.output.p90); }},
      {"Max", [](const ModelProfile& m) {
         const auto max = m.figures.output.max;
         return format_tokens(max ? std::optional<double>(static_cast<double>(*max)) : std::nullopt);
       }},
      {"Tokens / correct",
       [](const ModelProfile& m) { return format_tokens(m.figures.tokens_per_correct); }},
      {"Score / M tokens",
       [](const ModelProfile& m) { return format_significant(m.figures.score_per_million_tokens); }},
      {"Hidden reasoning",
       [](const ModelProfile& m) { return format_percent(hidden_share(m.figures)); }},
      {"Cost", [](const ModelProfile& m) { return format_usd(m.figures.cost_usd); }},
      {"Cost / sample",
       [](const ModelProfile& m) {
         return with_margin(format_usd(m.figures.cost_per_sample_usd),
                            intervals(m).cost_per_sample_usd, format_usd);
       }},
      {"Monthly cost", [](const ModelProfile& m) { return projection_cell(m); }},
      {"Cost / correct",
       [](const ModelProfile& m) { return format_usd(m.figures.cost_per_correct_usd); }}};
  if (profile.baseline) {
    const auto delta = [](const ModelProfile& m) {
      return m.vs_baseline.value_or(aggregate::BaselineDelta{});
    };
    columns.push_back({"Tokens vs baseline", [=](const ModelProfile& m) {
                         return change_with_interval(delta(m).tokens_ratio,
                                                     delta(m).tokens_ratio_interval);
                       }});
    columns.push_back({"Score vs baseline", [=](const ModelProfile& m) {
                         return difference_with_interval(delta(m).score_difference,
                                                         delta(m).score_difference_interval, decimals);
                       }});
    columns.push_back({"Cost vs baseline", [=](const ModelProfile& m) {
                         return change_with_interval(delta(m).cost_ratio, delta(m).cost_ratio_interval);
                       }});
  }
  if (any_stability(profile)) {
    columns.insert(columns.begin(),
                   {profile.cost_frontier ? "Frontier stability (tokens / cost)" : "Frontier stability",
                    [&profile](const ModelProfile& m) { return stability_cell(profile, m); }});
  }
  // Columns without a value for any model (costs without prices, quantiles
  // of summary rows) are left out rather than shown as dashes.
  std::erase_if(columns, [&](const Column& column) {
    return std::all_of(profile.models.begin(), profile.models.end(),
                       [&](const ModelProfile& m) { return column.cell(m) == k_absent; });
  });
  return columns;
}

std::string model_row(const Profile& profile, const ModelProfile& model,
                      const std::vector<Column>& columns) {
  const std::string members = badges(profile, model.model);
  std::string row = fmt::format(
      "<tr{}><td class=\"text\">{}<div class=\"source\">{}</div></td><td class=\"text\">{}</td>",
      members.empty() ? "" : " class=\"member\"", model_cell(profile, model.model),
      escape_html(tokens_label(model)), members);
  for (const Column& column : columns) {
    row += td(column.cell(model));
  }
  return row + "</tr>\n";
}

std::string task_block(const Profile& profile, const std::string& task, bool costs, int decimals) {
  struct Line {
    const ModelProfile* model;
    const Figures* figures;
    aggregate::FigureIntervals intervals;
  };
  std::vector<Line> lines;
  double widest = 0;
  std::int64_t samples = 0;
  for (const ModelProfile* model : models_by_score(profile)) {
    for (const aggregate::TaskFigures& figures : model->tasks) {
      if (figures.task == task) {
        lines.push_back(Line{model, &figures.figures,
                             figures.intervals.value_or(aggregate::FigureIntervals{})});
        widest = std::max(widest, figures.figures.output.mean.value_or(0));
        samples = std::max(samples, figures.figures.samples);
      }
    }
  }
  std::string html = fmt::format(
      "<div class=\"task\"><h3><span>{}</span><span class=\"count\">{} samples per model</span>"
      "</h3>\n<table class=\"data\"><thead><tr>{}{}{}<th class=\"text bar-cell\"></th>{}{}"
      "</tr></thead><tbody>\n",
      escape_html(task.empty() ? "(no task)" : task), format_integer(samples), th("Model", true),
      th("Score"), th("Mean output tokens"), th("Tokens / correct"),
      costs ? th("Cost / sample") : "");
  for (const Line& line : lines) {
    const double mean = line.figures->output.mean.value_or(0);
    const double width = widest > 0 ? 100.0 * mean / widest : 0;
    html += fmt::format(
        "<tr><td class=\"text\">{}</td>{}{}<td class=\"text bar-cell\"><div class=\"bar\"><div "
        "class=\"fill\" style=\"width:{:.1f}%;background:{}\"></div></div></td>{}{}</tr>\n",
        model_cell(profile, line.model->model), td(score_with_margin(line.figures->score, line.intervals.score, decimals)),
        td(with_margin(format_tokens(line.figures->output.mean), line.intervals.output_mean,
                       format_tokens)),
        width,
        model_colour(profile, line.model->model),
        td(format_tokens(line.figures->tokens_per_correct)),
        costs ? td(format_usd(line.figures->cost_per_sample_usd)) : "");
  }
  return html + "</tbody></table></div>\n";
}

}  // namespace

std::string model_colour(const Profile& profile, const std::string& model) {
  std::size_t index = 0;
  for (std::size_t i = 0; i < profile.models.size(); ++i) {
    index = profile.models[i].model == model ? i : index;
  }
  return k_palette[index % std::size(k_palette)];
}

std::string model_cell(const Profile& profile, const std::string& model) {
  return fmt::format("<span class=\"model-cell\"><span class=\"swatch\" style=\"background:{}\">"
                     "</span>{}</span>",
                     model_colour(profile, model), escape_html(model));
}

std::string models_panel(const Profile& profile) {
  const std::vector<Column> columns = model_columns(profile);
  std::string html =
      "<section class=\"panel\"><h2>Models</h2>\n<p class=\"lede\">Sorted by score. Output "
      "tokens are totals over the compared samples; mean, median, p90 and max are per sample. "
      "Under each name: where its output tokens come from.";
  if (const std::string note = interval_note(profile); !note.empty()) {
    html += " " + escape_html(note);
  }
  html += "</p>\n<div class=\"table-wrap\"><table class=\"data\"><thead><tr>";
  html += th("Model", true) + th("Frontier", true);
  for (const Column& column : columns) {
    html += th(column.header);
  }
  html += "</tr></thead><tbody>\n";
  for (const ModelProfile* model : models_by_score(profile)) {
    html += model_row(profile, *model, columns);
  }
  return html + "</tbody></table></div></section>\n";
}

std::string tasks_panel(const Profile& profile) {
  if (profile.tasks.empty()) {
    return {};
  }
  std::string html =
      "<section class=\"panel\"><h2>Per task</h2>\n<p class=\"lede\">Score and mean output "
      "tokens per sample on each task; bars compare models within a task.</p>\n"
      "<div class=\"tasks\">\n";
  const bool costs = any_cost(profile);
  const int decimals = score_decimals(profile);
  for (const std::string& task : profile.tasks) {
    html += task_block(profile, task, costs, decimals);
  }
  return html + "</div></section>\n";
}

}  // namespace tokprof::report
