#include "split_common.hpp"

namespace tokprof::tokenizer::split {

std::size_t contraction_length(std::string_view text, std::size_t pos, bool ignore_case) {
  if (pos + 1 >= text.size() || text[pos] != '\'') {
    return 0;
  }
  const auto fold = [&](char c) { return ignore_case && c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  const char first = fold(text[pos + 1]);
  const char second = pos + 2 < text.size() ? fold(text[pos + 2]) : '\0';
  switch (first) {
    case 's':
    case 't':
    case 'm':
    case 'd':
      return 2;
    case 'r':
    case 'v':
      return second == 'e' ? 3 : 0;
    case 'l':
      return second == 'l' ? 3 : 0;
    case '\xC5':
      return ignore_case && second == '\xBF' ? 3 : 0;  // U+017F folds to 's'
    default:
      return 0;
  }
}

std::size_t whitespace_end(std::string_view text, std::size_t pos, bool with_line_rule) {
  const std::size_t begin = pos;
  std::size_t last_start = pos;
  std::size_t after_line = k_none;
  while (pos < text.size()) {
    const Char c = char_at(text, pos);
    if ((c.cls & unicode::k_space) == 0) {
      break;
    }
    last_start = pos;
    pos += c.length;
    if ((c.cls & unicode::k_line) != 0) {
      after_line = pos;
    }
  }
  if (with_line_rule && after_line != k_none) {
    return after_line;
  }
  if (pos == text.size() || last_start == begin) {
    return pos;
  }
  return last_start;
}

}  // namespace tokprof::tokenizer::split
