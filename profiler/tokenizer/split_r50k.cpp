// The r50k_base / p50k_base splitter (GPT-2's pattern), by hand. It imitates
// exactly this regex, one alternative a line here:
//
//   's|'t|'re|'ve|'m|'ll|'d
//  | ?\p{L}+
//  | ?\p{N}+
//  | ?[^\s\p{L}\p{N}]+
//  |\s+(?!\S)
//  |\s+
//
// Proven equal to the PCRE2 path by tests/unit/tokenizer/test_tokenizer_split.cpp
// and the golden files.

#include "split_common.hpp"
#include "split_rules.hpp"

namespace tokprof::tokenizer::split {
namespace {

using unicode::k_letter;
using unicode::k_number;

std::size_t r50k_piece_end(std::string_view text, std::size_t pos) {
  if (const std::size_t length = contraction_length(text, pos, false); length != 0) {
    return pos + length;
  }
  // " ?X+": with the space if one is here. Without it the first character
  // would be the space itself, which is in none of the three classes.
  const std::size_t start = text[pos] == ' ' && pos + 1 < text.size() ? pos + 1 : pos;
  const Char c = char_at(text, start);
  if ((c.cls & k_letter) != 0) {
    return run_end(text, start, k_letter);
  }
  if ((c.cls & k_number) != 0) {
    return run_end(text, start, k_number);
  }
  if (is_other_class(c.cls)) {
    return other_run_end(text, start);
  }
  return whitespace_end(text, pos, false);
}

}  // namespace

const std::string_view k_r50k_regex =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

std::unique_ptr<Splitter> make_r50k_splitter() { return std::make_unique<RuleSplitter<&r50k_piece_end>>(); }

}  // namespace tokprof::tokenizer::split
