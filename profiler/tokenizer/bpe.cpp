#include "bpe.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>

namespace tokprof::tokenizer {
namespace {

// Scratch of the linear merge for pieces of k_heap_threshold bytes or more,
// which only merge_bounds_linear's own callers pass (the backtracking
// encoder's table build, the tests); shorter ones use arrays on the stack.
struct LinearScratch {
  std::vector<std::uint32_t> starts;
  std::vector<Rank> pair_ranks;
};

thread_local LinearScratch t_linear;

Rank rank_of(std::string_view piece, std::size_t begin, std::size_t end, const TokenMap& ranks) {
  return ranks.find(piece.substr(begin, end - begin));
}

// The linear merge of `piece` (not empty) on caller-owned arrays of
// piece.size() + 1 entries: on return starts[0..parts] hold the start of
// every part, then piece.size(); returns `parts`. Stops once `min_parts`
// parts are left. pair_ranks[k] is the rank of parts k and k+1 joined
// (k_no_rank for the last part, which has no pair). A merge drops one
// boundary by moving the entries after it down by one, in a plain loop: the
// arrays are short, and std::vector::erase called memmove for each merge
// (4% of count time). The minimum is found on (rank << 32 | position), so
// that one compare, which compiles to a conditional move, picks the lowest
// rank and the leftmost of equal ranks.
//
// `join_rank(begin, end)` returns the rank of piece[begin, end), a join of
// two parts (at least 3 bytes).
template <typename JoinRank>
std::size_t merge_parts(std::string_view piece, const TokenMap& ranks, std::uint32_t* starts, Rank* pair_ranks,
                        std::size_t min_parts, JoinRank join_rank) {
  const std::size_t n = piece.size();
  for (std::size_t i = 0; i <= n; ++i) {
    starts[i] = static_cast<std::uint32_t>(i);
  }
  for (std::size_t k = 0; k + 2 <= n; ++k) {
    pair_ranks[k] = rank_of(piece, k, k + 2, ranks);
  }
  pair_ranks[n - 1] = k_no_rank;
  std::size_t parts = n;
  while (parts > min_parts) {
    std::uint64_t best = ~std::uint64_t{0};
    for (std::size_t k = 0; k + 1 < parts; ++k) {
      best = std::min(best, std::uint64_t{pair_ranks[k]} << 32 | k);
    }
    if ((best >> 32) == k_no_rank) {
      break;
    }
    const auto at = static_cast<std::size_t>(best & 0xFFFFFFFF);
    // Join parts `at` and `at + 1`: drop the boundary between them.
    for (std::size_t k = at + 1; k < parts; ++k) {
      starts[k] = starts[k + 1];
      pair_ranks[k] = pair_ranks[k + 1];
    }
    --parts;
    pair_ranks[at] = at + 2 <= parts ? join_rank(starts[at], starts[at + 2]) : k_no_rank;
    if (at > 0) {
      pair_ranks[at - 1] = join_rank(starts[at - 1], starts[at + 1]);
    }
  }
  return parts;
}

// merge_parts for a piece of 1 to k_heap_threshold - 1 bytes, on stack
// arrays. The piece is copied into a buffer with 8 zero bytes after it, so
// that any join's head word is one load and a mask, and joins of up to 8
// bytes (most) go to TokenMap::find_short, without the branches on the
// key's length that a look-up by string_view takes (they were mispredicted
// from join to join).
std::size_t merge_short(std::string_view piece, const TokenMap& ranks, std::uint32_t* starts, std::size_t min_parts) {
  char padded[k_heap_threshold + 8] = {};
  std::memcpy(padded, piece.data(), piece.size());
  Rank pair_ranks[k_heap_threshold + 1];
  const auto join_rank = [&](std::size_t begin, std::size_t end) {
    const std::size_t length = end - begin;
    if (length > 8) {
      return rank_of(piece, begin, end, ranks);
    }
    const std::uint64_t head = head_word_over({padded + begin, length});
    return ranks.find_short(head, length, hash_short(head, length));
  };
  return merge_parts(piece, ranks, starts, pair_ranks, min_parts, join_rank);
}

}  // namespace

void merge_bounds_linear(std::string_view piece, const TokenMap& ranks, std::vector<std::size_t>& bounds,
                         std::size_t min_parts) {
  const std::size_t n = piece.size();
  if (n == 0) {
    bounds.push_back(0);
    return;
  }
  if (n < k_heap_threshold) {
    std::uint32_t starts[k_heap_threshold + 1];
    const std::size_t parts = merge_short(piece, ranks, starts, min_parts);
    bounds.insert(bounds.end(), starts, starts + parts + 1);
    return;
  }
  t_linear.starts.resize(n + 1);
  t_linear.pair_ranks.resize(n + 1);
  const std::size_t parts =
      merge_parts(piece, ranks, t_linear.starts.data(), t_linear.pair_ranks.data(), min_parts,
                  [&](std::size_t begin, std::size_t end) { return rank_of(piece, begin, end, ranks); });
  bounds.insert(bounds.end(), t_linear.starts.begin(), t_linear.starts.begin() + static_cast<std::ptrdiff_t>(parts + 1));
}

namespace {

// Scratch of the heap merge, reused per thread. Parts are numbered by the
// byte they start at; next[i] == k_dead marks a part merged into its left
// neighbour. pair_rank[i] is the rank of the pair that starts at live part
// i now (k_no_rank: none). A heap entry packs (rank << 32 | position), so
// that one 64-bit compare orders by rank, then leftmost position.
struct HeapScratch {
  std::vector<std::uint32_t> next;
  std::vector<std::uint32_t> prev;
  std::vector<Rank> pair_rank;
  std::vector<std::uint64_t> heap;
};
thread_local HeapScratch t_heap;

constexpr std::uint32_t k_dead = 0xFFFFFFFF;

}  // namespace

void merge_bounds_heap(std::string_view piece, const TokenMap& ranks, std::vector<std::size_t>& bounds) {
  const auto n = static_cast<std::uint32_t>(piece.size());
  // Plain references, not a structured binding: clang before 16 cannot
  // capture those in the lambdas below (issue 6: the clang fuzz build).
  auto& next = t_heap.next;
  auto& prev = t_heap.prev;
  auto& pair_rank = t_heap.pair_rank;
  auto& heap = t_heap.heap;
  next.resize(n);
  prev.resize(n);
  pair_rank.assign(n, k_no_rank);
  heap.clear();
  for (std::uint32_t i = 0; i < n; ++i) {
    next[i] = i + 1;
    prev[i] = i == 0 ? k_dead : i - 1;
  }
  // An entry is stale when its part died or its pair changed rank since;
  // a stale entry equal to a live one is harmless (it names the same pair).
  const auto refresh = [&](std::uint32_t part) {
    const std::uint32_t right = next[part];
    Rank rank = k_no_rank;
    if (right < n) {
      rank = rank_of(piece, part, next[right], ranks);
    }
    pair_rank[part] = rank;
    if (rank != k_no_rank) {
      heap.push_back(std::uint64_t{rank} << 32 | part);
      std::push_heap(heap.begin(), heap.end(), std::greater<>{});
    }
  };
  for (std::uint32_t i = 0; i + 1 < n; ++i) {
    const Rank rank = rank_of(piece, i, i + 2, ranks);
    pair_rank[i] = rank;
    if (rank != k_no_rank) {
      heap.push_back(std::uint64_t{rank} << 32 | i);
    }
  }
  std::make_heap(heap.begin(), heap.end(), std::greater<>{});
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<>{});
    const std::uint64_t top = heap.back();
    heap.pop_back();
    const auto left = static_cast<std::uint32_t>(top);
    if (next[left] == k_dead || pair_rank[left] != static_cast<Rank>(top >> 32)) {
      continue;
    }
    const std::uint32_t right = next[left];
    next[left] = next[right];
    next[right] = k_dead;
    if (next[left] < n) {
      prev[next[left]] = left;
    }
    refresh(left);
    if (prev[left] != k_dead) {
      refresh(prev[left]);
    }
  }
  for (std::uint32_t i = 0; i < n; i = next[i]) {
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
  if (!piece.empty() && piece.size() < k_heap_threshold) {
    std::uint32_t starts[k_heap_threshold + 1];
    return merge_short(piece, ranks, starts, 1);
  }
  auto& bounds = t_bounds;
  bounds.clear();
  merge_bounds(piece, ranks, bounds);
  return bounds.size() - 1;
}

}  // namespace tokprof::tokenizer
