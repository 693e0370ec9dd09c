#pragma once
// Hugging Face decoders, enough to turn ids back into text for the shipped
// tokenizers: ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace and
// Sequence. Decoding matters to tokprof only for round-trip checks, so where
// Hugging Face would print U+FFFD for byte tokens that are not valid UTF-8,
// these return the bytes themselves.

#include <memory>
#include <string>
#include <vector>

#include "hf_pretokenizer.hpp"

namespace tokprof::tokenizer::hf {

class Decoder {
 public:
  virtual ~Decoder() = default;
  // Rewrites `tokens` (the token strings in order) in place.
  virtual void decode(std::vector<std::string>& tokens) const = 0;
};

// Returns ByteLevel: GPT-2 alphabet characters back to bytes.
[[nodiscard]] std::unique_ptr<Decoder> make_byte_level_decoder();
// Returns Replace: every `pattern` (a literal) in each token becomes `content`.
[[nodiscard]] std::unique_ptr<Decoder> make_replace_decoder(std::string pattern, std::string content);
// Returns ByteFallback: tokens "<0xNN>" become the byte NN.
[[nodiscard]] std::unique_ptr<Decoder> make_byte_fallback_decoder();
// Returns Fuse: all tokens joined into one.
[[nodiscard]] std::unique_ptr<Decoder> make_fuse_decoder();
// Returns Strip: up to `start` leading and `stop` trailing `content`
// characters are removed from each token.
[[nodiscard]] std::unique_ptr<Decoder> make_strip_decoder(std::string content, std::size_t start, std::size_t stop);
// Returns Metaspace: `replacement` becomes a space, and the space the
// pre-tokenizer put in front of the first token goes unless `scheme` is never.
[[nodiscard]] std::unique_ptr<Decoder> make_metaspace_decoder(std::string replacement, PrependScheme scheme);
// Returns a decoder that applies `steps` in order.
[[nodiscard]] std::unique_ptr<Decoder> make_sequence_decoder(std::vector<std::unique_ptr<Decoder>> steps);

}  // namespace tokprof::tokenizer::hf
