#pragma once
// A Hugging Face tokenizer.json pipeline as a tokprof Model:
//   added tokens -> normalizer -> pre-tokenizer -> BPE, per piece.
//
// tokprof counts the tokens of the text itself, as Hugging Face's
// encode(text, add_special_tokens=False) does: post-processors (which add
// BOS/EOS or template tokens), truncation and padding are not applied.
// Text that is not valid UTF-8 has each invalid byte replaced by U+FFFD
// first, since Hugging Face accepts only valid strings.

#include <memory>
#include <string>
#include <vector>

#include "hf_added_tokens.hpp"
#include "hf_bpe.hpp"
#include "hf_decoder.hpp"
#include "hf_normalizer.hpp"
#include "hf_pretokenizer.hpp"
#include "pretokenize.hpp"
#include "tokenizer.hpp"

namespace tokprof::tokenizer::hf {

struct Components {
  std::unique_ptr<Normalizer> normalizer;       // may be null
  std::unique_ptr<PreTokenizer> pre_tokenizer;  // may be null
  std::unique_ptr<Splitter> hand_splitter;      // set: does pre_tokenizer's work, faster (hf_load.hpp)
  // The text may be cut where last_line_cut says: a hand splitter, no
  // normalizer but Unicode normal forms (which leave ASCII alone and
  // compose nothing across it; a Sequence of them, possibly empty), no
  // added token with a newline or lstrip.
  bool line_cuts = false;
  std::unique_ptr<Decoder> decoder;             // may be null: tokens are concatenated
  std::string unsupported_decoder;              // set: decode fails naming it
  std::vector<AddedToken> added_tokens;
  BpeModel bpe;
};

// Returns the Model that runs `components`.
[[nodiscard]] std::shared_ptr<const Model> make_hf_model(Components components);

// Returns true if `model` came from make_hf_model with a hand_splitter.
[[nodiscard]] bool uses_hand_splitter(const Model& model);

}  // namespace tokprof::tokenizer::hf
