// DeepSeek V3's hand-written split chain (profiler/tokenizer/split_deepseek.cpp)
// against its three regexes run by PCRE2 in turn, each cutting every piece
// of the one before: random text of the general kind (random_text.hpp,
// invalid bytes included) and text heavy in what the chain tells apart
// (digit runs, the edges of the CJK ranges, punctuation before letters,
// marks, \r\n and whitespace runs). Code points where PCRE2 10.42 (Unicode
// 14.0) and the table (16.0) disagree are left out, as in
// test_tokenizer_split.cpp.
//
// TOKPROF_SPLIT_CASES=N sets the number of strings per kind (default 20,000).

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "random_text.hpp"
#include "split_differential.hpp"
#include "tokenizer/pretokenize.hpp"
#include "tokenizer/split_rules.hpp"

using namespace tokprof;
using namespace tokprof::tokenizer;

namespace {

// The chain as Hugging Face runs it: Isolated splits, one after another.
class Pcre2Chain {
 public:
  Pcre2Chain() {
    for (const std::string_view regex : split::k_deepseek_regexes) {
      m_steps.push_back(make_pcre2_splitter(regex).value());
    }
  }

  void split(std::string_view text, std::vector<std::string_view>& pieces) const {
    pieces.assign(1, text);
    std::vector<std::string_view> next;
    std::vector<std::string_view> parts;
    for (const auto& step : m_steps) {
      next.clear();
      for (const std::string_view piece : pieces) {
        step->split(piece, parts);
        next.insert(next.end(), parts.begin(), parts.end());
      }
      pieces.swap(next);
    }
    std::erase_if(pieces, [](std::string_view piece) { return piece.empty(); });
  }

 private:
  std::vector<std::unique_ptr<Splitter>> m_steps;
};

std::unique_ptr<Splitter> deepseek_splitter() {
  return make_builtin_chain_splitter(split::k_deepseek_regexes);
}

template <typename MakeText>
void check_same_as_pcre2(std::uint64_t seed, MakeText make_text) {
  const auto fast = deepseek_splitter();
  REQUIRE(fast != nullptr);
  test::check_splitter_against(Pcre2Chain{}, *fast, "deepseek_v3", seed, make_text);
}

}  // namespace

TEST_CASE("split::make_builtin_chain_splitter") {
  CHECK(deepseek_splitter() != nullptr);
  const std::string_view* regexes = split::k_deepseek_regexes;
  SUBCASE("a single built-in pattern is make_builtin_splitter's") {
    const std::string_view one[] = {split::k_cl100k_regex};
    CHECK(make_builtin_chain_splitter(one) != nullptr);
  }
  SUBCASE("any other chain has none") {
    const std::string_view first_two[] = {regexes[0], regexes[1]};
    const std::string_view reordered[] = {regexes[1], regexes[0], regexes[2]};
    const std::string_view one_off[] = {regexes[0], regexes[1], R"(\p{L}+|\s+)"};
    const std::string_view four[] = {regexes[0], regexes[1], regexes[2], regexes[2]};
    CHECK(make_builtin_chain_splitter(first_two) == nullptr);
    CHECK(make_builtin_chain_splitter(reordered) == nullptr);
    CHECK(make_builtin_chain_splitter(one_off) == nullptr);
    CHECK(make_builtin_chain_splitter(four) == nullptr);
    CHECK(make_builtin_chain_splitter({}) == nullptr);
  }
}

TEST_CASE("split::deepseek examples") {
  const auto splitter = deepseek_splitter();
  std::vector<std::string_view> pieces;
  splitter->split("Hello, world! 12345 x.Foo  bar\r\n\r\n", pieces);
  CHECK(pieces == std::vector<std::string_view>{"Hello", ",", " world", "!", " ", "123", "45", " x", ".Foo", " ",
                                                " bar", "\r\n\r\n"});
  // Whitespace before a number keeps its last character: the number is
  // another piece, so (?!\S) holds at the run's end.
  splitter->split("a  1", pieces);
  CHECK(pieces == std::vector<std::string_view>{"a", "  ", "1"});
  // 日本語 (U+65E5 U+672C U+8A9E) is one piece; a letter outside the
  // ranges right after it (U+9FA6) is not part of it.
  splitter->split("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE9\xBE\xA6", pieces);
  CHECK(pieces == std::vector<std::string_view>{"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", "\xE9\xBE\xA6"});
  // Katakana with the middle dot U+30FB (Po, in the range): regex 3 cuts it.
  splitter->split("\xE3\x82\xAB\xE3\x83\xBB\xE3\x82\xAB", pieces);
  CHECK(pieces == std::vector<std::string_view>{"\xE3\x82\xAB", "\xE3\x83\xBB", "\xE3\x82\xAB"});
  // Controls in no class form a gap, except the last before a letter.
  splitter->split("\x01\x02\x03z\x04", pieces);
  CHECK(pieces == std::vector<std::string_view>{"\x01\x02", "\x03z", "\x04"});
}

TEST_CASE("split::differential deepseek_v3, general text") {
  static const test::Pools pools;
  check_same_as_pcre2(21, [](std::mt19937_64& rng) { return test::random_text(rng, pools); });
}

TEST_CASE("split::differential deepseek_v3, digits, CJK, punctuation, marks, line breaks") {
  static const test::Pools pools;
  static const test::DeepseekPools deepseek;
  // The ranges' edges and the first code point past one are drawn (PCRE2
  // agrees with the table on them).
  for (const char32_t edge : std::initializer_list<char32_t>{0x4E00, 0x9FA5, 0x9FA6, 0x3040, 0x309F, 0x30A0, 0x30FF}) {
    CHECK_MESSAGE(std::find(deepseek.cjk_edges.items.begin(), deepseek.cjk_edges.items.end(), test::utf8_of(edge)) !=
                      deepseek.cjk_edges.items.end(),
                  static_cast<unsigned>(edge));
  }
  check_same_as_pcre2(22, [](std::mt19937_64& rng) { return test::random_deepseek_text(rng, pools, deepseek); });
}
