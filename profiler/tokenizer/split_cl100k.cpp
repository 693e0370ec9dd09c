// The cl100k_base splitter, by hand. It imitates exactly this regex
// (tiktoken's cl100k_base pat_str, one alternative a line here):
//
//   (?i:'s|'t|'re|'ve|'m|'ll|'d)
//  |[^\r\n\p{L}\p{N}]?\p{L}+
//  |\p{N}{1,3}
//  | ?[^\s\p{L}\p{N}]+[\r\n]*
//  |\s*[\r\n]+
//  |\s+(?!\S)
//  |\s+
//
// Newer tiktoken releases write it with possessive quantifiers ("?+", "++",
// "\s++$"); those match the same pieces on every input.
//
// Llama 3's tokenizer.json splits with this very regex. Qwen2, 2.5 and 3
// split with it too except for the third alternative, which is \p{N} (one
// number character a piece): the same rule with a run of at most 1.
//
// Proven equal to the PCRE2 path by tests/unit/tokenizer/test_tokenizer_split.cpp
// and the golden files.
//
// Session 6: the ASCII word path finds the letter run eight bytes at a time
// (split_common.hpp's ascii_run_end) and the prefix with a table look-up
// (ascii_word_start): 23% fewer branch misses on the peer-bench corpus,
// cl100k_base count 1,803 -> 1,766 M cycles:u (-2%; o200k_base, whose small
// letter run uses it too, 2,102 -> 2,062 M). Then that path was inlined
// into the splitter's loop and the other pieces moved out of line
// (other_piece_end): 6% fewer instructions, 1,605 -> 1,535 M cycles (-4%);
// for o200k_base, same split, 3.7% fewer instructions, cycles the same
// within the noise (1,856 against 1,862 M).

#include "split_common.hpp"
#include "split_rules.hpp"

namespace tokprof::tokenizer::split {
namespace {

using unicode::k_letter;
using unicode::k_number;
using unicode::k_space;

// The commonest pieces by far, in ASCII: an optional prefix character
// (ASCII, not a letter, digit, \r, \n or '), then [A-Za-z]+, followed by
// the end of the text or any ASCII character. On such text the second
// alternative is exactly that (ASCII letters are \p{L}, the prefix is in
// [^\r\n\p{L}\p{N}], and \p{L}+ cannot run on into ASCII that is not a
// letter), and the first cannot match, as the text here does not start
// with an apostrophe. Returns k_none on any other text: the general rules
// decide.
[[gnu::always_inline]] inline std::size_t ascii_word_end(std::string_view text, std::size_t pos) {
  const std::size_t word = ascii_word_start(text, pos);
  if (word == k_none) {
    return k_none;
  }
  const std::size_t end = ascii_run_end<'a', 'z', true>(text, word);
  if (end == word || (end < text.size() && static_cast<unsigned char>(text[end]) >= 0x80)) {
    return k_none;
  }
  return end;
}

// Every piece that is not an ASCII word.
template <int MaxDigits>
[[gnu::noinline]] std::size_t other_piece_end(std::string_view text, std::size_t pos) {
  if (const std::size_t length = contraction_length(text, pos, true); length != 0) {
    return pos + length;
  }
  const Char first = char_at(text, pos);
  if ((first.cls & k_letter) != 0) {
    return run_end(text, pos, k_letter);
  }
  // [^\r\n\p{L}\p{N}]?\p{L}+ with the prefix; without it the first
  // character would have to be a letter, which it is not.
  if (is_prefix_class(first.cls)) {
    const std::size_t next = pos + first.length;
    if (next < text.size() && (char_at(text, next).cls & k_letter) != 0) {
      return run_end(text, next, k_letter);
    }
  }
  if ((first.cls & k_number) != 0) {
    return digits_end(text, pos, MaxDigits);
  }
  const std::size_t start = text[pos] == ' ' ? pos + 1 : pos;
  if (start < text.size() && is_other_class(char_at(text, start).cls)) {
    std::size_t end = other_run_end(text, start);
    while (end < text.size() && (text[end] == '\r' || text[end] == '\n')) {
      ++end;
    }
    return end;
  }
  if ((first.cls & k_space) != 0) {
    return whitespace_end(text, pos, true);
  }
  return pos + first.length;  // unreachable: every character is in some class above
}

// The ASCII word path inlined into the splitter's loop, the rest out of line.
template <int MaxDigits>
[[gnu::always_inline]] inline std::size_t cl100k_piece_end(std::string_view text, std::size_t pos) {
  if (const std::size_t end = ascii_word_end(text, pos); end != k_none) {
    return end;
  }
  return other_piece_end<MaxDigits>(text, pos);
}

}  // namespace

const std::string_view k_cl100k_regex =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

const std::string_view k_qwen2_regex =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

std::unique_ptr<Splitter> make_cl100k_splitter() { return std::make_unique<RuleSplitter<&cl100k_piece_end<3>>>(); }

std::unique_ptr<Splitter> make_qwen2_splitter() { return std::make_unique<RuleSplitter<&cl100k_piece_end<1>>>(); }

}  // namespace tokprof::tokenizer::split
