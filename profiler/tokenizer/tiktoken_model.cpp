#include "tiktoken_model.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>

#include <fmt/format.h>

#include "bpe.hpp"
#include "bpe_backtrack.hpp"
#include "piece_cache.hpp"

namespace tokprof::tokenizer {
namespace {

// Escapes `text` for use as a literal inside a PCRE2 pattern.
std::string quote_literal(std::string_view text) { return fmt::format("\\Q{}\\E", text); }

class TiktokenModel final : public Model {
 public:
  TiktokenModel(RankTable ranks, std::unique_ptr<Splitter> splitter, std::vector<SpecialToken> specials,
                std::unique_ptr<Splitter> special_finder, bool line_cuts)
      : m_line_cuts(line_cuts),
        m_ranks(std::move(ranks)),
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

  std::size_t last_safe_cut(std::string_view text) const override { return m_line_cuts ? last_line_cut(text) : 0; }

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
      } else if (const BacktrackEncoder* fast = backtrack_for(piece); fast == nullptr || !fast->encode(piece, out)) {
        encode_piece(piece, m_ranks.ranks, out);
      }
    }
  }

  // Whole pieces that are tokens count 1 without merging; the per-thread
  // PieceCache answers most pieces before the vocabulary is touched. Pieces
  // are taken k_piece_batch at a time, so that a text of any size is
  // counted in bounded memory (a 25 MB text held 6M pieces, 100 MB, at once).
  std::size_t count_ordinary(std::string_view text) const {
    constexpr std::size_t k_piece_batch = 16384;
    thread_local std::vector<std::string_view> pieces;
    std::size_t total = 0;
    for (std::size_t from = 0; from < text.size();) {
      from = m_splitter->split_some(text, from, k_piece_batch, pieces);
      total += count_pieces(pieces, text);
    }
    return total;
  }

  // `pieces` are pieces of `text`. A piece that starts more than 8
  // bytes before the end of `text` has its head word read with one load and
  // a mask (head_word_over), without the branches on its length that
  // head_word takes.
  std::size_t count_pieces(const std::vector<std::string_view>& pieces, std::string_view text) const {
    PieceCache& cache = PieceCache::for_model(m_serial);
    const char* const wide_end = text.size() >= 8 ? text.data() + text.size() - 8 : text.data();
    std::size_t total = 0;
    for (const std::string_view piece : pieces) {
      const std::uint64_t head =
          piece.data() < wide_end && !piece.empty() ? head_word_over(piece) : head_word(piece);
      const std::uint64_t hash = hash_with_head(piece, head);
      const long cached = cache.find(piece, hash, head);
      if (cached >= 0) {
        total += static_cast<std::size_t>(cached);
        continue;
      }
      const std::size_t count = m_ranks.ranks.find(piece, hash, head) != k_no_rank ? 1 : count_merged(piece);
      cache.store(piece, hash, head, static_cast<std::uint32_t>(count));
      total += count;
    }
    return total;
  }

  std::size_t count_merged(std::string_view piece) const {
    if (const BacktrackEncoder* fast = backtrack_for(piece)) {
      if (const long count = fast->count(piece); count >= 0) {
        return static_cast<std::size_t>(count);
      }
    }
    return count_piece(piece, m_ranks.ranks);
  }

  // Returns the backtracking encoder for a piece that is not a token, or
  // null when the heap merge should do it. Building the encoder costs about
  // as much as heap-merging 1 MB (0.2-0.6 s), so, ski-rental style, it is
  // built only once k_backtrack_after bytes of long pieces have gone through
  // the heap merge: texts without pathological pieces never pay for it, and
  // pathological ones pay at most about twice the best choice in hindsight.
  const BacktrackEncoder* backtrack_for(std::string_view piece) const {
    if (piece.size() < k_heap_threshold) {
      return nullptr;
    }
    if (m_long_bytes.fetch_add(piece.size(), std::memory_order_relaxed) + piece.size() < k_backtrack_after) {
      return nullptr;
    }
    std::call_once(m_backtrack_once, [this] {
      std::vector<std::string_view> tokens(m_ranks.by_rank.size());
      for (std::size_t rank = 0; rank < tokens.size(); ++rank) {
        static_cast<void>(m_ranks.bytes_of(static_cast<Rank>(rank), tokens[rank]));
      }
      m_backtrack = BacktrackEncoder::build(tokens, m_ranks.ranks);
    });
    return m_backtrack.get();
  }

  static constexpr std::size_t k_backtrack_after = 1 << 20;

  bool m_line_cuts;  // a built-in pattern: last_line_cut applies
  RankTable m_ranks;
  mutable std::atomic<std::size_t> m_long_bytes{0};
  mutable std::once_flag m_backtrack_once;
  mutable std::unique_ptr<const BacktrackEncoder> m_backtrack;
  std::unique_ptr<Splitter> m_splitter;
  std::vector<SpecialToken> m_specials;
  std::map<std::string, Rank, std::less<>> m_special_ids;
  std::unique_ptr<Splitter> m_special_finder;
  std::size_t m_vocab_size = 0;
  std::uint64_t m_serial = PieceCache::new_model_serial();
};

}  // namespace

Result<std::shared_ptr<const Model>> make_tiktoken_model(RankTable ranks, std::string_view pattern,
                                                         std::vector<SpecialToken> specials) {
  TOKPROF_TRY_ASSIGN(auto splitter, make_splitter(pattern));
  // A special token with a newline in it could straddle a line cut.
  const bool line_cuts = make_builtin_splitter(pattern) != nullptr &&
                         std::none_of(specials.begin(), specials.end(), [](const SpecialToken& special) {
                           return special.text.find('\n') != std::string::npos;
                         });
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
      // Two appends rather than one `+` chain: GCC 12 at -O3 warns
      // (-Wrestrict, a false positive) on the temporary the chain builds.
      if (!alternation.empty()) {
        alternation += '|';
      }
      alternation += quote_literal(text);
    }
    TOKPROF_TRY_ASSIGN(special_finder, make_pcre2_splitter(alternation));
  }
  return std::shared_ptr<const Model>(
      std::make_shared<TiktokenModel>(std::move(ranks), std::move(splitter), std::move(specials),
                                      std::move(special_finder), line_cuts));
}

}  // namespace tokprof::tokenizer
