#include "bpe.hpp"

#include <algorithm>
#include <cstdint>
#include <queue>

namespace tokprof::tokenizer {
namespace {

// Part boundaries and the rank of the pair starting at each part, reused by
// every call on the same thread so that merging allocates nothing in steady
// state.
struct LinearScratch {
  std::vector<std::size_t> starts;
  std::vector<Rank> pair_ranks;
};

thread_local LinearScratch t_linear;

Rank rank_of(std::string_view piece, std::size_t begin, std::size_t end, const TokenMap& ranks) {
  return ranks.find(piece.substr(begin, end - begin));
}

}  // namespace

void merge_bounds_linear(std::string_view piece, const TokenMap& ranks, std::vector<std::size_t>& bounds) {
  auto& starts = t_linear.starts;
  auto& pair_ranks = t_linear.pair_ranks;
  const std::size_t n = piece.size();
  starts.resize(n + 1);
  pair_ranks.resize(n + 1);
  for (std::size_t i = 0; i <= n; ++i) {
    starts[i] = i;
  }
  // pair_ranks[k] is the rank of parts k and k+1 joined; the last two
  // entries have no pair.
  for (std::size_t k = 0; k + 2 <= n; ++k) {
    pair_ranks[k] = rank_of(piece, k, k + 2, ranks);
  }
  pair_ranks[n - 1] = k_no_rank;
  pair_ranks[n] = k_no_rank;
  std::size_t parts = n;  // starts[0..parts] are live
  while (parts > 1) {
    Rank best = k_no_rank;
    std::size_t at = 0;
    for (std::size_t k = 0; k + 1 < parts; ++k) {
      if (pair_ranks[k] < best) {
        best = pair_ranks[k];
        at = k;
      }
    }
    if (best == k_no_rank) {
      break;
    }
    // Join parts `at` and `at + 1`: drop the boundary between them.
    starts.erase(starts.begin() + static_cast<std::ptrdiff_t>(at + 1));
    pair_ranks.erase(pair_ranks.begin() + static_cast<std::ptrdiff_t>(at + 1));
    --parts;
    pair_ranks[at] = at + 2 <= parts ? rank_of(piece, starts[at], starts[at + 2], ranks) : k_no_rank;
    if (at > 0) {
      pair_ranks[at - 1] = rank_of(piece, starts[at - 1], starts[at + 1], ranks);
    }
  }
  bounds.insert(bounds.end(), starts.begin(), starts.begin() + static_cast<std::ptrdiff_t>(parts + 1));
}

void merge_bounds_heap(std::string_view piece, const TokenMap& ranks, std::vector<std::size_t>& bounds) {
  const std::size_t n = piece.size();
  // Part i covers [start[i], start[next[i]]); dead parts have been merged
  // into their left neighbour. version[i] changes whenever the pair that
  // starts at part i changes, which makes older heap entries stale.
  std::vector<std::size_t> next(n);
  std::vector<std::size_t> prev(n);
  std::vector<std::uint32_t> version(n, 0);
  std::vector<bool> alive(n, true);
  for (std::size_t i = 0; i < n; ++i) {
    next[i] = i + 1;
    prev[i] = i == 0 ? n : i - 1;
  }
  struct Candidate {
    Rank rank;
    std::size_t position;
    std::uint32_t version;
    bool operator>(const Candidate& other) const {
      return rank != other.rank ? rank > other.rank : position > other.position;
    }
  };
  std::vector<Candidate> storage;
  storage.reserve(n);
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> heap(std::greater<>{}, std::move(storage));
  const auto end_of = [&](std::size_t part) { return next[part]; };  // parts start at their own index
  const auto push_pair = [&](std::size_t part) {
    const std::size_t right = next[part];
    if (right >= n) {
      return;
    }
    const Rank rank = rank_of(piece, part, end_of(right), ranks);
    if (rank != k_no_rank) {
      heap.push(Candidate{rank, part, version[part]});
    }
  };
  for (std::size_t i = 0; i + 1 < n; ++i) {
    push_pair(i);
  }
  while (!heap.empty()) {
    const Candidate top = heap.top();
    heap.pop();
    if (!alive[top.position] || top.version != version[top.position]) {
      continue;
    }
    const std::size_t left = top.position;
    const std::size_t right = next[left];
    // Merge `right` into `left`.
    alive[right] = false;
    next[left] = next[right];
    if (next[left] < n) {
      prev[next[left]] = left;
    }
    ++version[left];
    push_pair(left);
    if (prev[left] < n) {
      ++version[prev[left]];
      push_pair(prev[left]);
    }
  }
  for (std::size_t i = 0; i < n; i = next[i]) {
    bounds.push_back(i);
  }
  bounds.push_back(n);
}

void merge_bounds(std::string_view piece, const TokenMap& ranks, std::vector<std::size_t>& bounds) {
  if (piece.empty()) {
    bounds.push_back(0);
    return;
  }
  if (piece.size() < k_heap_threshold) {
    merge_bounds_linear(piece, ranks, bounds);
  } else {
    merge_bounds_heap(piece, ranks, bounds);
  }
}

namespace {
thread_local std::vector<std::size_t> t_bounds;
}  // namespace

void encode_piece(std::string_view piece, const TokenMap& ranks, std::vector<Rank>& out) {
  auto& bounds = t_bounds;
  bounds.clear();
  merge_bounds(piece, ranks, bounds);
  for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
    out.push_back(rank_of(piece, bounds[k], bounds[k + 1], ranks));
  }
}

std::size_t count_piece(std::string_view piece, const TokenMap& ranks) {
  auto& bounds = t_bounds;
  bounds.clear();
  merge_bounds(piece, ranks, bounds);
  return bounds.size() - 1;
}

}  // namespace tokprof::tokenizer
