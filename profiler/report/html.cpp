// The HTML report: one self-contained page (inline CSS, inline SVG, no
// script, no external resource) that a planner can mail or print. The page
// skeleton and stylesheet are reports/templates/report.{html,css}, compiled
// in; this file writes the content: headline cards, the two frontier plots,
// the tables, the frontier in words, warnings and the method.

#include <cctype>

#include <fmt/format.h>

#include "html_parts.hpp"
#include "plot.hpp"
#include "tables.hpp"
#include "templates.hpp"
#include "writers.hpp"

namespace tokprof::report {

namespace {

std::string hero(const ReportData& data) {
  const Profile& profile = data.profile;
  std::string meta = fmt::format("{} models", profile.models.size());
  if (!profile.tasks.empty()) {
    meta += fmt::format(" &middot; {} task{}", profile.tasks.size(),
                        profile.tasks.size() == 1 ? "" : "s");
  }
  if (!data.run.generated_at.empty()) {
    meta += " &middot; generated " + escape_html(data.run.generated_at);
  }
  return fmt::format(
      "<header class=\"hero\"><div class=\"eyebrow\">tokprof &middot; token efficiency</div>"
      "<h1>{}</h1><p class=\"meta\">{}</p>\n<p class=\"summary\">{} {}</p></header>\n",
      escape_html(data.run.title), meta, escape_html(sample_set_sentence(profile)),
      escape_html(scoring_sentence(profile)));
}

std::string card(const std::string& label, const std::string& value, const std::string& sub) {
  return fmt::format("<div class=\"card\"><div class=\"label\">{}</div><div class=\"value\">{}"
                     "</div><div class=\"sub\">{}</div></div>\n",
                     escape_html(label), escape_html(value), escape_html(sub));
}

// Returns the model with the lowest `key` (ties: first in score order).
template <typename Key>
const ModelProfile* lowest(const Profile& profile, Key key) {
  const ModelProfile* best = nullptr;
  for (const ModelProfile* model : models_by_score(profile)) {
    const std::optional<double> value = key(*model);
    if (value && (best == nullptr || *value < *key(*best))) {
      best = model;
    }
  }
  return best;
}

std::string frontier_card(const Profile& profile) {
  // One member per line: frontier names are long and must not break mid-name.
  std::string members;
  for (const std::string& member : profile.tokens_frontier.members) {
    members += "<span class=\"line\">" + escape_html(member) + "</span>";
  }
  return fmt::format("<div class=\"card\"><div class=\"label\">On the output-token frontier"
                     "</div><div class=\"value{}\">{}</div><div class=\"sub\">No other model "
                     "scores as high with fewer output tokens</div></div>\n",
                     profile.tokens_frontier.members.size() > 1 ? " small" : "",
                     members.empty() ? "none" : members);
}

std::string top_card(const Profile& profile) {
  const auto ordered = models_by_score(profile);
  if (ordered.empty() || !ordered.front()->figures.score) {
    return card("Highest score", k_absent, "No model has a score");
  }
  const ModelProfile& top = *ordered.front();
  return card("Highest score", top.model,
              fmt::format("Score {} with {} output tokens",
                          format_score(top.figures.score, score_decimals(profile)),
                          format_tokens(static_cast<double>(top.figures.output.total))));
}

std::string efficiency_card(const Profile& profile) {
  const auto* frugal =
      lowest(profile, [](const ModelProfile& m) { return m.figures.tokens_per_correct; });
  if (frugal != nullptr) {
    return card("Fewest tokens per correct answer", frugal->model,
                format_tokens(frugal->figures.tokens_per_correct) +
                    " output tokens per correct answer");
  }
  // Summary tables have no correct answers: fall back to score per token.
  const auto* dense = lowest(profile, [](const ModelProfile& m) {
    const auto value = m.figures.score_per_million_tokens;
    return value ? std::optional<double>(-*value) : std::nullopt;
  });
  if (dense != nullptr) {
    return card("Most score per million output tokens", dense->model,
                format_significant(dense->figures.score_per_million_tokens) +
                    " points per million output tokens");
  }
  return card("Fewest tokens per correct answer", k_absent, "No correct answers scored");
}

std::string cost_card(const Profile& profile) {
  if (!profile.cost_frontier) {
    return card("Cost", "Not priced", "Give a LiteLLM price file for cost figures");
  }
  const auto* cheap =
      lowest(profile, [](const ModelProfile& m) { return m.figures.cost_per_correct_usd; });
  if (cheap != nullptr) {
    return card("Lowest cost per correct answer", cheap->model,
                format_usd(cheap->figures.cost_per_correct_usd) + " per correct answer");
  }
  const auto* cheapest =
      lowest(profile, [](const ModelProfile& m) { return m.figures.cost_per_sample_usd; });
  if (cheapest != nullptr) {
    return card("Lowest cost per sample", cheapest->model,
                format_usd(cheapest->figures.cost_per_sample_usd) + " per sample");
  }
  return card("On the cost frontier", member_list(*profile.cost_frontier), "");
}

std::string cards(const Profile& profile) {
  return "<section class=\"cards\">\n" + frontier_card(profile) + top_card(profile) +
         efficiency_card(profile) + cost_card(profile) + "</section>\n";
}

// Tick labels are 1-2-5 multiples of powers of ten: print them short
// ("2k", not "2.0k"; "$0.02", not "$0.0200").
std::string axis_tokens(double value) {
  std::string text = format_tokens(value);
  const std::size_t zero = text.find(".0");
  if (zero != std::string::npos && zero + 2 < text.size() && !std::isdigit(text[zero + 2])) {
    text.erase(zero, 2);
  }
  return text;
}

std::string axis_usd(double value) {
  return value >= 1.0 ? format_usd(value) : "$" + format_number(value);
}

// Sets the point's error bars from its model's bootstrap intervals (issue 9).
void add_error_bars(const Profile& profile, bool cost, PlotPoint& point) {
  for (const ModelProfile& model : profile.models) {
    if (model.model != point.label || !model.intervals) {
      continue;
    }
    const auto bar = [](const std::optional<aggregate::Interval>& interval) {
      return interval ? std::optional(ErrorBar{interval->low, interval->high}) : std::nullopt;
    };
    point.x_bar = bar(cost ? model.intervals->cost_usd : model.intervals->output_total);
    point.y_bar = bar(model.intervals->score);
    if (profile.bootstrap && (point.x_bar || point.y_bar)) {
      point.tooltip += fmt::format(" (bars: {:.0f}% CI)", profile.bootstrap->confidence * 100);
    }
  }
}

std::string chart_panel(const Profile& profile, const aggregate::Frontier& frontier, bool cost) {
  PlotSpec spec;
  spec.title = cost ? "Score against cost" : "Score against output tokens";
  spec.x_title = cost ? "Cost, USD (log scale)" : "Output tokens, total (log scale)";
  spec.y_title = "Score";
  spec.x_format = cost ? [](double x) { return axis_usd(x); }
                       : [](double x) { return axis_tokens(x); };
  const int decimals = score_decimals(profile);
  std::vector<std::string> left_out;
  for (const aggregate::ParetoEntry& entry : frontier.entries) {
    if (!entry.eligible) {
      left_out.push_back(entry.name + (entry.score ? " (unpriced)" : " (no score)"));
      continue;
    }
    const std::string x_text = cost ? format_usd(*entry.x) : format_tokens(*entry.x) + " output tokens";
    spec.points.push_back(PlotPoint{entry.name, *entry.x, *entry.score,
                                    model_colour(profile, entry.name), entry.on_frontier,
                                    fmt::format("{}: score {}, {}", entry.name,
                                                format_score(entry.score, decimals), x_text)});
    add_error_bars(profile, cost, spec.points.back());
  }
  std::string html = fmt::format(
      "<section class=\"panel chart\"><h2>{}</h2>\n<p class=\"lede\">{}</p>\n",
      cost ? "Score vs cost" : "Score vs output tokens",
      cost ? "Each dot is a model: up is a better score, left is cheaper. The dashed staircase is "
             "the cost frontier; every model in the shaded region costs more than a frontier "
             "model for no better score."
           : "Each dot is a model: up is a better score, left is fewer output tokens. The dashed "
             "staircase is the frontier; every model in the shaded region spends more tokens "
             "than a frontier model for no better score.");
  html += "<div class=\"legend\"><span><i class=\"key-dot member\"></i>frontier model</span>"
          "<span><i class=\"key-dot\"></i>dominated model</span><span><i class=\"key-line\">"
          "</i>frontier</span><span><i class=\"key-area\"></i>dominated region</span></div>\n";
  html += spec.points.empty() ? "<p class=\"note\">No model has both a score and a value to plot.</p>"
                              : scatter_svg(spec);
  if (!left_out.empty()) {
    std::string names;
    for (const std::string& name : left_out) {
      names += (names.empty() ? "" : ", ") + name;
    }
    html += "\n<p class=\"note\">Not plotted: " + escape_html(names) + ".</p>";
  }
  return html + "\n</section>\n";
}

std::string frontier_panel(const Profile& profile) {
  std::string html = "<section class=\"panel\"><h2>Frontier</h2>\n<ul class=\"frontier-list\">\n";
  const auto add = [&](const char* title, const aggregate::Frontier& frontier) {
    html += fmt::format("<li><strong>{}:</strong> {}</li>\n", title,
                        escape_html(member_list(frontier)));
    for (const std::string& line : domination_lines(frontier)) {
      html += "<li class=\"muted\">" + escape_html(line) + "</li>\n";
    }
  };
  add("Output tokens vs score", profile.tokens_frontier);
  if (profile.cost_frontier) {
    add("Cost vs score", *profile.cost_frontier);
  }
  return html + "</ul></section>\n";
}

std::string warnings_panel(const ReportData& data) {
  const std::vector<std::string> warnings = all_warnings(data);
  if (warnings.empty()) {
    return {};
  }
  std::string html = "<section class=\"panel\"><h2>Warnings</h2>\n<ul class=\"warnings\">\n";
  for (const std::string& warning : warnings) {
    html += "<li>" + escape_html(warning) + "</li>\n";
  }
  return html + "</ul></section>\n";
}

std::string method_panel(const ReportData& data) {
  const Profile& profile = data.profile;
  std::string inputs;
  for (const std::string& input : data.run.inputs) {
    inputs += (inputs.empty() ? "" : ", ") + ("<code>" + escape_html(input) + "</code>");
  }
  const auto row = [](const char* term, const std::string& html) {
    return fmt::format("<dt>{}</dt><dd>{}</dd>\n", term, html);
  };
  std::string html = "<section class=\"panel\"><h2>Method</h2>\n<dl class=\"method\">\n";
  html += row("Samples", escape_html(sample_set_sentence(profile)));
  html += row("Score", escape_html(scoring_sentence(profile)));
  html += row("Output tokens",
              "Reported by the API when every sample of a model has them, else counted with a BPE "
              "tokenizer on the visible output (setting: " +
                  escape_html(aggregate::to_string(profile.tokens_mode)) +
                  "). Hidden reasoning is reported minus counted output.");
  const std::string quantiles =
      profile.quantile_accuracy
          ? fmt::format("Median and p90 are DDSketch estimates (--approx-quantiles), within a relative {} of "
                        "the value of rank floor(q (n - 1)). ",
                        format_number(*profile.quantile_accuracy))
          : std::string("Median and p90 interpolate linearly between ranks (numpy's default). ");
  html += row("Statistics", quantiles + "Tokens per correct answer = output tokens of scored samples / correct "
                            "answers. Score per million tokens = score / (output tokens / 10<sup>6"
                            "</sup>).");
  html += row("Frontier", "A dominates B when A has no more tokens (or cost) and no lower score, "
                          "and is strictly better in one. Exact ties share the frontier.");
  html += row("Cost", data.run.price_file.empty()
                          ? std::string("No price file; costs reported by the traces are used "
                                        "where every sample has one.")
                          : "Prices from <code>" + escape_html(data.run.price_file) +
                                "</code> (USD per token); cached input priced once, at the cache "
                                "rate.");
  if (!inputs.empty()) {
    html += row("Inputs", inputs);
  }
  return html + "</dl></section>\n";
}

}  // namespace

Result<std::string> write_html(const ReportData& data) {
  const Profile& profile = data.profile;
  std::string content = hero(data) + cards(profile);
  content += chart_panel(profile, profile.tokens_frontier, false);
  if (profile.cost_frontier) {
    content += chart_panel(profile, *profile.cost_frontier, true);
  }
  content += models_panel(profile) + tasks_panel(profile) + frontier_panel(profile);
  content += warnings_panel(data) + method_panel(data);
  std::string footer = "Made with tokprof";
  footer += data.run.tool_version.empty() ? "" : " " + escape_html(data.run.tool_version);
  footer += " &middot; report schema tokprof.report/1";
  const std::string generator =
      "tokprof" + (data.run.tool_version.empty() ? "" : " " + escape_html(data.run.tool_version));
  return fill_template(report_html(), {{"generator", generator},
                                       {"title", escape_html(data.run.title)},
                                       {"css", std::string(report_css())},
                                       {"content", content},
                                       {"footer", footer}});
}

}  // namespace tokprof::report
