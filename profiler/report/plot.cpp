// Scatter plots as inline SVG. Axis choices: x is logarithmic because
// output tokens and costs of models span orders of magnitude (58M next to
// 157M, $0.10 next to $40); ticks sit at 1-2-5 multiples of powers of ten,
// thinned to powers of ten when there are too many and filled with 1-9 when
// there are too few. y is linear with "nice" steps (1, 2, 2.5, 5 x 10^k),
// clamped to [0, 1] when every score is in it.
//
// Labels go above and right of their dot (left near the right edge), with
// a white halo so that grid and frontier lines never strike through them,
// and are nudged
// vertically, greedily in order of height, until they overlap no label
// already placed; with a dozen models this keeps every name readable.

#include "plot.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "table.hpp"

namespace tokprof::report {

namespace {

constexpr double k_width = 960;
constexpr double k_height = 420;
constexpr double k_left = 66;
constexpr double k_right = k_width - 24;
constexpr double k_top = 16;
constexpr double k_bottom = k_height - 52;

struct LogAxis {
  double lo = 0;  // log10 of the domain ends
  double hi = 1;
  std::vector<double> ticks;

  [[nodiscard]] double map(double x) const {
    const double clamped = std::clamp(std::log10(std::max(x, 1e-300)), lo, hi);
    return k_left + (clamped - lo) / (hi - lo) * (k_right - k_left);
  }
};

struct LinearAxis {
  double lo = 0;
  double hi = 1;
  double step = 0.2;
  int decimals = 1;

  [[nodiscard]] double map(double y) const {
    return k_bottom - (y - lo) / (hi - lo) * (k_bottom - k_top);
  }
};

std::vector<double> log_ticks(double lo, double hi, std::initializer_list<double> multipliers) {
  std::vector<double> ticks;
  for (auto exponent = static_cast<int>(std::floor(lo)); exponent <= static_cast<int>(std::ceil(hi));
       ++exponent) {
    for (const double multiplier : multipliers) {
      const double tick = multiplier * std::pow(10.0, exponent);
      const double position = std::log10(tick);
      if (position >= lo - 1e-9 && position <= hi + 1e-9) {
        ticks.push_back(tick);
      }
    }
  }
  return ticks;
}

LogAxis make_log_axis(const std::vector<PlotPoint>& points) {
  double lo = HUGE_VAL;
  double hi = -HUGE_VAL;
  for (const PlotPoint& point : points) {
    const ErrorBar bar = point.x_bar.value_or(ErrorBar{point.x, point.x});
    for (const double value : {point.x, bar.low, bar.high}) {
      if (value > 0) {
        lo = std::min(lo, std::log10(value));
        hi = std::max(hi, std::log10(value));
      }
    }
  }
  if (lo > hi) {
    lo = hi = 0;
  }
  const double pad = std::max(0.12 * (hi - lo), 0.15);
  LogAxis axis{lo - pad, hi + pad, {}};
  axis.ticks = log_ticks(axis.lo, axis.hi, {1, 2, 5});
  if (axis.ticks.size() > 9) {
    axis.ticks = log_ticks(axis.lo, axis.hi, {1});
  } else if (axis.ticks.size() < 4) {
    axis.ticks = log_ticks(axis.lo, axis.hi, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  }
  return axis;
}

double nice_step(double raw) {
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double multiplier : {1.0, 2.0, 2.5, 5.0}) {
    if (multiplier * power >= raw) {
      return multiplier * power;
    }
  }
  return 10 * power;
}

LinearAxis make_linear_axis(const std::vector<PlotPoint>& points) {
  double lo = HUGE_VAL;
  double hi = -HUGE_VAL;
  for (const PlotPoint& point : points) {
    const ErrorBar bar = point.y_bar.value_or(ErrorBar{point.y, point.y});
    lo = std::min({lo, point.y, bar.low});
    hi = std::max({hi, point.y, bar.high});
  }
  const bool unit = lo >= 0 && hi <= 1;
  const double spread = std::max(hi - lo, std::max(std::fabs(hi) * 0.1, 0.05));
  LinearAxis axis;
  axis.step = nice_step(spread * 1.2 / 5);
  axis.lo = std::floor((lo - spread * 0.1) / axis.step) * axis.step;
  axis.hi = std::ceil((hi + spread * 0.1) / axis.step) * axis.step;
  if (unit) {
    axis.lo = std::max(axis.lo, 0.0);
    axis.hi = std::min(axis.hi, 1.0);
  }
  const double fraction = axis.step / std::pow(10.0, std::floor(std::log10(axis.step)));
  axis.decimals = std::max(0, -static_cast<int>(std::floor(std::log10(axis.step)))) +
                  (fraction == 2.5 ? 1 : 0);
  return axis;
}

struct Box {
  double x0, x1, y0, y1;
  [[nodiscard]] bool overlaps(const Box& other) const {
    return x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1;
  }
};

struct Pixel {
  double x, y;
};

// Returns the frontier members in pixels, in staircase order.
std::vector<Pixel> frontier_pixels(const std::vector<PlotPoint>& points, const LogAxis& x,
                                   const LinearAxis& y) {
  std::vector<const PlotPoint*> members;
  for (const PlotPoint& point : points) {
    if (point.member) {
      members.push_back(&point);
    }
  }
  std::stable_sort(members.begin(), members.end(), [](const PlotPoint* a, const PlotPoint* b) {
    return a->x != b->x ? a->x < b->x : a->y < b->y;
  });
  std::vector<Pixel> pixels;
  for (const PlotPoint* member : members) {
    pixels.push_back(Pixel{x.map(member->x), y.map(member->y)});
  }
  return pixels;
}

// Returns what labels must not cover: every dot and every frontier segment.
std::vector<Box> obstacles(const std::vector<PlotPoint>& points, const std::vector<Pixel>& stairs,
                           const LogAxis& x, const LinearAxis& y) {
  std::vector<Box> boxes;
  for (const PlotPoint& point : points) {
    const double px = x.map(point.x);
    const double py = y.map(point.y);
    boxes.push_back(Box{px - 8, px + 8, py - 8, py + 8});
  }
  for (std::size_t i = 0; i < stairs.size(); ++i) {
    const double next_x = i + 1 < stairs.size() ? stairs[i + 1].x : k_right;
    boxes.push_back(Box{stairs[i].x, next_x, stairs[i].y - 1.5, stairs[i].y + 1.5});
    if (i + 1 < stairs.size()) {
      boxes.push_back(Box{next_x - 1.5, next_x + 1.5, stairs[i + 1].y, stairs[i].y});
    }
  }
  return boxes;
}

struct Placed {
  const PlotPoint* point;
  double px, py;
  Box box;
  bool left;  // text anchored at its end, left of the dot
};

std::vector<Placed> place_labels(const std::vector<PlotPoint>& points, const LogAxis& x,
                                 const LinearAxis& y, const std::vector<Box>& avoid) {
  std::vector<Placed> placed;
  for (const PlotPoint& point : points) {
    const double px = x.map(point.x);
    const double py = y.map(point.y);
    const double width = (point.member ? 7.6 : 7.0) * static_cast<double>(display_width(point.label));
    const bool left = px + 10 + width > k_right;
    const double x0 = left ? px - 10 - width : px + 8;
    // Above the dot: the frontier runs horizontally right from each member.
    placed.push_back(Placed{&point, px, py, Box{x0, x0 + width, py - 24, py - 8}, left});
  }
  std::stable_sort(placed.begin(), placed.end(),
                   [](const Placed& a, const Placed& b) { return a.py < b.py; });
  // Above the dot first, then level with it, below it, and further out.
  constexpr double k_shifts[] = {0, 16, 32, -8, -16, 48, -24, 64, -32};
  for (std::size_t i = 0; i < placed.size(); ++i) {
    const Box base = placed[i].box;
    const auto clear = [&](const Box& box) {
      const bool inside = box.y0 >= k_top - 2 && box.y1 <= k_bottom - 2;
      const bool off_labels =
          std::none_of(placed.begin(), placed.begin() + static_cast<std::ptrdiff_t>(i),
                       [&](const Placed& other) { return other.box.overlaps(box); });
      const bool off_marks = std::none_of(avoid.begin(), avoid.end(),
                                          [&](const Box& mark) { return mark.overlaps(box); });
      return inside && off_labels && off_marks;
    };
    for (const double shift : k_shifts) {
      const Box moved{base.x0, base.x1, base.y0 + shift, base.y1 + shift};
      if (clear(moved)) {
        placed[i].box = moved;
        break;
      }
    }
  }
  return placed;
}

void append_axes(std::string& svg, const PlotSpec& spec, const LogAxis& x, const LinearAxis& y) {
  svg += "<g class=\"grid\">";
  std::string labels = "<g class=\"axis\">";
  for (const double tick : x.ticks) {
    const double px = x.map(tick);
    svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\"/>", px,
                       k_top, k_bottom);
    labels += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>", px,
                          k_bottom + 18, escape_html(spec.x_format(tick)));
  }
  const auto steps = static_cast<int>(std::llround((y.hi - y.lo) / y.step));
  for (int i = 0; i <= steps; ++i) {
    const double value = y.lo + i * y.step;
    const double py = y.map(value);
    svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\"/>", k_left,
                       py, k_right);
    labels += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{:.{}f}</text>",
                          k_left - 8, py + 4, value, y.decimals);
  }
  svg += "</g>\n" + labels + "</g>\n";
  svg += fmt::format("<text class=\"axis-title\" x=\"{:.1f}\" y=\"{:.1f}\" "
                     "text-anchor=\"middle\">{}</text>\n",
                     (k_left + k_right) / 2, k_height - 10, escape_html(spec.x_title));
  svg += fmt::format("<text class=\"axis-title\" transform=\"translate(16 {:.1f}) rotate(-90)\" "
                     "text-anchor=\"middle\">{}</text>\n",
                     (k_top + k_bottom) / 2, escape_html(spec.y_title));
}

// The frontier as a staircase through its members (x ascending), and the
// region below and right of it, which every dominated model falls into.
void append_frontier(std::string& svg, const std::vector<Pixel>& members) {
  if (members.empty()) {
    return;
  }
  std::string steps;
  for (std::size_t i = 1; i < members.size(); ++i) {
    steps += fmt::format(" H{:.1f} V{:.1f}", members[i].x, members[i].y);
  }
  const double x0 = members[0].x;
  const double y0 = members[0].y;
  svg += fmt::format("<path class=\"dominated\" d=\"M{:.1f} {:.1f} V{:.1f}{} H{:.1f} V{:.1f} Z\"/>\n",
                     x0, k_bottom, y0, steps, k_right, k_bottom);
  svg += fmt::format("<path class=\"frontier-line\" d=\"M{:.1f} {:.1f}{} H{:.1f}\"/>\n", x0, y0,
                     steps, k_right);
}

// Draws each point's confidence intervals as whiskers with short caps,
// under the dots so that a dot is never hidden by its own bar.
void append_error_bars(std::string& svg, const std::vector<PlotPoint>& points, const LogAxis& x,
                       const LinearAxis& y) {
  constexpr double k_cap = 4;
  for (const PlotPoint& point : points) {
    const double px = x.map(point.x);
    const double py = y.map(point.y);
    std::string path;
    if (point.x_bar) {
      const double x0 = x.map(point.x_bar->low);
      const double x1 = x.map(point.x_bar->high);
      path += fmt::format("M{0:.1f} {1:.1f} H{2:.1f} M{0:.1f} {3:.1f} V{4:.1f} M{2:.1f} {3:.1f} V{4:.1f}",
                          x0, py, x1, py - k_cap, py + k_cap);
    }
    if (point.y_bar) {
      const double y0 = y.map(point.y_bar->low);
      const double y1 = y.map(point.y_bar->high);
      path += fmt::format("{5}M{0:.1f} {1:.1f} V{2:.1f} M{3:.1f} {1:.1f} H{4:.1f} M{3:.1f} {2:.1f} H{4:.1f}",
                          px, y0, y1, px - k_cap, px + k_cap, path.empty() ? "" : " ");
    }
    if (!path.empty()) {
      svg += fmt::format("<path class=\"error-bar\" d=\"{}\" stroke=\"{}\" stroke-opacity=\"0.55\" "
                         "stroke-width=\"1.5\" fill=\"none\"/>\n",
                         path, point.colour);
    }
  }
}

void append_points(std::string& svg, const std::vector<Placed>& placed) {
  for (const bool members : {false, true}) {
    for (const Placed& p : placed) {
      if (p.point->member != members) {
        continue;
      }
      svg += fmt::format("<g><title>{}</title><circle class=\"point{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" "
                         "r=\"{}\" fill=\"{}\"/></g>\n",
                         escape_html(p.point->tooltip), members ? " member" : "", p.px, p.py,
                         members ? 7 : 6, p.point->colour);
    }
  }
  for (const Placed& p : placed) {
    svg += fmt::format("<text class=\"point-label{}\" x=\"{:.1f}\" y=\"{:.1f}\"{}>{}</text>\n",
                       p.point->member ? " member" : "", p.left ? p.box.x1 : p.box.x0,
                       p.box.y1 - 3, p.left ? " text-anchor=\"end\"" : "",
                       escape_html(p.point->label));
  }
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

std::string scatter_svg(const PlotSpec& spec) {
  const LogAxis x = make_log_axis(spec.points);
  const LinearAxis y = make_linear_axis(spec.points);
  std::string svg = fmt::format(
      "<svg viewBox=\"0 0 {} {}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
      "aria-label=\"{}\">\n",
      k_width, k_height, escape_html(spec.title));
  append_axes(svg, spec, x, y);
  const std::vector<Pixel> stairs = frontier_pixels(spec.points, x, y);
  append_frontier(svg, stairs);
  svg += fmt::format("<rect class=\"frame\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
                     "height=\"{:.1f}\"/>\n",
                     k_left, k_top, k_right - k_left, k_bottom - k_top);
  append_error_bars(svg, spec.points, x, y);
  append_points(svg, place_labels(spec.points, x, y, obstacles(spec.points, stairs, x, y)));
  return svg + "</svg>";
}

}  // namespace tokprof::report
