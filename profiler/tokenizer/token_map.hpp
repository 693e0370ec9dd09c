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

// Hashes `bytes`, whose head_word is `head`.
[[nodiscard]] inline std::uint64_t hash_with_head(std::string_view bytes, std::uint64_t head) {
  constexpr std::uint64_t k_mul1 = 0x9E3779B97F4A7C15ULL;
  constexpr std::uint64_t k_mul2 = 0xC2B2AE3D27D4EB4FULL;
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
    if (m_slots.empty()) {
      return k_no_rank;
    }
    for (std::size_t i = hash & m_mask;; i = (i + 1) & m_mask) {
      const Slot& slot = m_slots[i];
      if (slot.rank == k_no_rank) {
        return k_no_rank;
      }
      if (slot.head == head && slot.length() == std::min<std::size_t>(bytes.size(), k_long) &&
          (bytes.size() <= 8 || tail_equals(slot, bytes))) {
        return slot.rank;
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

  static std::size_t two_byte_index(std::string_view bytes) {
    return static_cast<std::size_t>(static_cast<unsigned char>(bytes[0])) << 8 |
           static_cast<unsigned char>(bytes[1]);
  }

  [[nodiscard]] bool tail_equals(const Slot& slot, std::string_view bytes) const;
  void place(const Slot& slot, std::uint64_t hash);
  void grow();

  std::string m_arena;
  std::vector<Slot> m_slots;
  std::vector<std::uint64_t> m_hashes;  // per slot, for rehashing
  std::size_t m_mask = 0;
  std::size_t m_size = 0;
  // The ranks of every two-byte key, by (first byte << 8 | second): a BPE
  // merge starts by looking up each adjacent byte pair of the piece, and
  // this answers those from 256 KB that stay in L2 instead of a hash, a
  // probe and a compare in the 8 MB table. Empty until a two-byte key is
  // inserted.
  std::vector<Rank> m_two_byte;
};

}  // namespace tokprof::tokenizer
