#pragma once
// Hugging Face's added tokens: strings matched in the text before any
// pre-tokenization, each becoming its token id directly.
//
// As in Hugging Face's AddedVocabulary, tokens with normalized=false are
// looked for in the original text; the text between them is normalized, and
// then tokens with normalized=true are looked for in that (their content is
// normalized too). Each search takes the leftmost match, the longest one
// there, then resumes after it; single_word, lstrip and rstrip then adjust
// or discard the match exactly as Hugging Face does.
//
// Specials::as_text leaves special tokens out of the search: their text is
// tokenized like any other. Hugging Face's encode_special_tokens flag skips
// a special match instead, so an ordinary added token overlapping a skipped
// special one can match there and not here; no shipped vocabulary has one.
// Added tokens that are not special are matched in both modes, because
// Hugging Face always matches them (encode with add_special_tokens=false
// included): they are part of the vocabulary, not control tokens.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hf_normalizer.hpp"
#include "hf_pretokenizer.hpp"
#include "tokenizer.hpp"

namespace tokprof::tokenizer::hf {

struct AddedToken {
  std::string content;
  Rank id = k_no_rank;
  bool special = false;
  bool single_word = false;
  bool lstrip = false;
  bool rstrip = false;
  bool normalized = false;
};

class AddedVocabulary {
 public:
  // Builds the matchers for `tokens`; `normalizer` (may be null) is applied
  // to the content of normalized tokens and to the text between matches.
  // It must outlive this object.
  AddedVocabulary(std::vector<AddedToken> tokens, const Normalizer* normalizer);

  // Replaces `pieces` with the pieces of `text` (valid UTF-8): added tokens
  // with their ids, and normalized text between them.
  void split(std::string_view text, Specials specials, std::vector<Piece>& pieces) const;

  // Returns the added token with `id`, or null.
  [[nodiscard]] const AddedToken* find(Rank id) const;
  [[nodiscard]] const std::vector<AddedToken>& tokens() const { return m_tokens; }

 private:
  // A byte trie of token contents, searched leftmost-longest.
  class Matcher {
   public:
    void add(std::string_view content, std::uint32_t token);
    // Returns the token index of the longest content starting at `pos`
    // and sets `length`, or -1.
    [[nodiscard]] std::int64_t longest_at(std::string_view text, std::size_t pos, std::size_t& length) const;
    // Returns the first position from `pos` whose byte starts some content,
    // or text.size().
    [[nodiscard]] std::size_t next_start(std::string_view text, std::size_t pos) const;
    [[nodiscard]] bool empty() const { return m_nodes.size() <= 1; }

   private:
    struct Node {
      std::vector<std::pair<unsigned char, std::uint32_t>> children;
      std::int64_t token = -1;
    };
    std::vector<Node> m_nodes{Node{}};
    std::array<std::uint32_t, 256> m_root_children{};  // byte -> child of the root, 0: none
    int m_first_byte = -1;  // the one byte every content starts with; -1: none or several
  };

  void find_matches(std::string_view text, const Matcher& matcher, bool at_start, std::vector<Piece>& out) const;

  std::vector<AddedToken> m_tokens;
  std::unordered_map<Rank, std::size_t> m_by_id;  // id -> index in m_tokens (first wins)
  const Normalizer* m_normalizer;
  // [0]: ordinary tokens only (Specials::as_text); [1]: all tokens.
  Matcher m_raw[2];
  Matcher m_normalized[2];
};

}  // namespace tokprof::tokenizer::hf
