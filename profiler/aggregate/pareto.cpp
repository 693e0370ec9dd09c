#include "pareto.hpp"

#include <algorithm>

namespace tokprof::aggregate {

bool dominates(double ax, double ascore, double bx, double bscore) {
  return ax <= bx && ascore >= bscore && (ax < bx || ascore > bscore);
}

Frontier compute_frontier(const std::vector<ParetoPoint>& points) {
  Frontier frontier;
  frontier.entries.reserve(points.size());
  for (const ParetoPoint& point : points) {
    ParetoEntry entry;
    entry.name = point.name;
    entry.x = point.x;
    entry.score = point.score;
    entry.eligible = point.x.has_value() && point.score.has_value();
    frontier.entries.push_back(std::move(entry));
  }
  for (ParetoEntry& entry : frontier.entries) {
    if (!entry.eligible) {
      continue;
    }
    for (const ParetoEntry& other : frontier.entries) {
      if (other.eligible && dominates(*other.x, *other.score, *entry.x, *entry.score)) {
        entry.dominated_by.push_back(other.name);
      }
    }
    entry.on_frontier = entry.dominated_by.empty();
  }

  std::vector<const ParetoEntry*> members;
  for (const ParetoEntry& entry : frontier.entries) {
    if (entry.on_frontier) {
      members.push_back(&entry);
    }
  }
  std::sort(members.begin(), members.end(), [](const ParetoEntry* a, const ParetoEntry* b) {
    if (*a->x != *b->x) {
      return *a->x < *b->x;
    }
    if (*a->score != *b->score) {
      return *a->score > *b->score;
    }
    return a->name < b->name;
  });
  for (const ParetoEntry* member : members) {
    frontier.members.push_back(member->name);
  }
  return frontier;
}

}  // namespace tokprof::aggregate
