#pragma once
// The Pareto frontier over (x, score), where x is a cost-like quantity
// (output tokens, or USD) and lower is better, and a higher score is better.
//
// Rules:
// - A dominates B iff A.x <= B.x and A.score >= B.score, with at least one of
//   the two strict. A model is on the frontier iff no model dominates it.
// - Exact ties in both x and score dominate neither way: both models are on
//   the frontier (or both off it, dominated by the same third model).
// - Equal x with different scores: the higher score dominates. Equal score
//   with different x: the lower x dominates.
// - A point without an x or a score (an unscored or unpriced model) is
//   listed but takes no part: it is not on the frontier, dominates nothing
//   and is dominated by nothing.
// - A single eligible model is on the frontier.
// Comparisons are exact on doubles: no tolerance, so that the result does
// not depend on where a threshold happens to fall.
//
// The quadratic scan is deliberate: a profile compares tens of models, and
// every non-member needs its full list of dominators anyway.

#include <optional>
#include <string>
#include <vector>

namespace tokprof::aggregate {

// One model's position on the two axes.
struct ParetoPoint {
  std::string name;
  std::optional<double> x;      // lower is better
  std::optional<double> score;  // higher is better
};

// One model's standing after the frontier is computed.
struct ParetoEntry {
  std::string name;
  std::optional<double> x;
  std::optional<double> score;
  bool eligible = false;     // has both an x and a score
  bool on_frontier = false;
  std::vector<std::string> dominated_by;  // in the order of the input points
};

struct Frontier {
  std::vector<ParetoEntry> entries;  // in the order of the input points
  // Frontier members ordered by x ascending, then score descending, then
  // name: the order in which a plot joins them.
  std::vector<std::string> members;
};

// Returns true if (`ax`, `ascore`) dominates (`bx`, `bscore`) by the rules above.
[[nodiscard]] bool dominates(double ax, double ascore, double bx, double bscore);

// Computes the frontier of `points`; names should be unique.
[[nodiscard]] Frontier compute_frontier(const std::vector<ParetoPoint>& points);

}  // namespace tokprof::aggregate
