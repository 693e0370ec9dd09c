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

}  // namespace tokprof::aggregate
