// Picks a hand-written splitter for the built-in patterns and PCRE2 for
// everything else (custom .tiktoken files with other patterns, special-token
// finders).

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

Result<std::unique_ptr<Splitter>> make_splitter(std::string_view pattern) {
  if (auto builtin = make_builtin_splitter(pattern)) {
    return builtin;
  }
  return make_pcre2_splitter(pattern);
}

}  // namespace tokprof::tokenizer
