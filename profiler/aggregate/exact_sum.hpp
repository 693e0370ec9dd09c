#pragma once
// A sum of doubles without rounding error, for the score and cost sums of
// approximate partial profiles (approx.hpp). Shards are summed separately
// and merged in any order; a plain double sum would depend on that order
// (floating-point addition is not associative), this one does not: value()
// is the exact sum rounded once to the nearest double.
//
// The exact sum is kept as a few non-overlapping doubles (Shewchuk,
// "Adaptive Precision Floating-Point Arithmetic", 1997), the method behind
// Python's math.fsum; inputs must be finite and their sums must not
// overflow, which scores and costs never do.

#include <vector>

namespace tokprof::aggregate {

class ExactSum {
 public:
  void add(double value);
  void merge(const ExactSum& other);

  // The exact sum, correctly rounded (ties to even).
  [[nodiscard]] double value() const;

  // Non-overlapping parts whose exact sum this is, smallest magnitude
  // first, the same for every order of addition: what a serialised sum
  // holds. The largest is value(), the next the rounded rest, and so on.
  [[nodiscard]] std::vector<double> parts() const;

  // Equal exact sums, not merely equal rounded values.
  bool operator==(const ExactSum& other) const { return parts() == other.parts(); }

 private:
  std::vector<double> m_parts;
};

}  // namespace tokprof::aggregate
