#pragma once
// A small, portable pseudo-random generator for the bootstrap.
//
// std::mt19937 gives the same bits everywhere, but the distributions built on
// it (std::uniform_int_distribution) are implementation-defined, so the same
// seed would draw different resamples with libstdc++ and libc++. Reports
// must be reproducible from `--seed` on any platform, so the generator and
// the bounded draw are ours:
// - xoshiro256** (Blackman and Vigna, https://prng.di.unimi.it/): 256 bits
//   of state, fast, passes BigCrush; seeded through splitmix64 as its
//   authors recommend, so that any 64-bit seed (0 included) is fine;
// - a bounded draw by rejection: values below 2^64 mod n are thrown away, so
//   that the remaining range is a multiple of n and `% n` is exactly
//   uniform. At most one draw in two is rejected, and only for n near 2^63.
//   BoundedDraw makes the same draws for many draws with one bound, without
//   a division per draw.

#include <cstdint>

namespace tokprof::aggregate {

// Returns the splitmix64 finaliser of `value`: a bijective 64-bit mix, used
// to turn (seed, stream number) into an independent-looking seed.
[[nodiscard]] std::uint64_t mix64(std::uint64_t value);

class Rng {
 public:
  // Seeds the generator from `seed` through splitmix64.
  explicit Rng(std::uint64_t seed);

  // Returns the next 64 random bits.
  [[nodiscard]] std::uint64_t next();

  // Returns a uniform draw in [0, `bound`); `bound` must be positive.
  [[nodiscard]] std::uint64_t below(std::uint64_t bound);

 private:
  std::uint64_t m_state[4] = {0, 0, 0, 0};
};

// Rng::below(bound) for one bound drawn from many times: the same values
// from the same generator, with the rejection threshold (2^64 mod bound) and
// a reciprocal of the bound computed once. Rng::below spends two 64-bit
// divisions on every draw (about 100 cycles on the machines measured), which
// made drawing the keys most of a bootstrap replicate's time when a task has
// 330k of them. The remainder by multiplication is exact for every 64-bit
// value and bound: Lemire, Kaser and Kurz, "Faster Remainder by Direct
// Computation" (2019), with 128-bit fractions for 64-bit operands.
class BoundedDraw {
 public:
  // GCC and Clang's 128-bit integer (__extension__: not ISO C++, which
  // -Wpedantic would flag).
  __extension__ typedef unsigned __int128 Uint128;

  // `bound` must be positive.
  explicit BoundedDraw(std::uint64_t bound);

  // Returns what rng.below(bound) would.
  [[nodiscard]] std::uint64_t operator()(Rng& rng) const {
    for (;;) {
      const std::uint64_t value = rng.next();
      if (value >= m_threshold) {
        return remainder(value);
      }
    }
  }

  // Returns `value` % bound.
  [[nodiscard]] std::uint64_t remainder(std::uint64_t value) const {
    using u128 = Uint128;
    const u128 fraction = m_reciprocal * value;  // the fractional part of value / bound, in 2^-128 units
    // (fraction * bound) >> 128, in 64-bit halves.
    const u128 low = static_cast<u128>(static_cast<std::uint64_t>(fraction)) * m_bound;
    const u128 high = static_cast<u128>(static_cast<std::uint64_t>(fraction >> 64)) * m_bound;
    return static_cast<std::uint64_t>((high + (low >> 64)) >> 64);
  }

 private:
  std::uint64_t m_bound;
  std::uint64_t m_threshold;
  Uint128 m_reciprocal;  // ceil(2^128 / bound), mod 2^128
};

}  // namespace tokprof::aggregate
