#pragma once
// Long-piece BPE in (near) linear time, exactly equal to the rank-merge rule
// of bpe.hpp (leftmost lowest-rank pair first).
//
// Idea (backtracking BPE, as described by van Antwerpen and Neubeck for
// GitHub's `bpe` crate, https://github.blog/ai-and-ml/llms/so-many-tokens-so-little-time-introducing-a-faster-more-flexible-byte-pair-tokenizer/):
// a piece's BPE encoding is the one sequence of tokens covering it in which
// every adjacent pair (a, b) is "compatible": BPE run on bytes(a) + bytes(b)
// alone ends as exactly [a, b]. Walk the piece left to right, always trying
// the longest token that matches next; if it is not compatible with the token
// before it, try its next shorter prefix token; if no prefix fits, pop the
// previous token and mark the position it started at as a dead end so that
// it is never tried again. Each position is abandoned at most once, so the
// work is linear in the piece times the (bounded) token length.
//
// Compatibility is decided without merging bytes: undo the last merge of the
// pair (each token's own BPE ends with one merge of two tokens: its split),
// always undoing the side that was merged later, and at each step check
// whether the two boundary parts would have merged across the boundary
// before that later merge. That needs ranks to grow with merge order (a
// token outranks both halves of its split), which build() checks.
//
// Tokens whose own bytes do not encode to themselves (unreachable) can never
// appear in any encoding; they are left out of the matcher.
//
// Tried and rejected:
// - the binary-heap merge (bpe.cpp, merge_bounds_heap): O(n log n) but about
//   450-900 ns per byte (a heap entry and a string hash per pair candidate);
//   'a' x 1 MB took 0.45-0.9 s.
// - a byte trie in a hash table ((node, byte) -> child): 1.2 M nodes for
//   o200k_base, ~25 MB, a cache miss per byte when built and walked; the
//   sorted token array below needs no extra table and walked 'a' x 1 MB in
//   25 ms against 11 ms, with a cheaper build. Either way, building these
//   tables costs 0.2-0.6 s, which is why TiktokenModel builds them late.

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "token_map.hpp"

namespace tokprof::tokenizer {

class BacktrackEncoder {
 public:
  // Builds the tables for the vocabulary `tokens` (index = rank, empty view =
  // no token with that rank) whose look-up table is `ranks`. Returns null
  // when the vocabulary breaks an assumption above (a split that outranks its
  // token, or too many trie nodes); callers then keep the heap merge.
  [[nodiscard]] static std::unique_ptr<const BacktrackEncoder> build(const std::vector<std::string_view>& tokens,
                                                                     const TokenMap& ranks);

  // Appends the ranks of `piece`'s encoding to `out`. Returns false (and
  // leaves `out` as it was) if the walk got stuck, which a consistent
  // vocabulary never does.
  bool encode(std::string_view piece, std::vector<Rank>& out) const;

  // Returns the number of tokens of `piece`, or -1 (see encode()).
  [[nodiscard]] long count(std::string_view piece) const;

  // Returns whether BPE on bytes(`left`) + bytes(`right`) ends as [left, right].
  [[nodiscard]] bool compatible(Rank left, Rank right) const;

  // A flat open-addressing map from 64-bit keys (never 0) to ranks.
  class FlatMap {
   public:
    void reserve(std::size_t count);
    void insert(std::uint64_t key, Rank value);
    [[nodiscard]] Rank find(std::uint64_t key) const {
      for (std::size_t i = slot_of(key);; i = (i + 1) & m_mask) {
        if (m_keys[i] == key) {
          return m_values[i];
        }
        if (m_keys[i] == 0) {
          return k_no_rank;
        }
      }
    }

   private:
    [[nodiscard]] std::size_t slot_of(std::uint64_t key) const {
      return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> m_shift);
    }
    std::vector<std::uint64_t> m_keys;
    std::vector<Rank> m_values;
    std::size_t m_mask = 0;
    int m_shift = 64;
  };

 private:
  // Runs the walk; leaves the tokens in `stack`. Returns false if stuck.
  bool walk(std::string_view piece, std::vector<Rank>& stack) const;
  [[nodiscard]] Rank longest_match(std::string_view rest) const;
  void build_matcher(const std::vector<std::string_view>& tokens);

  struct Split {
    Rank left;
    Rank right;  // left == right == the token itself: a single byte
  };
  std::vector<Split> m_split;         // by rank
  std::vector<Rank> m_next_prefix;    // by rank: longest shorter token that is a prefix, or k_no_rank
  std::vector<std::uint32_t> m_length;  // by rank: bytes
  // Reachable tokens sorted by their bytes; tokens sharing a prefix are a
  // contiguous range, narrowed one byte at a time by binary search.
  struct Sorted {
    const char* bytes;
    std::uint32_t length;
    Rank rank;
  };
  FlatMap m_pairs;                    // ((left + 1) << 32 | right) -> token whose split it is
  std::vector<Sorted> m_sorted;
  std::vector<std::uint32_t> m_first;  // 257 entries: m_sorted range of each first byte
};

}  // namespace tokprof::tokenizer
