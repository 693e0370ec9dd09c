#pragma once
// Hugging Face normalizers: text -> text before pre-tokenization. tokprof
// only counts and encodes, so unlike Hugging Face's NormalizedString no
// offset alignment is kept.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hf_pattern.hpp"
#include "hf_unicode.hpp"

namespace tokprof::tokenizer::hf {

class Normalizer {
 public:
  virtual ~Normalizer() = default;
  // Returns the normalized form of `text` (valid UTF-8). Thread-safe.
  [[nodiscard]] virtual std::string normalize(std::string_view text) const = 0;
};

// Returns a normalizer to Unicode normal form `form` (NFC, NFD, NFKC, NFKD).
[[nodiscard]] std::unique_ptr<Normalizer> make_unicode_normalizer(NormalForm form);

// Returns the Lowercase normalizer (full per-character lowercase mapping).
[[nodiscard]] std::unique_ptr<Normalizer> make_lowercase_normalizer();

// Returns the Replace normalizer: every match of `pattern` becomes `content`.
[[nodiscard]] std::unique_ptr<Normalizer> make_replace_normalizer(std::unique_ptr<Pattern> pattern,
                                                                  std::string content);

// Returns the Prepend normalizer: `prefix` goes before any non-empty text.
[[nodiscard]] std::unique_ptr<Normalizer> make_prepend_normalizer(std::string prefix);

// Returns the Strip normalizer: White_Space is removed from the `left`
// and/or `right` end.
[[nodiscard]] std::unique_ptr<Normalizer> make_strip_normalizer(bool left, bool right);

// Returns a normalizer that applies `steps` in order.
[[nodiscard]] std::unique_ptr<Normalizer> make_sequence_normalizer(std::vector<std::unique_ptr<Normalizer>> steps);

}  // namespace tokprof::tokenizer::hf
