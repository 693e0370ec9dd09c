#include "random.hpp"

namespace tokprof::aggregate {

namespace {

constexpr std::uint64_t k_golden_gamma = 0x9e3779b97f4a7c15ULL;

std::uint64_t rotate_left(std::uint64_t value, int bits) {
  return (value << bits) | (value >> (64 - bits));
}

}  // namespace

std::uint64_t mix64(std::uint64_t value) {
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

Rng::Rng(std::uint64_t seed) {
  // splitmix64: successive outputs of a Weyl sequence through the mixer.
  for (std::uint64_t& word : m_state) {
    seed += k_golden_gamma;
    word = mix64(seed);
  }
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotate_left(m_state[1] * 5, 7) * 9;
  const std::uint64_t shifted = m_state[1] << 17;
  m_state[2] ^= m_state[0];
  m_state[3] ^= m_state[1];
  m_state[1] ^= m_state[2];
  m_state[0] ^= m_state[3];
  m_state[2] ^= shifted;
  m_state[3] = rotate_left(m_state[3], 45);
  return result;
}

std::uint64_t Rng::below(std::uint64_t bound) {
  // 2^64 mod bound, computed in 64 bits as (2^64 - bound) mod bound.
  const std::uint64_t threshold = (0 - bound) % bound;
  for (;;) {
    const std::uint64_t value = next();
    if (value >= threshold) {
      return value % bound;
    }
  }
}

BoundedDraw::BoundedDraw(std::uint64_t bound)
    : m_bound(bound),
      m_threshold((0 - bound) % bound),
      m_reciprocal(~static_cast<Uint128>(0) / bound + 1) {}

}  // namespace tokprof::aggregate
