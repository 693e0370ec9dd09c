#pragma once
// Building blocks shared by the hand-written splitters (split_*.cpp): a
// character reader that classifies as it decodes, runs of one class, the
// contraction suffixes and the whitespace alternatives every tiktoken
// pattern ends with. Internal to the tokenizer module.
//
// Each splitter is a `piece_end(text, pos)` function that returns where the
// regex's leftmost-first match starting at `pos` ends, derived alternative by
// alternative (with the backtracking worked out by hand, in comments). The
// patterns match every character, so `pos` always advances. Invalid UTF-8
// bytes are one character each, of class 0, exactly as pretokenize.hpp says.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "base/utf8.hpp"
#include "pretokenize.hpp"
#include "unicode_tables.hpp"

namespace tokprof::tokenizer::split {

inline constexpr std::size_t k_none = static_cast<std::size_t>(-1);

struct Char {
  std::uint8_t cls;
  std::uint8_t length;
};

// Returns the class and byte length of the character at `text[pos]`.
[[nodiscard]] inline Char char_at(std::string_view text, std::size_t pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) {
    return {unicode::k_block_classes[byte], 1};
  }
  std::size_t length = 0;
  const char32_t cp = utf8::decode(text, pos, length);
  return {cp == utf8::k_invalid ? std::uint8_t{0} : unicode::class_of(cp), static_cast<std::uint8_t>(length)};
}

// [^\r\n\p{L}\p{N}]
[[nodiscard]] inline bool is_prefix_class(std::uint8_t cls) {
  return (cls & (unicode::k_letter | unicode::k_number | unicode::k_line)) == 0;
}

// [^\s\p{L}\p{N}]
[[nodiscard]] inline bool is_other_class(std::uint8_t cls) {
  return (cls & (unicode::k_letter | unicode::k_number | unicode::k_space)) == 0;
}

[[nodiscard]] inline bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
[[nodiscard]] inline bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }

// For the ASCII fast paths of split_o200k.cpp and split_cl100k.cpp: where a
// word starts at `pos`, after an optional prefix character, an ASCII
// character of [^\r\n\p{L}\p{N}] other than the apostrophe (which starts
// contractions) and NUL. Returns k_none when the character at `pos` is
// neither an ASCII letter nor such a prefix. A table of the 256 byte values
// (0: neither, 1: a letter, 2: a prefix) answers with one load: "a letter
// or a prefix" is a branch the words of a text take at random.
[[nodiscard]] inline std::size_t ascii_word_start(std::string_view text, std::size_t pos) {
  static constexpr auto k_start = [] {
    std::array<std::uint8_t, 256> table{};
    for (int c = 1; c < 0x80; ++c) {
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      const bool prefix = c != '\r' && c != '\n' && c != '\'' && !(c >= '0' && c <= '9');
      table[static_cast<std::size_t>(c)] = letter ? 1 : prefix ? 2 : 0;
    }
    return table;
  }();
  const std::uint8_t start = k_start[static_cast<unsigned char>(text[pos])];
  return start == 0 ? k_none : pos + start - 1;
}

// Returns the end of the run of bytes in [Lo, Hi] from `pos` (Lo, Hi ASCII
// small letters), or with `Fold` of ASCII letters whose small form is in it
// ([A-Za-z] for 'a', 'z'). Eight bytes at a time where the text goes on
// that far: each byte is tested with word arithmetic (no carry crosses a
// byte: every sum stays under 0x100) and the first byte outside the run is
// the lowest flagged bit, so a word of up to 7 letters ends with no loop
// branch to mispredict.
template <char Lo, char Hi, bool Fold>
[[nodiscard]] inline std::size_t ascii_run_end(std::string_view text, std::size_t pos) {
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_high = 0x80 * k_ones;
  while (pos + 8 <= text.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + pos, 8);
    // With `Fold`, lower-case ASCII letters by setting 0x20 (no other byte
    // lands in [a-z] by it); drop the high bit, then flag each byte >= Lo
    // and each byte > Hi in its bit 7.
    const std::uint64_t low7 = (Fold ? word | (0x20 * k_ones) : word) & ~k_high;
    const std::uint64_t at_least_lo = (low7 + (0x80 - Lo) * k_ones) & k_high;
    const std::uint64_t past_hi = (low7 + (0x80 - Hi - 1) * k_ones) & k_high;
    const std::uint64_t in_run = at_least_lo & ~past_hi & ~word;  // ~word: not a byte >= 0x80
    const std::uint64_t stop = ~in_run & k_high;
    if (stop != 0) {
      return pos + static_cast<std::size_t>(std::countr_zero(stop)) / 8;
    }
    pos += 8;
  }
  const auto in_run = [](char c) {
    const char small = Fold && c >= 'A' && c <= 'Z' ? static_cast<char>(c + 0x20) : c;
    return small >= Lo && small <= Hi;
  };
  while (pos < text.size() && in_run(text[pos])) {
    ++pos;
  }
  return pos;
}

// Returns the end of the run of characters from `pos` whose class has a bit
// of `any`.
[[nodiscard]] inline std::size_t run_end(std::string_view text, std::size_t pos, std::uint8_t any) {
  while (pos < text.size()) {
    const Char c = char_at(text, pos);
    if ((c.cls & any) == 0) {
      break;
    }
    pos += c.length;
  }
  return pos;
}

// Returns the end of the run of [^\s\p{L}\p{N}] characters from `pos`.
[[nodiscard]] inline std::size_t other_run_end(std::string_view text, std::size_t pos) {
  while (pos < text.size()) {
    const Char c = char_at(text, pos);
    if (!is_other_class(c.cls)) {
      break;
    }
    pos += c.length;
  }
  return pos;
}

// Returns the end of \p{N}{1,max} at `pos` (`pos` holds a number).
[[nodiscard]] inline std::size_t digits_end(std::string_view text, std::size_t pos, int max = 3) {
  for (int i = 0; i < max && pos < text.size(); ++i) {
    const Char c = char_at(text, pos);
    if ((c.cls & unicode::k_number) == 0) {
      break;
    }
    pos += c.length;
  }
  return pos;
}

// Returns the length of 's|'t|'re|'ve|'m|'ll|'d at `pos`, or 0. With
// `ignore_case`, as (?i:...) under Unicode simple case folding, where 's'
// also matches U+017F LATIN SMALL LETTER LONG S.
[[nodiscard]] std::size_t contraction_length(std::string_view text, std::size_t pos, bool ignore_case);

// Returns the end of the whitespace alternatives at `pos` (a \s character):
//   with_line_rule:  \s*[\r\n]+|\s+(?!\S)|\s+
//   otherwise:       \s+(?!\S)|\s+
// \s*[\r\n]+ backtracks to just after the last \r or \n of the run. \s+(?!\S)
// takes the whole run at the end of text, else gives back the run's last
// character (which then prefixes the next piece); a one-character run falls
// through to \s+.
[[nodiscard]] std::size_t whitespace_end(std::string_view text, std::size_t pos, bool with_line_rule);

// A Splitter over a `piece_end` rule.
template <std::size_t (*PieceEnd)(std::string_view, std::size_t)>
class RuleSplitter final : public Splitter {
 public:
  void split(std::string_view text, std::vector<std::string_view>& pieces) const override {
    pieces.clear();
    std::size_t pos = 0;
    while (pos < text.size()) {
      const std::size_t end = PieceEnd(text, pos);
      pieces.push_back(text.substr(pos, end - pos));
      pos = end;
    }
  }

  std::size_t split_some(std::string_view text, std::size_t from, std::size_t max_pieces,
                         std::vector<std::string_view>& pieces) const override {
    pieces.clear();
    std::size_t pos = from;
    while (pos < text.size() && pieces.size() < max_pieces) {
      const std::size_t end = PieceEnd(text, pos);
      pieces.push_back(text.substr(pos, end - pos));
      pos = end;
    }
    return pos;
  }
};

}  // namespace tokprof::tokenizer::split
