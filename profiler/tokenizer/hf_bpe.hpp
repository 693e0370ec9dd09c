#pragma once
// Hugging Face's BPE model: one pre-tokenized word in, token ids out.
//
// Merges follow the tokenizer.json merge list, not token ids: the pair that
// comes first in `merges` is merged first, leftmost on ties. For Llama 3 the
// two orders disagree on some Cyrillic text, so bpe.hpp's rank-based merge
// cannot be reused. The merge runs on a linked list of symbols with a
// min-heap of (priority, position) candidates, O(n log n) for a word of n
// symbols; words of up to 32 symbols take an equivalent heap-free path. As in Hugging Face, a popped candidate is applied when the pair
// now at its position still merges to the same new id (its priority is not
// re-checked), which decides the rare case of two pairs making one token.
//
// Byte-level vocabularies are stored by the bytes their tokens stand for
// (hf_byte_level.hpp), so words are encoded as raw bytes without mapping
// them to GPT-2's alphabet first.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.hpp"
#include "hf_merge_table.hpp"
#include "token_map.hpp"

namespace tokprof::tokenizer::hf {

struct BpeOptions {
  bool byte_level = false;     // words are bytes; tokens are in GPT-2's byte alphabet
  bool ignore_merges = false;  // a word that is a token is that token, merges or not
  bool byte_fallback = false;  // an unknown character becomes its <0xNN> byte tokens
  bool fuse_unk = false;       // consecutive unknown characters make one unk token
  std::string unk_token;       // empty: unknown characters are dropped
  std::string continuing_subword_prefix;
  std::string end_of_word_suffix;
  bool short_word_merge = true;  // false: the heap merge for every word (tests compare the two)
};

class BpeModel {
 public:
  // Builds the model from `vocab` (token text, id) and `merges` (left and
  // right token text, highest priority first). A merge whose tokens or
  // result are not in `vocab` is an Error naming it and its index.
  [[nodiscard]] static Result<BpeModel> build(const std::vector<std::pair<std::string, Rank>>& vocab,
                                              const std::vector<std::pair<std::string, std::string>>& merges,
                                              BpeOptions options);

  // Appends the ids of `word` to `out`.
  void encode_word(std::string_view word, std::vector<Rank>& out) const;

  // Returns the text of token `id` as the vocabulary writes it, or an empty
  // view (and false) when `id` is not in the vocabulary.
  [[nodiscard]] bool token_text(Rank id, std::string_view& text) const;

  // Returns the id of `text` (as the vocabulary writes it), or k_no_rank.
  [[nodiscard]] Rank token_id(std::string_view text) const;

  // Returns one more than the highest id in the vocabulary.
  [[nodiscard]] std::size_t vocab_size() const { return m_tokens.size(); }
  [[nodiscard]] const BpeOptions& options() const { return m_options; }

 private:
  using MergeValue = MergeTable::Value;

  [[nodiscard]] const MergeValue* find_merge(Rank left, Rank right) const { return m_merges.find(left, right); }
  void initial_symbols(std::string_view word, std::vector<Rank>& ids) const;
  void merge(std::vector<Rank>& ids) const;
  void merge_short(std::vector<Rank>& ids) const;
  static constexpr std::size_t k_short_word = 32;

  BpeOptions m_options;
  TokenMap m_by_text;   // token text as written -> id
  TokenMap m_by_bytes;  // byte-level only: the bytes a token stands for -> id
  std::vector<std::string> m_tokens;  // id -> token text ("" for unused ids)
  MergeTable m_merges;
  std::array<Rank, 256> m_byte_ids{};      // byte-level: the token of each single byte
  std::array<Rank, 256> m_fallback_ids{};  // byte_fallback: <0xNN> tokens
  Rank m_unk = k_no_rank;
};

}  // namespace tokprof::tokenizer::hf
