#include "tables.hpp"

#include "intervals.hpp"

namespace tokprof::report {

bool any_cost(const Profile& profile) {
  for (const ModelProfile& model : profile.models) {
    if (model.figures.cost_usd) {
      return true;
    }
  }
  return false;
}

bool any_hidden(const Profile& profile) {
  for (const ModelProfile& model : profile.models) {
    if (hidden_share(model.figures)) {
      return true;
    }
  }
  return false;
}

std::string frontier_marker(const Profile& profile, const std::string& model) {
  std::string marker;
  const auto* tokens = frontier_entry(profile.tokens_frontier, model);
  marker += tokens != nullptr && tokens->on_frontier ? "*" : "";
  if (profile.cost_frontier) {
    const auto* cost = frontier_entry(*profile.cost_frontier, model);
    marker += cost != nullptr && cost->on_frontier ? "$" : "";
  }
  return marker;
}

namespace {

struct ModelColumns {
  bool costs = false;
  bool hidden = false;
  bool baseline = false;
  int decimals = 3;
  bool stability = false;   // bootstrap: share of resamples on the frontier
  bool projection = false;  // --volume: monthly cost
};

std::vector<std::string> model_table_row(const Profile& profile, const ModelProfile& model,
                                         const ModelColumns& columns) {
  const Figures& f = model.figures;
  const aggregate::FigureIntervals ci = model.intervals.value_or(aggregate::FigureIntervals{});
  std::vector<std::string> row = {frontier_marker(profile, model.model)};
  if (columns.stability) {
    row.push_back(stability_cell(profile, model));
  }
  row.insert(row.end(), {model.model,
                                  score_with_margin(f.score, ci.score, columns.decimals),
                                  format_tokens(shown_samples(model)),
                                  format_tokens(static_cast<double>(f.output.total)),
                                  with_margin(format_tokens(f.output.mean), ci.output_mean, format_tokens),
                                  format_tokens(f.output.median),
                                  format_tokens(f.output.p90),
                                  format_tokens(f.output.max),
                                  format_tokens(f.tokens_per_correct),
                                  format_significant(f.score_per_million_tokens)});
  if (columns.hidden) {
    row.push_back(format_percent(hidden_share(f)));
  }
  if (columns.costs) {
    row.push_back(format_usd(f.cost_usd));
    row.push_back(with_margin(format_usd(f.cost_per_sample_usd), ci.cost_per_sample_usd, format_usd));
    row.push_back(format_usd(f.cost_per_correct_usd));
  }
  if (columns.projection) {
    row.push_back(projection_cell(model));
  }
  if (columns.baseline) {
    const aggregate::BaselineDelta delta = model.vs_baseline.value_or(aggregate::BaselineDelta{});
    const bool is_base = profile.baseline && model.model == *profile.baseline;
    row.push_back(is_base ? format_change(delta.tokens_ratio)
                          : change_with_interval(delta.tokens_ratio, delta.tokens_ratio_interval));
    row.push_back(is_base ? format_difference(delta.score_difference, columns.decimals)
                          : difference_with_interval(delta.score_difference,
                                                     delta.score_difference_interval, columns.decimals));
    if (columns.costs) {
      row.push_back(is_base ? format_change(delta.cost_ratio)
                            : change_with_interval(delta.cost_ratio, delta.cost_ratio_interval));
    }
  }
  row.push_back(tokens_label(model));
  return row;
}

}  // namespace

TextTable model_table(const Profile& profile) {
  const ModelColumns columns{any_cost(profile),      any_hidden(profile),
                             profile.baseline.has_value(), score_decimals(profile),
                             any_stability(profile),  any_projection(profile)};
  TextTable table;
  table.add_column("F", Align::left);
  if (columns.stability) {
    table.add_column("Stable", Align::right);
  }
  table.add_column("Model", Align::left);
  for (const char* header : {"Score", "N", "Output", "Mean", "Median", "P90", "Max",
                             "Tok/correct", "Score/Mtok"}) {
    table.add_column(header, Align::right);
  }
  if (columns.hidden) {
    table.add_column("Hidden", Align::right);
  }
  if (columns.costs) {
    for (const char* header : {"Cost", "$/sample", "$/correct"}) {
      table.add_column(header, Align::right);
    }
  }
  if (columns.projection) {
    table.add_column("$/month", Align::right);
  }
  if (columns.baseline) {
    table.add_column("Tok vs base", Align::right);
    table.add_column("Score vs base", Align::right);
    if (columns.costs) {
      table.add_column("$ vs base", Align::right);
    }
  }
  table.add_column("Tokens", Align::left);
  for (const ModelProfile* model : models_by_score(profile)) {
    table.add_row(model_table_row(profile, *model, columns));
  }
  table.drop_empty_columns(k_absent);
  return table;
}

TextTable task_table(const Profile& profile) {
  const bool costs = any_cost(profile);
  const int decimals = score_decimals(profile);
  TextTable table;
  table.add_column("Task", Align::left);
  table.add_column("Model", Align::left);
  for (const char* header : {"N", "Score", "Output", "Mean", "P90", "Tok/correct"}) {
    table.add_column(header, Align::right);
  }
  if (costs) {
    table.add_column("Cost", Align::right);
    table.add_column("$/sample", Align::right);
  }
  const auto models = models_by_score(profile);
  for (const std::string& task : profile.tasks) {
    for (const ModelProfile* model : models) {
      for (const aggregate::TaskFigures& figures : model->tasks) {
        if (figures.task != task) {
          continue;
        }
        const Figures& f = figures.figures;
        const auto ci = figures.intervals.value_or(aggregate::FigureIntervals{});
        std::vector<std::string> row = {task.empty() ? "(none)" : task,
                                        model->model,
                                        format_tokens(static_cast<double>(f.samples)),
                                        score_with_margin(f.score, ci.score, decimals),
                                        format_tokens(static_cast<double>(f.output.total)),
                                        with_margin(format_tokens(f.output.mean), ci.output_mean, format_tokens),
                                        format_tokens(f.output.p90),
                                        format_tokens(f.tokens_per_correct)};
        if (costs) {
          row.push_back(format_usd(f.cost_usd));
          row.push_back(format_usd(f.cost_per_sample_usd));
        }
        table.add_row(std::move(row));
      }
    }
  }
  return table;
}

}  // namespace tokprof::report
