#pragma once
// Reads a Hugging Face tokenizer.json into a Model.
//
// Supported (everything the byte-level BPE families and the
// SentencePiece-style BPE ones use):
//   model          BPE: vocab; merges as "a b" strings or ["a", "b"] pairs;
//                  byte_fallback, ignore_merges, fuse_unk, unk_token,
//                  continuing_subword_prefix, end_of_word_suffix
//   normalizer     NFC NFD NFKC NFKD Lowercase Replace Prepend Strip Sequence
//   pre_tokenizer  Split (String or Regex pattern; Isolated, Removed,
//                  MergedWithPrevious, MergedWithNext, Contiguous; invert)
//                  ByteLevel (last in the chain) Digits Metaspace Punctuation
//                  Whitespace WhitespaceSplit Sequence
//   added_tokens   special or not; single_word, lstrip, rstrip, normalized
//   decoder        ByteLevel Replace ByteFallback Fuse Strip Metaspace Sequence
// Ignored on purpose: post_processor (tokprof counts without BOS/EOS, as
// encode(add_special_tokens=False)), truncation, padding.
// Refused with an Error naming the component: any other model (Unigram,
// WordPiece, WordLevel), normalizer or pre-tokenizer type, and BPE dropout.
//
// Fast path: the GPT-4-style byte-level vocabularies (Llama 3, Qwen2/3,
// gpt-oss) pre-tokenize with one Split by a tiktoken-family regex followed
// by a ByteLevel step that only maps bytes. When the regex is, byte for
// byte, one that has a hand-written splitter (pretokenize.hpp), that
// splitter does the whole pre-tokenization instead of PCRE2: the same
// pieces, without a std::string per piece. DeepSeek V3 splits with three
// chained Splits before its ByteLevel step; that exact chain has a
// hand-written splitter too (make_builtin_chain_splitter).

#include <memory>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "tokenizer.hpp"

namespace tokprof::tokenizer::hf {

struct LoadOptions {
  // false: the general pre-tokenizer chain and the heap merge only, the
  // reference the differential tests compare the fast paths with.
  bool fast_paths = true;
};

// Parses `json` (the content of a tokenizer.json; `source` names it in
// errors) into a Model.
[[nodiscard]] Result<std::shared_ptr<const Model>> parse_tokenizer_json(std::string_view json, std::string_view source,
                                                                      LoadOptions options = {});

// Reads and parses the tokenizer.json at `path`.
[[nodiscard]] Result<std::shared_ptr<const Model>> load_tokenizer_json(const std::string& path);

}  // namespace tokprof::tokenizer::hf
