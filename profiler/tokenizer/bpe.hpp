#pragma once
// The byte-pair merge core: one piece of bytes in, ranks (or their number)
// out. Pure and I/O-free; the pre-tokenizer and the vocabulary loaders live
// elsewhere.
//
// Rule (tiktoken's, for rank-based vocabularies): start from single bytes;
// repeatedly merge the adjacent pair whose concatenation has the lowest rank,
// the leftmost such pair on ties; stop when no adjacent pair is a token.
//
// Two implementations of that one rule, chosen by piece length:
// - short pieces (the vast majority): a flat array of part boundaries, a
//   linear scan for the minimum and an erase per merge. O(n^2) in theory,
//   fastest in practice because n is tiny and everything stays in cache.
//   The arrays live on the stack (pieces under k_heap_threshold bytes),
//   an erase is a plain loop and the minimum a conditional move: 3.7% fewer
//   cycles for cl100k_base count (session 6; std::vector::erase called
//   memmove per merge, and the min scan's branch was mispredicted).
// - long pieces (k_heap_threshold bytes or more): a doubly linked list of
//   parts and a min-heap of (rank, position) pair candidates, with stale
//   entries skipped on pop. O(n log n). Ordering the heap by
//   (rank, position), packed in one 64-bit word, reproduces the
//   leftmost-minimum choice exactly. Rewritten with 32-bit parts, packed
//   entries, per-thread scratch and no version counters: 1.8-2.8x faster
//   ('a' x 1 MB 454 -> 248 ms, '-' x 1 MB 572 -> 300 ms, same run).
// Past the first megabyte of long pieces, TiktokenModel switches to the
// linear backtracking encoder of bpe_backtrack.hpp (equal by a differential
// test, tests/unit/tokenizer/test_tokenizer_bpe.cpp).

//
// Tried and rejected: a per-thread direct-mapped memo of pair look-ups
// (4,096 entries of up to 8 bytes) in front of TokenMap: 3% more
// instructions and no fewer D1 misses under cachegrind on a 5 MB sample of
// the peer-bench corpus; the 8 MB table mostly hits L3 on this machine.

#include <cstddef>
#include <string_view>
#include <vector>

#include "token_map.hpp"

namespace tokprof::tokenizer {

// Pieces at least this long use the heap merge. Below it the linear scan
// wins; the value is where the two cross on o200k_base (tests/bench).
// Tried 256 after session 6 made the linear merge faster: 1% more
// instructions on the peer-bench corpus (cl100k_base and o200k_base) and no
// fewer cycles (3 interleaved runs); kept 128.
inline constexpr std::size_t k_heap_threshold = 128;

// Appends the ranks of `piece`'s byte-pair encoding to `out`. Every single
// byte of `piece` must be a key of `ranks`.
void encode_piece(std::string_view piece, const TokenMap& ranks, std::vector<Rank>& out);

// Returns how many tokens encode_piece would append, without building them.
[[nodiscard]] std::size_t count_piece(std::string_view piece, const TokenMap& ranks);

// Appends to `bounds` the start offset of every final part of `piece`, then
// piece.size(). Exposed for tests that compare both implementations.
void merge_bounds(std::string_view piece, const TokenMap& ranks, std::vector<std::size_t>& bounds);
// merge_bounds_linear stops once `min_parts` parts are left: with 2 it gives
// the last merge of a token's own encoding.
void merge_bounds_linear(std::string_view piece, const TokenMap& ranks, std::vector<std::size_t>& bounds,
                         std::size_t min_parts = 1);
void merge_bounds_heap(std::string_view piece, const TokenMap& ranks, std::vector<std::size_t>& bounds);

}  // namespace tokprof::tokenizer
