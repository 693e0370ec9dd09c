#include "exact_sum.hpp"

#include <cmath>
#include <utility>

namespace tokprof::aggregate {

void ExactSum::add(double value) {
  // Adds `value` to each part in turn with an error-free two-sum: the
  // rounded sum travels on, the rounding error (exact) stays as a part.
  std::size_t kept = 0;
  for (double part : m_parts) {
    double big = value;
    double small = part;
    if (std::abs(big) < std::abs(small)) {
      std::swap(big, small);
    }
    const double sum = big + small;
    const double error = small - (sum - big);
    if (error != 0) {
      m_parts[kept++] = error;
    }
    value = sum;
  }
  m_parts.resize(kept);
  m_parts.push_back(value);
}

void ExactSum::merge(const ExactSum& other) {
  for (const double part : other.m_parts) {
    add(part);
  }
}

double ExactSum::value() const {
  if (m_parts.empty()) {
    return 0;
  }
  // From the largest part down, until a rounding error appears.
  std::size_t next = m_parts.size() - 1;
  double high = m_parts[next];
  double low = 0;
  while (next > 0) {
    --next;
    const double part = m_parts[next];
    const double sum = high + part;
    low = part - (sum - high);
    high = sum;
    if (low != 0) {
      break;
    }
  }
  // `high` + `low` is exact, but rounding `low` away can be wrong when it
  // is half an ulp and the parts below push it over: round once more by hand.
  if (next > 0 && low != 0 && ((low < 0) == (m_parts[next - 1] < 0))) {
    const double doubled = low * 2;
    const double nudged = high + doubled;
    if (nudged - high == doubled) {
      high = nudged;
    }
  }
  return high;
}

std::vector<double> ExactSum::parts() const {
  // Peels the rounded value off the rest until nothing is left: each rest
  // is below half an ulp of the part before, so a double's exponent range
  // bounds the loop (a few parts in practice).
  std::vector<double> parts;
  ExactSum rest = *this;
  for (double top = rest.value(); top != 0; top = rest.value()) {
    parts.insert(parts.begin(), top);
    rest.add(-top);
  }
  return parts;
}

}  // namespace tokprof::aggregate
