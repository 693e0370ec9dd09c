#pragma once
// How many times a bootstrap replicate drew each key (bootstrap.hpp).
//
// A byte per key, so that the counts of a run with 330k keys (332 KB) stay
// in a core's L2 cache while a replicate draws 330k keys at random: with 4
// bytes per key (1.3 MB) every draw was an L3 access, and the bootstrap of
// 8 models that share no key ran 2.7 times slower than that of 8 models
// sharing theirs. A key drawn more than 255 times (possible only in a task
// of more than 255 keys, and then very rare) keeps 255 in its byte and one
// entry in `m_beyond` per further draw, so counts stay exact.

#include <algorithm>
#include <cstdint>
#include <vector>

namespace tokprof::aggregate {

class DrawCounts {
 public:
  // Sets every count of `keys` keys to 0.
  void reset(std::size_t keys) {
    m_counts.assign(keys, 0);
    m_beyond.clear();
  }

  void draw(std::uint32_t key) {
    std::uint8_t& count = m_counts[key];
    if (count == k_byte_max) {
      m_beyond.push_back(key);
    } else {
      ++count;
    }
  }

  // Returns the count of `key` up to 255; beyond() has the rest.
  [[nodiscard]] std::uint8_t in_byte(std::uint32_t key) const { return m_counts[key]; }

  // Returns a key for each of its draws beyond its 255th.
  [[nodiscard]] const std::vector<std::uint32_t>& beyond() const { return m_beyond; }

  [[nodiscard]] std::int64_t of(std::uint32_t key) const {
    const std::uint8_t count = m_counts[key];
    if (count != k_byte_max) {
      return count;
    }
    return k_byte_max + std::count(m_beyond.begin(), m_beyond.end(), key);
  }

 private:
  static constexpr std::uint8_t k_byte_max = 255;
  std::vector<std::uint8_t> m_counts;
  std::vector<std::uint32_t> m_beyond;  // a key per draw beyond its 255th
};

}  // namespace tokprof::aggregate
