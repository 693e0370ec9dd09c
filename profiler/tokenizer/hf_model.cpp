#include "hf_model.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "base/utf8.hpp"

namespace tokprof::tokenizer::hf {
namespace {

class HfModel final : public Model {
 public:
  explicit HfModel(Components components)
      : m_parts(std::move(components)), m_added(m_parts.added_tokens, m_parts.normalizer.get()) {
    m_vocab_size = m_parts.bpe.vocab_size();
    for (const AddedToken& token : m_parts.added_tokens) {
      m_vocab_size = std::max<std::size_t>(m_vocab_size, std::size_t{token.id} + 1);
    }
  }

  void encode(std::string_view text, Specials specials, std::vector<Rank>& out) const override {
    if (text.empty()) {
      return;
    }
    std::string repaired;
    if (!utf8::is_valid(text)) {
      repaired = make_valid_utf8(text);
      text = repaired;
    }
    thread_local std::vector<Piece> pieces;
    m_added.split(text, specials, pieces);
    if (m_parts.pre_tokenizer) {
      m_parts.pre_tokenizer->pre_tokenize(pieces);
    }
    for (const Piece& piece : pieces) {
      if (piece.id != k_no_rank) {
        out.push_back(piece.id);
      } else if (!piece.text.empty()) {
        m_parts.bpe.encode_word(piece.text, out);
      }
    }
  }

  std::size_t count(std::string_view text, Specials specials) const override {
    thread_local std::vector<Rank> ids;
    ids.clear();
    encode(text, specials, ids);
    return ids.size();
  }

  Result<std::string> decode(std::span<const Rank> ids) const override {
    if (!m_parts.unsupported_decoder.empty()) {
      return make_error(ErrorKind::unsupported,
                        fmt::format("cannot decode: decoder \"{}\" is not supported", m_parts.unsupported_decoder));
    }
    std::vector<std::string> tokens;
    tokens.reserve(ids.size());
    for (const Rank id : ids) {
      if (const AddedToken* added = m_added.find(id)) {
        tokens.push_back(added->content);
        continue;
      }
      std::string_view text;
      if (!m_parts.bpe.token_text(id, text)) {
        return make_error(ErrorKind::invalid, fmt::format("unknown token id {}", id));
      }
      tokens.emplace_back(text);
    }
    if (m_parts.decoder) {
      m_parts.decoder->decode(tokens);
    }
    std::string out;
    for (const std::string& token : tokens) {
      out += token;
    }
    return out;
  }

  std::size_t vocab_size() const override { return m_vocab_size; }

 private:
  Components m_parts;
  AddedVocabulary m_added;
  std::size_t m_vocab_size = 0;
};

}  // namespace

std::shared_ptr<const Model> make_hf_model(Components components) {
  return std::make_shared<HfModel>(std::move(components));
}

}  // namespace tokprof::tokenizer::hf
