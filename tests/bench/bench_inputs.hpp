#pragma once
// Deterministic benchmark inputs, built in code so that every run measures
// the same bytes: a mix like the peer-bench corpus (English prose, code,
// JSON, multilingual text) and the pathological single pieces.

#include <cstddef>
#include <string>

namespace tokprof::bench {

// Returns about `bytes` bytes of mixed text (prose, code, JSON, CJK,
// Cyrillic, Arabic, emoji), the same for the same `bytes`.
[[nodiscard]] std::string mixed_text(std::size_t bytes);

// Returns `bytes` of random base64 (one piece, no spaces).
[[nodiscard]] std::string random_base64(std::size_t bytes);

}  // namespace tokprof::bench
