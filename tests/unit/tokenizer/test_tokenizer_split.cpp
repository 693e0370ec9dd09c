// The hand-written splitters (profiler/tokenizer/split_*.cpp) against the
// general PCRE2 splitter: random text drawn across every class the patterns
// distinguish (letters of each case, marks, digits of many scripts,
// whitespace including \r, \n and Unicode spaces, apostrophes and
// contractions, slashes, emoji, invalid bytes), in mixes that stress one
// class at a time. Code points where PCRE2 10.42 (Unicode 14.0) and the
// splitters' table (Unicode 16.0, the reference's) disagree are left out:
// there the reference, not PCRE2, is right (the golden files check those).
//
// TOKPROF_SPLIT_CASES=N sets the number of strings per pattern (default
// 20,000); scripts/fuzz-split runs a long one.

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "tokenizer/encodings.hpp"
#include "tokenizer/pretokenize.hpp"
#include "tokenizer/split_common.hpp"
#include "tokenizer/split_rules.hpp"
#include "tokenizer/unicode_tables.hpp"
#include "random_text.hpp"
#include "split_differential.hpp"

using namespace tokprof;
using namespace tokprof::tokenizer;
using tokprof::test::Pools;
using tokprof::test::random_text;

namespace {

void check_same_as_pcre2(std::string_view encoding, std::string_view pattern, std::uint64_t seed) {
  const auto fast = make_builtin_splitter(pattern);
  REQUIRE(fast != nullptr);
  const auto reference = make_pcre2_splitter(pattern).value();
  static const Pools pools;
  test::check_splitter_against(*reference, *fast, encoding, seed,
                               [](std::mt19937_64& rng) { return random_text(rng, pools); });
}

void check_same_as_pcre2(std::string_view encoding, std::uint64_t seed) {
  const auto spec = find_encoding(encoding);
  REQUIRE(spec);
  check_same_as_pcre2(encoding, spec->pattern, seed);
}

}  // namespace

TEST_CASE("split::make_builtin_splitter") {
  SUBCASE("every built-in encoding gets a hand-written splitter") {
    for (const std::string_view name : encoding_names()) {
      CHECK_MESSAGE(make_builtin_splitter(find_encoding(name)->pattern) != nullptr, name);
    }
  }
  SUBCASE("any other pattern does not") {
    CHECK(make_builtin_splitter(R"(\p{L}+|\s+)") == nullptr);
    CHECK(make_splitter(R"(\p{L}+|\s+)").has_value());
  }
}

TEST_CASE("split::examples") {
  const auto o200k = make_builtin_splitter(find_encoding("o200k_base")->pattern);
  std::vector<std::string_view> pieces;
  o200k->split("Hello world's  HTTPServer 12345\n\n  x/\n", pieces);
  CHECK(pieces == std::vector<std::string_view>{"Hello", " world's", " ", " HTTPServer", " ", "123", "45", "\n\n",
                                                " ", " x", "/\n"});
  // U+0295 is Ll in Unicode 16.0 (the reference's), Lo in 14.0 (PCRE2's):
  // the reference splits "Aʕ" "Bc".
  o200k->split("A\xCA\x95" "Bc", pieces);
  CHECK(pieces == std::vector<std::string_view>{"A\xCA\x95", "Bc"});
  // A Unicode 16.0 letter (U+10D4A, Garay) is a letter.
  o200k->split(" a\xF0\x90\xB5\x8A" "b", pieces);
  CHECK(pieces.size() == 1);
}

TEST_CASE("split::differential o200k_base") { check_same_as_pcre2("o200k_base", 1); }
TEST_CASE("split::differential cl100k_base") { check_same_as_pcre2("cl100k_base", 2); }
TEST_CASE("split::differential r50k_base") { check_same_as_pcre2("r50k_base", 3); }
// Qwen2/2.5/3's tokenizer.json pattern: cl100k_base's with \p{N} for \p{N}{1,3}.
TEST_CASE("split::differential qwen2") { check_same_as_pcre2("qwen2", split::k_qwen2_regex, 4); }

namespace {

template <char Lo, char Hi, bool Fold>
std::size_t run_end_by_byte(std::string_view text, std::size_t pos) {
  while (pos < text.size()) {
    char c = text[pos];
    if (Fold && c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c + 0x20);
    }
    if (c < Lo || c > Hi) {
      break;
    }
    ++pos;
  }
  return pos;
}

}  // namespace

TEST_CASE("split::ascii_run_end ends where a byte loop ends") {
  // The eight-bytes-at-a-time letter runs of the ASCII fast paths, on runs
  // of letters of every length broken by each byte value (the neighbours of
  // the ranges, '@' '[' '`' '{', and bytes >= 0x80 among them), at every
  // offset and near the end of the text.
  std::mt19937_64 rng(31);
  const std::string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t size = 1 + rng() % 40;
    while (text.size() < size) {
      if (rng() % 6 == 0) {
        text += static_cast<char>(rng() % 256);
      } else {
        text += letters[rng() % letters.size()];
      }
    }
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
      CAPTURE(text);
      CAPTURE(pos);
      REQUIRE(split::ascii_run_end<'a', 'z', true>(text, pos) == run_end_by_byte<'a', 'z', true>(text, pos));
      REQUIRE(split::ascii_run_end<'a', 'z', false>(text, pos) == run_end_by_byte<'a', 'z', false>(text, pos));
    }
  }
  for (int stop = 0; stop < 256; ++stop) {
    for (std::size_t length = 0; length < 20; ++length) {
      std::string text(length, 'q');
      text += static_cast<char>(stop);
      text += "abcdefghij";
      const bool letter = (stop >= 'a' && stop <= 'z') || (stop >= 'A' && stop <= 'Z');
      CAPTURE(stop);
      CAPTURE(length);
      REQUIRE(split::ascii_run_end<'a', 'z', true>(text, 0) == (letter ? text.size() : length));
      REQUIRE(split::ascii_run_end<'a', 'z', false>(text, 0) ==
              ((stop >= 'a' && stop <= 'z') ? text.size() : length));
    }
  }
}

TEST_CASE("split::ascii_word_start") {
  // A word starts at an ASCII letter, or after one ASCII character of
  // [^\r\n\p{L}\p{N}] other than ' and NUL; anything else is for the
  // general rules.
  for (int c = 0; c < 256; ++c) {
    const std::string text{static_cast<char>(c), 'a'};
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool prefix = c > 0 && c < 0x80 && !letter && c != '\r' && c != '\n' && c != '\'' && !(c >= '0' && c <= '9');
    CAPTURE(c);
    CHECK(split::ascii_word_start(text, 0) == (letter ? 0 : prefix ? 1 : split::k_none));
  }
}
