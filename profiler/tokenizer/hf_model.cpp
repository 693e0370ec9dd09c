#include "hf_model.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "base/utf8.hpp"
#include "piece_cache.hpp"
#include "token_map.hpp"

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
    for_each_word(text, specials, [&](std::string_view word, Rank added) {
      if (added != k_no_rank) {
        out.push_back(added);
      } else {
        m_parts.bpe.encode_word(word, out);
      }
    });
  }

  // Like encode, through a per-thread cache of word -> count: BPE depends on
  // the word alone, and a few thousand words make up most of any text.
  std::size_t count(std::string_view text, Specials specials) const override {
    PieceCache& cache = PieceCache::for_model(m_serial);
    std::size_t total = 0;
    for_each_word(text, specials, [&](std::string_view word, Rank added) {
      total += added != k_no_rank ? 1 : count_word(word, cache);
    });
    return total;
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

  std::size_t last_safe_cut(std::string_view text) const override {
    return m_parts.line_cuts ? last_line_cut(text) : 0;
  }

  [[nodiscard]] bool has_hand_splitter() const { return m_parts.hand_splitter != nullptr; }

 private:
  // Calls visit(word, k_no_rank) for each word BPE encodes and
  // visit("", id) for each added token, in text order.
  template <typename Visit>
  void for_each_word(std::string_view text, Specials specials, Visit&& visit) const {
    if (text.empty()) {
      return;
    }
    std::string repaired;
    if (!utf8::is_valid(text)) {
      repaired = make_valid_utf8(text);
      text = repaired;
    }
    // A thread_local buffer: no visit ever calls back into this function.
    thread_local std::vector<Piece> pieces;
    m_added.split(text, specials, pieces);
    if (m_parts.hand_splitter) {
      for_each_hand_split_word(pieces, visit);
      return;
    }
    if (m_parts.pre_tokenizer) {
      m_parts.pre_tokenizer->pre_tokenize(pieces);
    }
    for (const Piece& piece : pieces) {
      if (piece.id != k_no_rank) {
        visit(std::string_view(), piece.id);
      } else if (!piece.text.empty()) {
        visit(std::string_view(piece.text), k_no_rank);
      }
    }
  }

  // The hand splitter's words, k_word_batch at a time (bounded memory for a
  // text of any size).
  template <typename Visit>
  void for_each_hand_split_word(const std::vector<Piece>& pieces, Visit& visit) const {
    constexpr std::size_t k_word_batch = 16384;
    thread_local std::vector<std::string_view> words;
    for (const Piece& piece : pieces) {
      if (piece.id != k_no_rank) {
        visit(std::string_view(), piece.id);
        continue;
      }
      const std::string_view text = piece.text;
      for (std::size_t from = 0; from < text.size();) {
        from = m_parts.hand_splitter->split_some(text, from, k_word_batch, words);
        for (const std::string_view word : words) {
          visit(word, k_no_rank);
        }
      }
    }
  }

  std::size_t count_word(std::string_view word, PieceCache& cache) const {
    const std::uint64_t hash = hash_bytes(word);
    if (const long cached = cache.find(word, hash); cached >= 0) {
      return static_cast<std::size_t>(cached);
    }
    thread_local std::vector<Rank> ids;
    ids.clear();
    m_parts.bpe.encode_word(word, ids);
    cache.store(word, hash, static_cast<std::uint32_t>(ids.size()));
    return ids.size();
  }

  Components m_parts;
  AddedVocabulary m_added;
  std::size_t m_vocab_size = 0;
  std::uint64_t m_serial = PieceCache::new_model_serial();
};

}  // namespace

std::shared_ptr<const Model> make_hf_model(Components components) {
  return std::make_shared<HfModel>(std::move(components));
}

bool uses_hand_splitter(const Model& model) {
  const auto* hf = dynamic_cast<const HfModel*>(&model);
  return hf != nullptr && hf->has_hand_splitter();
}

}  // namespace tokprof::tokenizer::hf
