#include "bpe_backtrack.hpp"

#include <algorithm>
#include <bit>

#include "bpe.hpp"

namespace tokprof::tokenizer {
namespace {

// Never 0, the empty key of FlatMap (rank 0 exists: byte 0x21 in o200k_base).
std::uint64_t pair_key(Rank left, Rank right) { return (std::uint64_t{left} + 1) << 32 | right; }

// Per-thread scratch of the walk: the token stack and the dead-end bits.
struct WalkScratch {
  std::vector<Rank> stack;
  std::vector<std::uint64_t> dead;
};
thread_local WalkScratch t_walk;

// Backtracking is linear, but its constant depends on the vocabulary: on a
// run of '-' o200k_base's long dash tokens (up to 112 bytes) fit only in
// isolation, and the walk pops about once per byte, 4-5x slower than the
// heap merge. Past this many pops plus one per two bytes reached (random
// letters need about 0.17 per byte) the walk gives up early and the caller
// uses the heap merge.
constexpr std::size_t k_pop_budget = 256;

}  // namespace

void BacktrackEncoder::FlatMap::reserve(std::size_t count) {
  const std::size_t slots = std::bit_ceil(std::max<std::size_t>(16, count + count / 2));
  m_keys.assign(slots, 0);
  m_values.assign(slots, k_no_rank);
  m_mask = slots - 1;
  m_shift = 64 - std::countr_zero(slots);
}

void BacktrackEncoder::FlatMap::insert(std::uint64_t key, Rank value) {
  std::size_t i = slot_of(key);
  while (m_keys[i] != 0 && m_keys[i] != key) {
    i = (i + 1) & m_mask;
  }
  m_keys[i] = key;
  m_values[i] = value;
}

std::unique_ptr<const BacktrackEncoder> BacktrackEncoder::build(const std::vector<std::string_view>& tokens,
                                                                const TokenMap& ranks) {
  auto encoder = std::make_unique<BacktrackEncoder>();
  const std::size_t count = tokens.size();
  encoder->m_split.assign(count, Split{k_no_rank, k_no_rank});
  encoder->m_length.assign(count, 0);
  encoder->m_next_prefix.assign(count, k_no_rank);
  std::size_t multi_byte = 0;
  std::vector<std::size_t> bounds;
  // 1. Each token's split: its own BPE, stopped at two parts. More than two
  // parts left means the token is unreachable.
  for (std::size_t rank = 0; rank < count; ++rank) {
    const std::string_view bytes = tokens[rank];
    const auto self = static_cast<Rank>(rank);
    encoder->m_length[rank] = static_cast<std::uint32_t>(bytes.size());
    if (bytes.size() == 1) {
      encoder->m_split[rank] = Split{self, self};
      continue;
    }
    if (bytes.empty()) {
      continue;
    }
    bounds.clear();
    merge_bounds_linear(bytes, ranks, bounds, 2);
    if (bounds.size() != 3) {
      continue;
    }
    const Rank left = ranks.find(bytes.substr(0, bounds[1]));
    const Rank right = ranks.find(bytes.substr(bounds[1]));
    if (left >= self || right >= self) {
      return nullptr;
    }
    encoder->m_split[rank] = Split{left, right};
    ++multi_byte;
  }
  encoder->m_pairs.reserve(multi_byte);
  for (std::size_t rank = 0; rank < count; ++rank) {
    const Split split = encoder->m_split[rank];
    if (split.left != k_no_rank && split.left != rank) {
      encoder->m_pairs.insert(pair_key(split.left, split.right), static_cast<Rank>(rank));
    }
  }
  encoder->build_matcher(tokens);
  return encoder;
}

void BacktrackEncoder::build_matcher(const std::vector<std::string_view>& tokens) {
  for (std::size_t rank = 0; rank < tokens.size(); ++rank) {
    if (m_split[rank].left != k_no_rank) {
      m_sorted.push_back(Sorted{tokens[rank].data(), static_cast<std::uint32_t>(tokens[rank].size()),
                                static_cast<Rank>(rank)});
    }
  }
  const auto view = [](const Sorted& s) { return std::string_view(s.bytes, s.length); };
  std::sort(m_sorted.begin(), m_sorted.end(), [&](const Sorted& a, const Sorted& b) { return view(a) < view(b); });
  m_first.assign(257, 0);
  for (const Sorted& s : m_sorted) {
    ++m_first[static_cast<unsigned char>(s.bytes[0]) + 1];
  }
  for (std::size_t b = 1; b < 257; ++b) {
    m_first[b] += m_first[b - 1];
  }
  // Next shorter prefix: the longest match within the token minus its last byte.
  for (const Sorted& s : m_sorted) {
    if (s.length > 1) {
      m_next_prefix[s.rank] = longest_match(std::string_view(s.bytes, s.length - 1));
    }
  }
}

Rank BacktrackEncoder::longest_match(std::string_view rest) const {
  const auto first = static_cast<unsigned char>(rest[0]);
  std::size_t lo = m_first[first];
  std::size_t hi = m_first[first + 1];
  // Every single byte is a reachable token and sorts first in its range.
  Rank best = m_sorted[lo].rank;
  for (std::size_t depth = 1; depth < rest.size(); ++depth) {
    if (m_sorted[lo].length == depth) {
      ++lo;  // the token equal to the prefix so far sorts before its extensions
    }
    if (lo >= hi) {
      break;
    }
    const auto byte = static_cast<unsigned char>(rest[depth]);
    const auto at = [&](std::size_t i) { return static_cast<unsigned char>(m_sorted[i].bytes[depth]); };
    std::size_t low = lo;
    std::size_t count = hi - lo;
    while (count > 0) {
      const std::size_t half = count / 2;
      if (at(low + half) < byte) {
        low += half + 1;
        count -= half + 1;
      } else {
        count = half;
      }
    }
    std::size_t high = low;
    count = hi - low;
    while (count > 0) {
      const std::size_t half = count / 2;
      if (at(high + half) <= byte) {
        high += half + 1;
        count -= half + 1;
      } else {
        count = half;
      }
    }
    lo = low;
    hi = high;
    if (lo >= hi) {
      break;
    }
    if (m_sorted[lo].length == depth + 1) {
      best = m_sorted[lo].rank;
    }
  }
  return best;
}

bool BacktrackEncoder::compatible(Rank left, Rank right) const {
  // `limit`: the rank of the merge just undone. A cross-boundary merge of
  // lower rank would have happened before it. Undoing `right` uses
  // right + 1: on equal ranks the cross pair is further left and wins.
  Rank limit = k_no_rank;
  while (true) {
    const Rank joined = m_pairs.find(pair_key(left, right));
    if (joined != k_no_rank && joined < limit) {
      return false;
    }
    const bool undo_left_first = left > right;
    bool undone = false;
    for (int side = 0; side < 2 && !undone; ++side) {
      if ((side == 0) == undo_left_first) {
        const Rank part = m_split[left].right;
        if (part != left) {
          limit = left;
          left = part;
          undone = true;
        }
      } else {
        const Rank part = m_split[right].left;
        if (part != right) {
          limit = right + 1;
          right = part;
          undone = true;
        }
      }
    }
    if (!undone) {
      return true;
    }
  }
}

bool BacktrackEncoder::walk(std::string_view piece, std::vector<Rank>& stack) const {
  const std::size_t n = piece.size();
  auto& dead = t_walk.dead;
  dead.assign(n / 64 + 1, 0);
  const auto is_dead = [&](std::size_t pos) { return (dead[pos / 64] >> (pos % 64) & 1) != 0; };
  stack.clear();
  std::size_t pos = 0;
  std::size_t pops = 0;
  std::size_t furthest = 0;
  Rank next = longest_match(piece);
  while (pos < n) {
    Rank token = next;
    const Rank last = stack.empty() ? k_no_rank : stack.back();
    while (true) {
      const std::size_t end = pos + m_length[token];
      if (!is_dead(end) && (last == k_no_rank || compatible(last, token))) {
        stack.push_back(token);
        pos = end;
        furthest = std::max(furthest, pos);
        if (pos < n) {
          next = longest_match(piece.substr(pos));
        }
        break;
      }
      if (m_next_prefix[token] != k_no_rank) {
        token = m_next_prefix[token];
        continue;
      }
      if (last == k_no_rank || ++pops > k_pop_budget + furthest / 2) {
        return false;
      }
      // Nothing fits after `last`: `pos` is a dead end; retry `last` shorter.
      dead[pos / 64] |= std::uint64_t{1} << (pos % 64);
      stack.pop_back();
      pos -= m_length[last];
      next = last;
      break;
    }
  }
  return true;
}

bool BacktrackEncoder::encode(std::string_view piece, std::vector<Rank>& out) const {
  auto& stack = t_walk.stack;
  if (!walk(piece, stack)) {
    return false;
  }
  out.insert(out.end(), stack.begin(), stack.end());
  return true;
}

long BacktrackEncoder::count(std::string_view piece) const {
  auto& stack = t_walk.stack;
  return walk(piece, stack) ? static_cast<long>(stack.size()) : -1;
}

}  // namespace tokprof::tokenizer
