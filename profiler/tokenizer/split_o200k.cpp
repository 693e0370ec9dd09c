// The o200k_base splitter, by hand. It imitates exactly this regex (tiktoken's
// o200k_base pat_str, one alternative a line here):
//
//   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//  |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//  |\p{N}{1,3}
//  | ?[^\s\p{L}\p{N}]+[\r\n/]*
//  |\s*[\r\n]+
//  |\s+(?!\S)
//  |\s+
//
// Below, U = [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}], W = [\p{Ll}\p{Lm}\p{Lo}\p{M}] and
// P = [^\r\n\p{L}\p{N}]. U and W overlap (Lm, Lo, M), and marks are in P too,
// which is what makes the first two alternatives subtle; see lower_word.
//
// Proven equal to the PCRE2 path by tests/unit/tokenizer/test_tokenizer_split.cpp
// (differential, random text over every class) and the golden files.
//
// Tried and rejected: a table-driven DFA (the lookahead and the backtracking
// of U*W+ need more than one state per position; the hand-written form is as
// fast on ASCII and far easier to check against the regex).

#include "split_common.hpp"
#include "split_rules.hpp"

namespace tokprof::tokenizer::split {
namespace {

using unicode::k_lower;
using unicode::k_number;
using unicode::k_space;
using unicode::k_upper;

// U*W+ at `pos`, or k_none. U* is greedy and then gives back one character
// at a time until W+ can match: if the character after the whole U run is in
// W (an Ll), W+ runs on from there; otherwise the match ends just after the
// last character of the U run that is also in W, if there is one.
std::size_t lower_word(std::string_view text, std::size_t pos) {
  std::size_t after_last_w = k_none;
  while (pos < text.size()) {
    const Char c = char_at(text, pos);
    if ((c.cls & k_upper) == 0) {
      if ((c.cls & k_lower) != 0) {
        return run_end(text, pos, k_lower);
      }
      break;
    }
    pos += c.length;
    if ((c.cls & k_lower) != 0) {
      after_last_w = pos;
    }
  }
  return after_last_w;
}

// U+W* at `pos`, or k_none. Both greedy; nothing after them can fail.
std::size_t upper_word(std::string_view text, std::size_t pos) {
  const std::size_t end = run_end(text, pos, k_upper);
  return end == pos ? k_none : run_end(text, end, k_lower);
}

// The first two alternatives: P? is tried with and then without its
// character, for each alternative in turn.
std::size_t word_end(std::string_view text, std::size_t pos, Char first) {
  const std::size_t after_prefix = is_prefix_class(first.cls) ? pos + first.length : k_none;
  for (auto* word : {&lower_word, &upper_word}) {
    std::size_t end = after_prefix < text.size() ? word(text, after_prefix) : k_none;
    if (end == k_none) {
      end = word(text, pos);
    }
    if (end != k_none) {
      return end + contraction_length(text, end, true);
    }
  }
  return k_none;
}

// The commonest pieces by far, in ASCII: an optional prefix character
// (ASCII, not a letter, digit, \r, \n or '), then [A-Z]*[a-z]+ or [A-Z]+,
// followed by the end of the text or an ASCII character other than '.
// On such text the first two alternatives reduce to exactly that: ASCII
// capitals are in U only, small letters in W only, so U*W+ is [A-Z]*[a-z]+
// and, failing it, U+W* is [A-Z]+; the prefix is P; and the piece cannot
// run on, since the next character is in neither U nor W and starts no
// contraction. Returns k_none on any other text: the general rules decide.
[[gnu::always_inline]] inline std::size_t ascii_word_end(std::string_view text, std::size_t pos) {
  const std::size_t word = ascii_word_start(text, pos);
  if (word == k_none) {
    return k_none;
  }
  std::size_t end = word;
  while (end < text.size() && is_ascii_upper(text[end])) {
    ++end;
  }
  end = ascii_run_end<'a', 'z', false>(text, end);
  if (end == word || (end < text.size() && (static_cast<unsigned char>(text[end]) >= 0x80 || text[end] == '\''))) {
    return k_none;
  }
  return end;
}

// Every piece that is not an ASCII word.
[[gnu::noinline]] std::size_t other_piece_end(std::string_view text, std::size_t pos) {
  const Char first = char_at(text, pos);
  if ((first.cls & (k_upper | k_lower)) != 0 || is_prefix_class(first.cls)) {
    if (const std::size_t end = word_end(text, pos, first); end != k_none) {
      return end;
    }
  }
  if ((first.cls & k_number) != 0) {
    return digits_end(text, pos);
  }
  // " ?[^\s\p{L}\p{N}]+[\r\n/]*": with the space, or (a space not being in
  // the class) not at all when the text here is a space.
  const std::size_t start = text[pos] == ' ' ? pos + 1 : pos;
  if (start < text.size() && is_other_class(char_at(text, start).cls)) {
    std::size_t end = other_run_end(text, start);
    while (end < text.size() && (text[end] == '\r' || text[end] == '\n' || text[end] == '/')) {
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
[[gnu::always_inline]] inline std::size_t o200k_piece_end(std::string_view text, std::size_t pos) {
  if (const std::size_t end = ascii_word_end(text, pos); end != k_none) {
    return end;
  }
  return other_piece_end(text, pos);
}

}  // namespace

const std::string_view k_o200k_regex =
    R"([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?)"
    R"(|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?)"
    R"(|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

std::unique_ptr<Splitter> make_o200k_splitter() { return std::make_unique<RuleSplitter<&o200k_piece_end>>(); }

}  // namespace tokprof::tokenizer::split
