#include "token_map.hpp"

#include <bit>
#include <cstring>

namespace tokprof::tokenizer {

std::uint64_t hash_bytes(std::string_view bytes) {
  constexpr std::uint64_t k_mul1 = 0x9E3779B97F4A7C15ULL;
  constexpr std::uint64_t k_mul2 = 0xC2B2AE3D27D4EB4FULL;
  std::uint64_t hash = k_mul1 ^ (bytes.size() * k_mul2);
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + i, 8);
    hash = (hash ^ word) * k_mul2;
    hash ^= hash >> 31;
  }
  if (i < bytes.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + i, bytes.size() - i);
    hash = (hash ^ word) * k_mul1;
    hash ^= hash >> 29;
  }
  hash *= k_mul2;
  return hash ^ (hash >> 32);
}

void TokenMap::reserve(std::size_t count) {
  // At most half full: probe sequences stay short even for unlucky keys.
  const std::size_t wanted = std::bit_ceil(std::max<std::size_t>(16, count * 2));
  if (wanted <= m_slots.size()) {
    return;
  }
  std::vector<Slot> old = std::move(m_slots);
  m_slots.assign(wanted, Slot{});
  m_mask = wanted - 1;
  for (const Slot& slot : old) {
    if (slot.rank == k_no_rank) {
      continue;
    }
    const std::uint64_t hash = hash_bytes(std::string_view(m_arena.data() + slot.offset, slot.length));
    std::size_t i = hash & m_mask;
    while (m_slots[i].rank != k_no_rank) {
      i = (i + 1) & m_mask;
    }
    m_slots[i] = slot;
  }
}

void TokenMap::grow() { reserve(std::max<std::size_t>(m_size + 1, m_size * 2)); }

bool TokenMap::insert(std::string_view bytes, Rank rank) {
  if ((m_size + 1) * 2 > m_slots.size()) {
    grow();
  }
  const std::uint64_t hash = hash_bytes(bytes);
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  std::size_t i = hash & m_mask;
  for (; m_slots[i].rank != k_no_rank; i = (i + 1) & m_mask) {
    const Slot& slot = m_slots[i];
    if (slot.tag == tag && slot.length == bytes.size() &&
        std::string_view(m_arena.data() + slot.offset, slot.length) == bytes) {
      return false;
    }
  }
  m_slots[i] = Slot{static_cast<std::uint32_t>(m_arena.size()), static_cast<std::uint32_t>(bytes.size()), tag, rank};
  m_arena.append(bytes);
  ++m_size;
  return true;
}

}  // namespace tokprof::tokenizer
