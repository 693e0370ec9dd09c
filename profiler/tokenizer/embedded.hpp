#pragma once
// Vocabulary files built into the binary (see embedded.S.in): the exact
// bytes of the committed .tiktoken files, whose sha256 the build checks
// against tiktoken's published hashes.

#include <string_view>

namespace tokprof::tokenizer {

// Returns the embedded content of `name`.tiktoken, or an empty view.
[[nodiscard]] std::string_view embedded_vocabulary(std::string_view name);

}  // namespace tokprof::tokenizer
