// Picks a hand-written splitter for the built-in patterns and PCRE2 for
// everything else (custom .tiktoken files with other patterns, special-token
// finders).

#include <algorithm>
#include <iterator>

#include "pretokenize.hpp"
#include "split_rules.hpp"

namespace tokprof::tokenizer {

std::unique_ptr<Splitter> make_builtin_splitter(std::string_view pattern) {
  if (pattern == split::k_o200k_regex) {
    return split::make_o200k_splitter();
  }
  if (pattern == split::k_cl100k_regex) {
    return split::make_cl100k_splitter();
  }
  if (pattern == split::k_qwen2_regex) {
    return split::make_qwen2_splitter();
  }
  if (pattern == split::k_r50k_regex) {
    return split::make_r50k_splitter();
  }
  return nullptr;
}

std::unique_ptr<Splitter> make_builtin_chain_splitter(std::span<const std::string_view> patterns) {
  if (patterns.size() == 1) {
    return make_builtin_splitter(patterns[0]);
  }
  if (std::equal(patterns.begin(), patterns.end(), std::begin(split::k_deepseek_regexes),
                 std::end(split::k_deepseek_regexes))) {
    return split::make_deepseek_splitter();
  }
  return nullptr;
}

std::size_t last_line_cut(std::string_view text) {
  const auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  for (std::size_t newline = text.size() >= 2 ? text.size() - 2 : 0; newline >= 1; --newline) {
    const std::size_t found = text.rfind('\n', newline);
    if (found == std::string_view::npos || found == 0) {
      return 0;
    }
    newline = found;
    const char before = text[newline - 1];
    if (before > ' ' && before < 0x7F && is_letter(text[newline + 1])) {
      return newline + 1;
    }
  }
  return 0;
}

Result<std::unique_ptr<Splitter>> make_splitter(std::string_view pattern) {
  if (auto builtin = make_builtin_splitter(pattern)) {
    return builtin;
  }
  return make_pcre2_splitter(pattern);
}

}  // namespace tokprof::tokenizer
