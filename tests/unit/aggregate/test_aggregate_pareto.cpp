#include <doctest/doctest.h>

#include "aggregate/pareto.hpp"

using namespace tokprof::aggregate;

namespace {

const ParetoEntry& entry(const Frontier& frontier, const std::string& name) {
  for (const ParetoEntry& e : frontier.entries) {
    if (e.name == name) {
      return e;
    }
  }
  FAIL("no entry " << name);
  return frontier.entries.front();
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("aggregate::dominates") {
  CHECK(dominates(1, 5, 2, 5));       // fewer tokens, same score
  CHECK(dominates(2, 6, 2, 5));       // same tokens, better score
  CHECK(dominates(1, 6, 2, 5));       // better in both
  CHECK_FALSE(dominates(2, 5, 2, 5)); // exact tie
  CHECK_FALSE(dominates(1, 4, 2, 5)); // a trade-off
}

TEST_CASE("aggregate::compute_frontier") {
  SUBCASE("the published example: only Gemini 3.1 Pro is on the frontier") {
    // Artificial Analysis Intelligence Index v4.0, output tokens to run it.
    // By hand: Gemini (57M, 57) has the fewest tokens and the top score, so
    // it dominates all three. GPT-5.4 ties its score with more tokens. Opus
    // (157M, 53) is also dominated by GPT-5.4 (120M, 57), not by Muse Spark
    // (58M, 52), whose score is lower.
    const Frontier frontier = compute_frontier({{"Muse Spark", 58e6, 52},
                                                {"GPT-5.4", 120e6, 57},
                                                {"Gemini 3.1 Pro", 57e6, 57},
                                                {"Claude Opus 4.6", 157e6, 53}});
    CHECK(frontier.members == Names{"Gemini 3.1 Pro"});
    CHECK(entry(frontier, "Muse Spark").dominated_by == Names{"Gemini 3.1 Pro"});
    CHECK(entry(frontier, "GPT-5.4").dominated_by == Names{"Gemini 3.1 Pro"});
    CHECK(entry(frontier, "Claude Opus 4.6").dominated_by == Names{"GPT-5.4", "Gemini 3.1 Pro"});
  }
  SUBCASE("exact ties are both on the frontier") {
    const Frontier frontier = compute_frontier({{"a", 10, 0.5}, {"b", 10, 0.5}, {"c", 20, 0.4}});
    CHECK(frontier.members == Names{"a", "b"});
    CHECK(entry(frontier, "c").dominated_by == Names{"a", "b"});
  }
  SUBCASE("one model is on the frontier") {
    const Frontier frontier = compute_frontier({{"only", 5, 0.1}});
    CHECK(frontier.members == Names{"only"});
    CHECK(entry(frontier, "only").on_frontier);
  }
  SUBCASE("all dominated by one model") {
    const Frontier frontier = compute_frontier({{"best", 1, 0.9}, {"x", 2, 0.8}, {"y", 3, 0.9}});
    CHECK(frontier.members == Names{"best"});
    CHECK(entry(frontier, "x").dominated_by == Names{"best"});
    CHECK(entry(frontier, "y").dominated_by == Names{"best"});
  }
  SUBCASE("equal tokens: the higher score wins") {
    const Frontier frontier = compute_frontier({{"low", 100, 0.2}, {"high", 100, 0.3}});
    CHECK(frontier.members == Names{"high"});
    CHECK(entry(frontier, "low").dominated_by == Names{"high"});
  }
  SUBCASE("a trade-off curve keeps every point, ordered by x") {
    const Frontier frontier = compute_frontier({{"big", 300, 0.9}, {"small", 100, 0.5},
                                                {"mid", 200, 0.7}});
    CHECK(frontier.members == Names{"small", "mid", "big"});
  }
  SUBCASE("unscored or unpriced models are listed, not compared") {
    const Frontier frontier = compute_frontier({{"scored", 100, 0.5},
                                                {"unscored", 1, std::nullopt},
                                                {"unpriced", std::nullopt, 0.9}});
    CHECK(frontier.members == Names{"scored"});
    CHECK_FALSE(entry(frontier, "unscored").eligible);
    CHECK_FALSE(entry(frontier, "unscored").on_frontier);
    CHECK(entry(frontier, "unscored").dominated_by.empty());
    CHECK_FALSE(entry(frontier, "unpriced").on_frontier);
    CHECK(frontier.entries.size() == 3);
  }
  SUBCASE("no eligible model: an empty frontier") {
    CHECK(compute_frontier({{"a", std::nullopt, std::nullopt}}).members.empty());
    CHECK(compute_frontier({}).members.empty());
  }
}
