#pragma once
// The built-in tiktoken encodings: name -> split pattern, special tokens and
// vocabulary, as defined by tiktoken_ext/openai_public.py.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tiktoken_model.hpp"

namespace tokprof::tokenizer {

struct EncodingSpec {
  std::string_view name;
  std::string_view vocabulary;  // the embedded .tiktoken file it uses
  std::string_view pattern;
  std::string_view description;
  std::vector<SpecialToken> specials;
};

// Returns the spec of built-in encoding `name`, or nothing.
[[nodiscard]] std::optional<EncodingSpec> find_encoding(std::string_view name);

// Returns the names of all built-in encodings, in a stable order.
[[nodiscard]] std::vector<std::string_view> encoding_names();

}  // namespace tokprof::tokenizer
