#pragma once
// The merge list of a Hugging Face BPE model as an open-addressing hash
// table: (left id, right id) -> (priority, merged id).
//
// Looking up pairs is the BPE merge's inner loop. std::unordered_map (one
// node per entry, a modulo by a prime per look-up) spent 16% of Llama 3's
// count time in find on the peer-bench corpus; this table is one flat array
// of 16-byte slots at most half full, a multiply-shift hash and linear
// probing, so a look-up is one cache miss.

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

namespace tokprof::tokenizer::hf {

class MergeTable {
 public:
  struct Value {
    std::uint32_t priority;
    std::uint32_t new_id;
  };

  // Makes room for `count` pairs.
  void reserve(std::size_t count) {
    const std::size_t capacity = std::bit_ceil(std::max<std::size_t>(16, count * 2));
    m_slots.assign(capacity, Slot{k_empty, {}});
    m_mask = capacity - 1;
    m_shift = 64 - std::countr_zero(capacity);
    m_size = 0;
  }

  // Sets the value of (left, right), replacing any earlier one (a pair
  // listed twice keeps its last entry, as a Rust HashMap collect does).
  void insert_or_assign(std::uint32_t left, std::uint32_t right, Value value) {
    if ((m_size + 1) * 2 > m_slots.size()) {
      grow();
    }
    const std::uint64_t key = key_of(left, right);
    for (std::size_t slot = slot_of(key);; slot = (slot + 1) & m_mask) {
      if (m_slots[slot].key == key) {
        m_slots[slot].value = value;
        return;
      }
      if (m_slots[slot].key == k_empty) {
        m_slots[slot] = {key, value};
        ++m_size;
        return;
      }
    }
  }

  // Returns the value of (left, right), or null.
  [[nodiscard]] const Value* find(std::uint32_t left, std::uint32_t right) const {
    if (m_slots.empty()) {
      return nullptr;
    }
    const std::uint64_t key = key_of(left, right);
    for (std::size_t slot = slot_of(key);; slot = (slot + 1) & m_mask) {
      if (m_slots[slot].key == key) {
        return &m_slots[slot].value;
      }
      if (m_slots[slot].key == k_empty) {
        return nullptr;
      }
    }
  }

 private:
  // No pair has it: ids are below k_no_rank (0xFFFFFFFF).
  static constexpr std::uint64_t k_empty = ~std::uint64_t{0};

  struct Slot {
    std::uint64_t key;
    Value value;
  };

  static std::uint64_t key_of(std::uint32_t left, std::uint32_t right) {
    return (std::uint64_t{left} << 32) | right;
  }
  // Fibonacci hashing: the top bits of key * 2^64/phi.
  std::size_t slot_of(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> m_shift) & m_mask;
  }

  void grow() {
    std::vector<Slot> old = std::move(m_slots);
    reserve(std::max<std::size_t>(16, old.size()));
    for (const Slot& slot : old) {
      if (slot.key != k_empty) {
        insert_or_assign(static_cast<std::uint32_t>(slot.key >> 32), static_cast<std::uint32_t>(slot.key), slot.value);
      }
    }
  }

  std::vector<Slot> m_slots;
  std::size_t m_mask = 0;
  int m_shift = 64;
  std::size_t m_size = 0;
};

}  // namespace tokprof::tokenizer::hf
