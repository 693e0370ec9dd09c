// Tokenizer::last_safe_cut: where a text may be cut so that the tokens of
// the two sides, put together, are the tokens of the whole, whatever text
// follows. `tokprof count` relies on it to count a file of any size in
// pieces, on several threads. Checked as the property itself, on random text
// across every character class with line breaks sown in, for every built-in
// split pattern and the tokenizer.json files that use one.

#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "random_text.hpp"
#include "tokenizer/pretokenize.hpp"
#include "tokenizer/tokenizer.hpp"

using namespace tokprof;
using namespace tokprof::tokenizer;

namespace {

// Random text with line breaks between all kinds of neighbours, so that
// qualifying cuts and near misses ("a \nb", "a\n b", "!\n\nb") are common.
std::string text_with_lines(std::mt19937_64& rng) {
  static const test::Pools pools;
  // The last three are DeepSeek V3's near misses: a symbol run that takes
  // the newline, punctuation that would take letters, a CJK-range dot.
  static const std::vector<std::string> joins = {"\n",   "a\nb", "x\nY",  " \nb",  "a\n b", "!\n\nb",
                                                 "9\nz", ".\nQ", "\r\nb", "!?\nb", "a.\nB", "\xE3\x83\xBB.\nb"};
  std::string text;
  const int parts = std::uniform_int_distribution<int>(1, 6)(rng);
  for (int i = 0; i < parts; ++i) {
    text += test::random_text(rng, pools);
    text += joins[std::uniform_int_distribution<std::size_t>(0, joins.size() - 1)(rng)];
  }
  return text;
}

void check_cuts(const Tokenizer& tokenizer) {
  std::mt19937_64 rng(5);
  static const test::Pools pools;
  std::size_t cuts = 0;
  std::size_t failures = 0;
  for (int i = 0; i < 3000 && failures < 5; ++i) {
    const std::string text = text_with_lines(rng);
    const std::size_t cut = tokenizer.last_safe_cut(text);
    if (cut == 0) {
      continue;
    }
    ++cuts;
    REQUIRE(cut < text.size());
    const std::string more = i % 2 == 0 ? test::random_text(rng, pools) : std::string();
    for (const Specials specials : {Specials::as_text, Specials::recognise}) {
      const auto whole = tokenizer.encode(text + more, specials);
      auto joined = tokenizer.encode(text.substr(0, cut), specials);
      const auto right = tokenizer.encode(text.substr(cut) + more, specials);
      joined.insert(joined.end(), right.begin(), right.end());
      if (joined != whole) {
        ++failures;
        FAIL_CHECK(tokenizer.name() << ": cutting text " << i << " at " << cut << " changes its tokens");
      }
    }
  }
  CHECK(cuts > 1000);
}

}  // namespace

TEST_CASE("last_line_cut finds the last line start after a non-space") {
  CHECK(last_line_cut("ab\ncd") == 3);
  CHECK(last_line_cut("a!\nb\nc d\nef") == 9);
  CHECK(last_line_cut("ab \ncd") == 0);     // whitespace before the newline
  CHECK(last_line_cut("ab\n cd") == 0);     // no letter after it
  CHECK(last_line_cut("ab\n\ncd") == 0);    // a run of newlines
  CHECK(last_line_cut("ab\n\xC3\xA9") == 0);  // a letter, but not ASCII
  CHECK(last_line_cut("\ncd") == 0);
  CHECK(last_line_cut("ab\n") == 0);        // nothing after the newline yet
  CHECK(last_line_cut("x\ny\n z") == 2);    // the last qualifying one
}

TEST_CASE("last_safe_cut keeps the tokens of the whole, built-in encodings") {
  for (const char* name : {"o200k_base", "cl100k_base", "r50k_base", "p50k_base"}) {
    CAPTURE(name);
    check_cuts(Tokenizer::load(name).value());
  }
}

TEST_CASE("last_safe_cut keeps the tokens of the whole, tokenizer.json files") {
  for (const char* name : {"llama3", "qwen3", "gptoss", "deepseek_v3"}) {
    const auto path = std::filesystem::path(default_tokenizer_dir()) / name / "tokenizer.json";
    if (!std::filesystem::exists(path)) {
      MESSAGE("skipped " << name << ": not installed; run scripts/fetch-tokenizers " << name);
      continue;
    }
    CAPTURE(name);
    check_cuts(Tokenizer::load(name).value());
  }
  // A split chain without a hand-written splitter: no cut is claimed.
  const auto path = std::filesystem::path(default_tokenizer_dir()) / "gemma3" / "tokenizer.json";
  if (std::filesystem::exists(path)) {
    CHECK(Tokenizer::load("gemma3").value().last_safe_cut("ab\ncd\nef") == 0);
  }
}
