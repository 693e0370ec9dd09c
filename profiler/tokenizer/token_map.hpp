#pragma once
// TokenMap: byte string -> rank, built once per vocabulary and then only read.
//
// Vocabulary look-ups dominate tokenization (a whole-piece look-up per piece,
// about three pair look-ups per byte of every piece that is not a token), and
// almost all keys are short (median 6 bytes for o200k_base). So this is an
// open-addressing table with linear probing whose 16-byte slots hold the
// first 8 bytes of the key inline: a key of up to 8 bytes is found with one
// slot read and one 64-bit compare, touching no other memory. Longer keys
// compare their tail against one contiguous arena of key bytes.
//
// Slots come in groups of four, one cache line each, and a key's probe
// starts at the first slot of its hash's group (linear probing from
// there), so find_short looks at a whole group without a branch per slot;
// BPE's joins of up to 8 bytes take that path with a head word read from a
// padded copy of the piece (bpe.cpp). Whether a join is a token is data the
// branch predictor cannot guess: cl100k_base count 1,745 -> 1,699 and 1,807
// -> 1,784 M cycles:u (-1.3 to -2.6%), branch misses 23.1 -> 20.2 M;
// o200k_base within the noise (session 6, two sets of 3 interleaved runs).
//
// Tried and rejected: std::unordered_map<std::string, Rank> (a heap node per
// entry, a pointer chase per probe); the first version of this table, with
// keys only in the arena and a 32-bit tag in the slot (every hit paid a
// second cache miss and a memcmp call: 24% of count time on the peer-bench
// corpus went to pair look-ups alone).

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace tokprof::tokenizer {

using Rank = std::uint32_t;
inline constexpr Rank k_no_rank = 0xFFFFFFFF;

// Returns the first min(8, size) bytes of `bytes` as a little-endian word,
// zero-padded; reads no byte outside `bytes`.
[[nodiscard]] inline std::uint64_t head_word(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  if (n >= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, 8);
    return word;
  }
  if (n >= 4) {
    // Two overlapping 4-byte loads; the overlap ORs equal bytes.
    std::uint32_t low = 0;
    std::uint32_t high = 0;
    std::memcpy(&low, p, 4);
    std::memcpy(&high, p + n - 4, 4);
    return std::uint64_t{low} | (std::uint64_t{high} << ((n - 4) * 8));
  }
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < n; ++i) {
    word |= std::uint64_t{p[i]} << (i * 8);
  }
  return word;
}

// Returns head_word(`bytes`) for bytes.size() >= 1, reading the 8 bytes
// from bytes.data(), all of which must be readable (the caller knows the
// buffer goes on): one load and a mask, with no branch on the length, which
// varies from piece to piece and so is mispredicted.
[[nodiscard]] inline std::uint64_t head_word_over(std::string_view bytes) {
  std::uint64_t word = 0;
  std::memcpy(&word, bytes.data(), 8);
  const std::size_t n = bytes.size() < 8 ? bytes.size() : 8;
  // (2 << (8n - 1)) - 1 has the low n bytes set; for n == 8 it wraps to ~0.
  return word & ((std::uint64_t{2} << (8 * n - 1)) - 1);
}

// Hashes a key of `length` bytes, at most 8, whose head_word is `head`.
[[nodiscard]] inline std::uint64_t hash_short(std::uint64_t head, std::size_t length) {
  const std::uint64_t hash = (head ^ (length * 0x9E3779B97F4A7C15ULL)) * 0xC2B2AE3D27D4EB4FULL;
  return hash ^ (hash >> 32);
}

// Hashes `bytes`, whose head_word is `head`.
[[nodiscard]] inline std::uint64_t hash_with_head(std::string_view bytes, std::uint64_t head) {
  constexpr std::uint64_t k_mul1 = 0x9E3779B97F4A7C15ULL;
  constexpr std::uint64_t k_mul2 = 0xC2B2AE3D27D4EB4FULL;
  if (bytes.size() <= 8) {
    return hash_short(head, bytes.size());
  }
  std::uint64_t hash = (head ^ (bytes.size() * k_mul1)) * k_mul2;
  for (std::size_t i = 8; i < bytes.size(); i += 8) {
    hash = (hash ^ head_word(bytes.substr(i))) * k_mul1;
    hash ^= hash >> 29;
  }
  return hash ^ (hash >> 32);
}

// Hashes `bytes`; stable across runs and platforms. Keys of up to 8 bytes
// cost one multiply.
[[nodiscard]] inline std::uint64_t hash_bytes(std::string_view bytes) { return hash_with_head(bytes, head_word(bytes)); }

class TokenMap {
 public:
  // Prepares the table for `count` keys so that inserts never rehash.
  void reserve(std::size_t count);

  // Inserts `bytes` -> `rank`; returns false (and changes nothing) when
  // `bytes` is already present. Throws std::length_error past 16 MB of keys.
  bool insert(std::string_view bytes, Rank rank);

  // Returns the rank of `bytes`, or k_no_rank when it is not a key.
  [[nodiscard]] Rank find(std::string_view bytes) const {
    if (bytes.size() == 2 && !m_two_byte.empty()) {
      return m_two_byte[two_byte_index(bytes)];
    }
    return find(bytes, hash_bytes(bytes));
  }

  // Same, with `hash` == hash_bytes(`bytes`) already computed.
  [[nodiscard]] Rank find(std::string_view bytes, std::uint64_t hash) const {
    return find(bytes, hash, head_word(bytes));
  }

  // Same, with `head` == head_word(`bytes`) too.
  [[nodiscard]] Rank find(std::string_view bytes, std::uint64_t hash, std::uint64_t head) const {
    if (bytes.size() - 1 < 8) {
      return find_short(head, bytes.size(), hash);
    }
    if (m_groups.empty()) {
      return k_no_rank;
    }
    for (std::size_t i = home(hash);; i = (i + 1) & m_mask) {
      const Slot& slot = slot_at(i);
      if (slot.rank == k_no_rank) {
        return k_no_rank;
      }
      if (slot.head == head && slot.length() == std::min<std::size_t>(bytes.size(), k_long) &&
          (bytes.empty() || tail_equals(slot, bytes))) {
        return slot.rank;
      }
    }
  }

  // The rank of the key of `length` bytes, 1 to 8, whose head_word is
  // `head` and hash hash_short(head, length); or k_no_rank. A key is placed
  // in the first free slot from the start of its group of four (one cache
  // line), so a group with a free slot ends the search: the four slots are
  // compared without a branch each, and one branch, almost always taken,
  // ends the look-up. (An empty slot has length 0, so never matches.)
  [[nodiscard]] Rank find_short(std::uint64_t head, std::size_t length, std::uint64_t hash) const {
    if (m_groups.empty()) {
      return k_no_rank;
    }
    const std::uint32_t want = static_cast<std::uint32_t>(length) << 24;
    for (std::size_t g = home(hash) >> 2;; g = (g + 1) & (m_mask >> 2)) {
      const Group& group = m_groups[g];
      Rank found = k_no_rank;
      bool open = false;
      for (const Slot& slot : group.slots) {
        const bool same = slot.head == head && (slot.length_offset & 0xFF000000) == want;
        found = same ? slot.rank : found;
        open |= slot.rank == k_no_rank;
      }
      if (found != k_no_rank || open) {
        return found;
      }
    }
  }

  [[nodiscard]] std::size_t size() const { return m_size; }

 private:
  // Lengths from k_long up are stored as k_long in the slot, the real length
  // as 4 bytes in the arena before the key's tail.
  static constexpr std::size_t k_long = 255;

  struct Slot {
    std::uint64_t head = 0;       // the key's first 8 bytes, zero-padded
    std::uint32_t length_offset = 0;  // length (8 bits, k_long = long) << 24 | arena offset of the tail
    Rank rank = k_no_rank;        // k_no_rank marks an empty slot
    [[nodiscard]] std::size_t length() const { return length_offset >> 24; }
    [[nodiscard]] std::size_t offset() const { return length_offset & 0xFFFFFF; }
  };

  struct alignas(64) Group {
    Slot slots[4];
  };

  // Where a key's probe starts: the first slot of its hash's group.
  [[nodiscard]] std::size_t home(std::uint64_t hash) const { return hash & m_mask & ~std::size_t{3}; }
  [[nodiscard]] const Slot& slot_at(std::size_t i) const { return m_groups[i >> 2].slots[i & 3]; }
  [[nodiscard]] Slot& slot_at(std::size_t i) { return m_groups[i >> 2].slots[i & 3]; }

  static std::size_t two_byte_index(std::string_view bytes) {
    return static_cast<std::size_t>(static_cast<unsigned char>(bytes[0])) << 8 |
           static_cast<unsigned char>(bytes[1]);
  }

  [[nodiscard]] bool tail_equals(const Slot& slot, std::string_view bytes) const;
  void place(const Slot& slot, std::uint64_t hash);
  void grow();

  std::string m_arena;
  std::vector<Group> m_groups;
  std::vector<std::uint64_t> m_hashes;  // per slot, for rehashing
  std::size_t m_mask = 0;  // slots - 1
  std::size_t m_size = 0;
  // The ranks of every two-byte key, by (first byte << 8 | second): a BPE
  // merge starts by looking up each adjacent byte pair of the piece, and
  // this answers those from 256 KB that stay in L2 instead of a hash, a
  // probe and a compare in the 8 MB table. Empty until a two-byte key is
  // inserted.
  std::vector<Rank> m_two_byte;
};

}  // namespace tokprof::tokenizer
