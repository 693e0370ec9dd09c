#pragma once
// TokenMap: byte string -> rank, built once per vocabulary and then only read.
//
// Vocabulary look-ups dominate tokenization, and almost all keys are short
// (median 6 bytes for o200k_base), so this is an open-addressing table with
// linear probing over one contiguous arena of key bytes: a look-up hashes the
// key in a few multiplications, touches one 16-byte slot and compares the key
// with memcmp. std::unordered_map<std::string, Rank> was the obvious
// alternative: one heap node per entry and a pointer chase per probe.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tokprof::tokenizer {

using Rank = std::uint32_t;
inline constexpr Rank k_no_rank = 0xFFFFFFFF;

// Hashes `bytes` (8 bytes per step); stable across runs and platforms.
[[nodiscard]] std::uint64_t hash_bytes(std::string_view bytes);

class TokenMap {
 public:
  // Prepares the table for `count` keys so that inserts never rehash.
  void reserve(std::size_t count);

  // Inserts `bytes` -> `rank`; returns false (and changes nothing) when
  // `bytes` is already present.
  bool insert(std::string_view bytes, Rank rank);

  // Returns the rank of `bytes`, or k_no_rank when it is not a key.
  [[nodiscard]] Rank find(std::string_view bytes) const {
    if (m_slots.empty()) {
      return k_no_rank;
    }
    const std::uint64_t hash = hash_bytes(bytes);
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    for (std::size_t i = hash & m_mask;; i = (i + 1) & m_mask) {
      const Slot& slot = m_slots[i];
      if (slot.rank == k_no_rank) {
        return k_no_rank;
      }
      if (slot.tag == tag && slot.length == bytes.size() &&
          std::string_view(m_arena.data() + slot.offset, slot.length) == bytes) {
        return slot.rank;
      }
    }
  }

  [[nodiscard]] std::size_t size() const { return m_size; }

 private:
  struct Slot {
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    std::uint32_t tag = 0;  // high half of the hash, to skip most memcmps
    Rank rank = k_no_rank;  // k_no_rank marks an empty slot
  };

  void grow();

  std::string m_arena;
  std::vector<Slot> m_slots;
  std::size_t m_mask = 0;
  std::size_t m_size = 0;
};

}  // namespace tokprof::tokenizer
