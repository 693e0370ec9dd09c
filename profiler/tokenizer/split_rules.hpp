#pragma once
// The hand-written splitters and the exact regexes they imitate. Internal to
// the tokenizer module; pretokenize.hpp's make_splitter picks them.

#include <memory>
#include <string_view>

#include "pretokenize.hpp"

namespace tokprof::tokenizer::split {

extern const std::string_view k_o200k_regex;
extern const std::string_view k_cl100k_regex;
extern const std::string_view k_r50k_regex;
extern const std::string_view k_qwen2_regex;  // Qwen2/2.5/3 tokenizer.json
// DeepSeek V3's tokenizer.json: three Isolated Splits, each cutting the
// pieces of the one before.
extern const std::string_view k_deepseek_regexes[3];

// Each returns a splitter equal to the PCRE2 one for its regex.
[[nodiscard]] std::unique_ptr<Splitter> make_o200k_splitter();
[[nodiscard]] std::unique_ptr<Splitter> make_cl100k_splitter();
[[nodiscard]] std::unique_ptr<Splitter> make_r50k_splitter();
[[nodiscard]] std::unique_ptr<Splitter> make_qwen2_splitter();
// Returns a splitter equal to the PCRE2 splitters of k_deepseek_regexes
// applied in turn.
[[nodiscard]] std::unique_ptr<Splitter> make_deepseek_splitter();

}  // namespace tokprof::tokenizer::split
