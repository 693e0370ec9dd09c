// DeepSeek V3's split chain, by hand. Its tokenizer.json pre_tokenizer is a
// Sequence of three Isolated Splits and a ByteLevel step that only maps
// bytes (add_prefix_space and use_regex false). Each Split cuts every piece
// of the one before: its matches are pieces, and so is the text between two
// matches. The exact regexes (one alternative a line for the third; \r and
// \n stand for the raw characters tokenizer.json holds):
//
//   1.  \p{N}{1,3}
//   2.  [\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff]+
//   3.  [!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+
//      |[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+
//      | ?[\p{P}\p{S}]+[\r\n]*
//      |\s*[\r\n]+
//      |\s+(?!\S)
//      |\s+
//
// One pass does all three. Regex 1 makes every run of numbers pieces of at
// most three; no number is in regex 2's ranges, so regex 2 sees the rest as
// maximal runs of in-range characters and runs of other characters, and
// regex 3 runs inside each of those "segments" as if it were the whole text:
// no run crosses a segment's end, and (?!\S) holds there. So a piece at
// `pos` is a number chunk, or regex 3's match at `pos` inside the segment
// of the character at `pos`, or, where regex 3 matches nothing, the gap up
// to where it next does or the segment ends. A piece depends only on the
// text from where it starts, so RuleSplitter's batches apply.
//
// Regex 3 by alternative, at a segment character c:
//  - an ASCII punctuation character (all 32 are P or S) and ASCII letters;
//  - c in [\p{L}\p{M}]: the run of them (were c a mark taken as the prefix,
//    the run after it ends at the same place);
//  - c in the prefix class and a letter or mark after it: c and that run;
//  - ' ' and a P/S run, or a P/S run: with the \r and \n after it;
//  - c whitespace: split_common's whitespace alternatives, with the
//    segment's end as the text's end;
//  - anything else (a control, format, private-use or unassigned character,
//    or an invalid byte, in no class the regex names) matches only as the
//    prefix of a letter or mark, so otherwise it is part of a gap.
//
// Proven equal to the PCRE2 chain by
// tests/unit/tokenizer/test_tokenizer_split_deepseek.cpp and to the general
// tokenizer.json path by test_tokenizer_hf_fast_path.cpp.

#include "split_common.hpp"
#include "split_rules.hpp"

namespace tokprof::tokenizer::split {
namespace {

using unicode::k_letter;
using unicode::k_line;
using unicode::k_number;
using unicode::k_punct;
using unicode::k_space;

// Not a table bit: set by ds_char_at for characters in regex 2's ranges,
// which only this splitter names.
constexpr std::uint8_t k_cjk = 128;
// [\p{L}\p{M}]: marks are in k_upper, and k_upper holds nothing else
// outside \p{L}.
constexpr std::uint8_t k_letter_or_mark = k_letter | unicode::k_upper;

[[nodiscard]] bool in_cjk_ranges(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FA5) || (cp >= 0x3040 && cp <= 0x30FF);
}

// char_at, plus k_cjk.
[[nodiscard]] Char ds_char_at(std::string_view text, std::size_t pos) {
  const auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) {
    return {unicode::k_block_classes[byte], 1};
  }
  std::size_t length = 0;
  const char32_t cp = utf8::decode(text, pos, length);
  if (cp == utf8::k_invalid) {
    return {0, 1};
  }
  const std::uint8_t cjk = in_cjk_ranges(cp) ? k_cjk : 0;
  return {static_cast<std::uint8_t>(unicode::class_of(cp) | cjk), static_cast<std::uint8_t>(length)};
}

// Returns true if a character of class `cls` belongs to the segment whose
// characters are in regex 2's ranges (`cjk`) or are neither in them nor
// numbers (!`cjk`).
[[nodiscard]] bool in_segment(std::uint8_t cls, bool cjk) {
  return cjk ? (cls & k_cjk) != 0 : (cls & (k_number | k_cjk)) == 0;
}

// Returns the end of the run from `pos` of segment characters whose class
// has a bit of `any`.
[[nodiscard]] std::size_t segment_run_end(std::string_view text, std::size_t pos, std::uint8_t any, bool cjk) {
  while (pos < text.size()) {
    const Char c = ds_char_at(text, pos);
    if ((c.cls & any) == 0 || !in_segment(c.cls, cjk)) {
      break;
    }
    pos += c.length;
  }
  return pos;
}

[[nodiscard]] bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// [!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]: printable ASCII that is neither
// a letter, a digit nor a space.
[[nodiscard]] bool is_ascii_punct(char c) {
  return c > ' ' && c < 0x7F && !is_ascii_letter(c) && !(c >= '0' && c <= '9');
}

// \s*[\r\n]+|\s+(?!\S)|\s+ at `pos` (whitespace, so in a non-CJK segment;
// no whitespace character is a number or in regex 2's ranges, so the run
// ends inside the segment). As split_common's whitespace_end, except that
// (?!\S) also holds where the segment ends.
[[nodiscard]] std::size_t ds_whitespace_end(std::string_view text, std::size_t pos) {
  const std::size_t begin = pos;
  std::size_t last_start = pos;
  std::size_t after_line = k_none;
  while (pos < text.size()) {
    const Char c = ds_char_at(text, pos);
    if ((c.cls & k_space) == 0) {
      break;
    }
    last_start = pos;
    pos += c.length;
    if ((c.cls & k_line) != 0) {
      after_line = pos;
    }
  }
  if (after_line != k_none) {
    return after_line;
  }
  const bool segment_ends = pos == text.size() || !in_segment(ds_char_at(text, pos).cls, false);
  return segment_ends || last_start == begin ? pos : last_start;
}

// Returns the end of  ?[\p{P}\p{S}]+[\r\n]*  at `pos`, or k_none.
[[nodiscard]] std::size_t symbol_run_end(std::string_view text, std::size_t pos, bool cjk) {
  const std::size_t start = text[pos] == ' ' ? pos + 1 : pos;
  if (start >= text.size()) {
    return k_none;
  }
  const Char c = ds_char_at(text, start);
  if ((c.cls & k_punct) == 0 || !in_segment(c.cls, cjk)) {
    return k_none;
  }
  std::size_t end = segment_run_end(text, start, k_punct, cjk);
  // \r and \n are in a non-CJK segment only.
  while (!cjk && end < text.size() && (text[end] == '\r' || text[end] == '\n')) {
    ++end;
  }
  return end;
}

// [^\r\n\p{L}\p{P}\p{S}]
[[nodiscard]] bool is_ds_prefix_class(std::uint8_t cls) {
  return (cls & (k_letter | k_line | k_punct)) == 0;
}

// Returns true if `pos` holds a segment letter or mark.
[[nodiscard]] bool letter_or_mark_at(std::string_view text, std::size_t pos, bool cjk) {
  if (pos >= text.size()) {
    return false;
  }
  const Char c = ds_char_at(text, pos);
  return (c.cls & k_letter_or_mark) != 0 && in_segment(c.cls, cjk);
}

// Returns the end of regex 3's match at `pos` (holding `first`, of the
// segment `cjk`), or k_none when none starts there.
[[nodiscard]] std::size_t match_end(std::string_view text, std::size_t pos, Char first, bool cjk) {
  if (first.length == 1 && is_ascii_punct(text[pos]) && pos + 1 < text.size() && is_ascii_letter(text[pos + 1])) {
    std::size_t end = pos + 2;
    while (end < text.size() && is_ascii_letter(text[end])) {
      ++end;
    }
    return end;
  }
  if ((first.cls & k_letter_or_mark) != 0) {
    return segment_run_end(text, pos, k_letter_or_mark, cjk);
  }
  const std::size_t next = pos + first.length;
  if (is_ds_prefix_class(first.cls) && letter_or_mark_at(text, next, cjk)) {
    return segment_run_end(text, next, k_letter_or_mark, cjk);
  }
  if (const std::size_t end = symbol_run_end(text, pos, cjk); end != k_none) {
    return end;
  }
  if ((first.cls & k_space) != 0) {
    return ds_whitespace_end(text, pos);
  }
  return k_none;
}

// Returns the end of the gap from `pos`: the segment characters where
// regex 3 starts no match. Only a character in no class the regex names
// can be one, and it is one unless a letter or mark follows it.
[[nodiscard]] std::size_t gap_end(std::string_view text, std::size_t pos, bool cjk) {
  while (pos < text.size()) {
    const Char c = ds_char_at(text, pos);
    if (!in_segment(c.cls, cjk) || (c.cls & (k_letter_or_mark | k_punct | k_space)) != 0) {
      return pos;
    }
    if (letter_or_mark_at(text, pos + c.length, cjk)) {
      return pos;
    }
    pos += c.length;
  }
  return pos;
}

std::size_t deepseek_piece_end(std::string_view text, std::size_t pos) {
  const Char first = ds_char_at(text, pos);
  if ((first.cls & k_number) != 0) {
    return digits_end(text, pos, 3);
  }
  const bool cjk = (first.cls & k_cjk) != 0;
  if (const std::size_t end = match_end(text, pos, first, cjk); end != k_none) {
    return end;
  }
  return gap_end(text, pos + first.length, cjk);
}

}  // namespace

// As tokenizer.json holds them once its JSON escapes are read: \r and \n
// are the raw characters, regex 2 is UTF-8.
const std::string_view k_deepseek_regexes[3] = {
    R"(\p{N}{1,3})",
    "[\xE4\xB8\x80-\xE9\xBE\xA5\xE3\x81\x80-\xE3\x82\x9F\xE3\x82\xA0-\xE3\x83\xBF]+",
    "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| "
    "?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+",
};

std::unique_ptr<Splitter> make_deepseek_splitter() {
  return std::make_unique<RuleSplitter<&deepseek_piece_end>>();
}

}  // namespace tokprof::tokenizer::split
