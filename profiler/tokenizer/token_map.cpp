#include "token_map.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace tokprof::tokenizer {

bool TokenMap::tail_equals(const Slot& slot, std::string_view bytes) const {
  std::size_t offset = slot.offset();
  if (slot.length() == k_long) {
    std::uint32_t length = 0;
    std::memcpy(&length, m_arena.data() + offset, 4);
    if (length != bytes.size()) {
      return false;
    }
    offset += 4;
  }
  const std::string_view tail = bytes.substr(8);
  if (tail.size() <= 8) {
    // Most long keys are 9-16 bytes: two word loads beat a memcmp call.
    return head_word({m_arena.data() + offset, tail.size()}) == head_word(tail);
  }
  return std::memcmp(m_arena.data() + offset, tail.data(), tail.size()) == 0;
}

void TokenMap::place(const Slot& slot, std::uint64_t hash) {
  std::size_t i = home(hash);
  while (slot_at(i).rank != k_no_rank) {
    i = (i + 1) & m_mask;
  }
  slot_at(i) = slot;
  m_hashes[i] = hash;
}

void TokenMap::reserve(std::size_t count) {
  // At most half full: probe sequences stay short even for unlucky keys.
  const std::size_t wanted = std::bit_ceil(std::max<std::size_t>(16, count * 2));
  if (wanted <= m_mask + 1 && !m_groups.empty()) {
    return;
  }
  std::vector<Group> old = std::move(m_groups);
  std::vector<std::uint64_t> old_hashes = std::move(m_hashes);
  m_groups.assign(wanted / 4, Group{});
  m_hashes.assign(wanted, 0);
  m_mask = wanted - 1;
  for (std::size_t i = 0; i < old.size() * 4; ++i) {
    const Slot& slot = old[i >> 2].slots[i & 3];
    if (slot.rank != k_no_rank) {
      place(slot, old_hashes[i]);
    }
  }
}

void TokenMap::grow() { reserve(std::max<std::size_t>(m_size + 1, m_size * 2)); }

bool TokenMap::insert(std::string_view bytes, Rank rank) {
  if (find(bytes) != k_no_rank) {
    return false;
  }
  if (m_groups.empty() || (m_size + 1) * 2 > m_mask + 1) {
    grow();
  }
  const std::size_t length = std::min(bytes.size(), k_long);
  const std::size_t offset = m_arena.size();
  if (length == k_long) {
    const auto real = static_cast<std::uint32_t>(bytes.size());
    m_arena.append(reinterpret_cast<const char*>(&real), 4);
  }
  if (bytes.size() > 8) {
    m_arena.append(bytes.substr(8));
  }
  if (m_arena.size() > 0xFFFFFF) {
    throw std::length_error("TokenMap: more than 16 MB of token bytes");
  }
  place(Slot{head_word(bytes), static_cast<std::uint32_t>(length << 24 | offset), rank}, hash_bytes(bytes));
  ++m_size;
  if (bytes.size() == 2) {
    if (m_two_byte.empty()) {
      m_two_byte.assign(std::size_t{1} << 16, k_no_rank);
    }
    m_two_byte[two_byte_index(bytes)] = rank;
  }
  return true;
}

}  // namespace tokprof::tokenizer
