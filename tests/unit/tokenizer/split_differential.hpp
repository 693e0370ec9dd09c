#pragma once
// The differential check the splitter tests share: a hand-written splitter
// against a reference that runs the regexes themselves (PCRE2), on random
// texts. Test-only.
//
// TOKPROF_SPLIT_CASES=N sets the number of texts per check (default 20,000).

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/pretokenize.hpp"

namespace tokprof::test {

inline std::size_t split_case_count() {
  const char* env = std::getenv("TOKPROF_SPLIT_CASES");
  return env != nullptr ? std::strtoull(env, nullptr, 10) : 20000;
}

// "[piece][piece]...", for failure messages.
inline std::string shown(const std::vector<std::string_view>& pieces) {
  std::string out;
  for (const auto piece : pieces) {
    out += "[" + std::string(piece) + "]";
  }
  return out;
}

// Splits split_case_count() texts from `make_text(rng)` with `reference`
// (anything with split(text, pieces)) and `fast`, and checks that the pieces
// agree and that `fast`'s split_some, resumed in batches of 1 to 4 pieces,
// gives its split's pieces. Stops after 5 disagreements.
template <typename Reference, typename MakeText>
void check_splitter_against(const Reference& reference, const tokenizer::Splitter& fast, std::string_view label,
                            std::uint64_t seed, MakeText make_text) {
  std::mt19937_64 rng(seed);
  std::vector<std::string_view> expected;
  std::vector<std::string_view> actual;
  std::vector<std::string_view> resumed;
  std::vector<std::string_view> some;
  std::size_t failures = 0;
  for (std::size_t i = 0; i < split_case_count() && failures < 5; ++i) {
    const std::string text = make_text(rng);
    reference.split(text, expected);
    fast.split(text, actual);
    const std::size_t batch = 1 + i % 4;
    resumed.clear();
    for (std::size_t from = 0; from < text.size();) {
      from = fast.split_some(text, from, batch, some);
      CHECK(some.size() <= batch);
      resumed.insert(resumed.end(), some.begin(), some.end());
    }
    CHECK(resumed == actual);
    if (expected != actual) {
      ++failures;
      FAIL_CHECK(label << " case " << i << ": " << shown(expected) << "  vs hand-written  " << shown(actual));
    }
  }
}

}  // namespace tokprof::test
