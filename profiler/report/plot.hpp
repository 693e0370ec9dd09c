#pragma once
// Inline SVG scatter plots for the HTML report: score (linear y) against a
// cost-like x on a log axis, with the frontier drawn as a staircase and the
// region it dominates shaded. Pure string building: the same input gives
// the same bytes, which the golden tests rely on.

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tokprof::report {

// A confidence interval drawn as an error bar around a point.
struct ErrorBar {
  double low = 0;
  double high = 0;
};

struct PlotPoint {
  std::string label;
  double x = 0;
  double y = 0;
  std::string colour;  // CSS colour of the dot
  bool member = false;  // on the frontier
  std::string tooltip;
  std::optional<ErrorBar> x_bar = std::nullopt;  // drawn when set; the axes make room
  std::optional<ErrorBar> y_bar = std::nullopt;
};

struct PlotSpec {
  std::string title;    // for screen readers
  std::string x_title;  // "Output tokens (log scale)"
  std::string y_title;  // "Score"
  std::function<std::string(double)> x_format;  // tick labels of the x axis
  std::vector<PlotPoint> points;
};

// Returns an <svg> element plotting `spec`; the frontier is drawn through the
// points marked `member`. Points need x > 0 (a log axis): smaller x are
// drawn at the left edge.
[[nodiscard]] std::string scatter_svg(const PlotSpec& spec);

// Returns `text` with &, <, >, " and ' escaped for HTML and SVG.
[[nodiscard]] std::string escape_html(std::string_view text);

}  // namespace tokprof::report
