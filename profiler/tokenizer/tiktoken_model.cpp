#include "tiktoken_model.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "bpe.hpp"

namespace tokprof::tokenizer {
namespace {

// Escapes `text` for use as a literal inside a PCRE2 pattern.
std::string quote_literal(std::string_view text) { return fmt::format("\\Q{}\\E", text); }

class TiktokenModel final : public Model {
 public:
  TiktokenModel(RankTable ranks, std::unique_ptr<Splitter> splitter, std::vector<SpecialToken> specials,
                std::unique_ptr<Splitter> special_finder)
      : m_ranks(std::move(ranks)),
        m_splitter(std::move(splitter)),
        m_specials(std::move(specials)),
        m_special_finder(std::move(special_finder)) {
    for (const SpecialToken& special : m_specials) {
      m_special_ids.emplace(special.text, special.id);
      m_vocab_size = std::max<std::size_t>(m_vocab_size, special.id + 1);
    }
    m_vocab_size = std::max(m_vocab_size, m_ranks.by_rank.size());
  }

  void encode(std::string_view text, Specials specials, std::vector<Rank>& out) const override {
    for_each_segment(text, specials, [&](std::string_view segment, Rank special) {
      if (special != k_no_rank) {
        out.push_back(special);
      } else {
        encode_ordinary(segment, out);
      }
    });
  }

  std::size_t count(std::string_view text, Specials specials) const override {
    std::size_t total = 0;
    for_each_segment(text, specials, [&](std::string_view segment, Rank special) {
      total += special != k_no_rank ? 1 : count_ordinary(segment);
    });
    return total;
  }

  Result<std::string> decode(std::span<const Rank> ids) const override {
    std::string out;
    for (const Rank id : ids) {
      std::string_view bytes;
      if (m_ranks.bytes_of(id, bytes)) {
        out += bytes;
        continue;
      }
      const auto special = std::find_if(m_specials.begin(), m_specials.end(),
                                        [&](const SpecialToken& token) { return token.id == id; });
      if (special == m_specials.end()) {
        return make_error(ErrorKind::invalid, fmt::format("unknown token id {}", id));
      }
      out += special->text;
    }
    return out;
  }

  std::size_t vocab_size() const override { return m_vocab_size; }

 private:
  // Calls `visit(segment, id)` for the ordinary text between special tokens
  // (id == k_no_rank) and for each special token found (its id). With
  // Specials::as_text the whole text is one ordinary segment.
  template <typename Visit>
  void for_each_segment(std::string_view text, Specials specials, Visit&& visit) const {
    if (specials == Specials::as_text || !m_special_finder) {
      visit(text, k_no_rank);
      return;
    }
    thread_local std::vector<std::string_view> parts;
    m_special_finder->split(text, parts);
    for (const std::string_view part : parts) {
      const auto found = m_special_ids.find(part);
      visit(part, found != m_special_ids.end() ? found->second : k_no_rank);
    }
  }

  void encode_ordinary(std::string_view text, std::vector<Rank>& out) const {
    thread_local std::vector<std::string_view> pieces;
    m_splitter->split(text, pieces);
    for (const std::string_view piece : pieces) {
      const Rank whole = m_ranks.ranks.find(piece);
      if (whole != k_no_rank) {
        out.push_back(whole);
      } else {
        encode_piece(piece, m_ranks.ranks, out);
      }
    }
  }

  std::size_t count_ordinary(std::string_view text) const {
    thread_local std::vector<std::string_view> pieces;
    m_splitter->split(text, pieces);
    std::size_t total = 0;
    for (const std::string_view piece : pieces) {
      total += m_ranks.ranks.find(piece) != k_no_rank ? 1 : count_piece(piece, m_ranks.ranks);
    }
    return total;
  }

  RankTable m_ranks;
  std::unique_ptr<Splitter> m_splitter;
  std::vector<SpecialToken> m_specials;
  std::map<std::string, Rank, std::less<>> m_special_ids;
  std::unique_ptr<Splitter> m_special_finder;
  std::size_t m_vocab_size = 0;
};

}  // namespace

Result<std::shared_ptr<const Model>> make_tiktoken_model(RankTable ranks, std::string_view pattern,
                                                         std::vector<SpecialToken> specials) {
  TOKPROF_TRY_ASSIGN(auto splitter, make_pcre2_splitter(pattern));
  std::unique_ptr<Splitter> special_finder;
  if (!specials.empty()) {
    // Longest first, so that a special token that is a prefix of another
    // never wins over it.
    std::vector<std::string> texts;
    for (const SpecialToken& special : specials) {
      texts.push_back(special.text);
    }
    std::sort(texts.begin(), texts.end(),
              [](const std::string& a, const std::string& b) { return a.size() != b.size() ? a.size() > b.size() : a < b; });
    std::string alternation;
    for (const std::string& text : texts) {
      alternation += (alternation.empty() ? "" : "|") + quote_literal(text);
    }
    TOKPROF_TRY_ASSIGN(special_finder, make_pcre2_splitter(alternation));
  }
  return std::shared_ptr<const Model>(
      std::make_shared<TiktokenModel>(std::move(ranks), std::move(splitter), std::move(specials), std::move(special_finder)));
}

}  // namespace tokprof::tokenizer
