#pragma once
// Hugging Face pre-tokenizers: they cut the normalized text into pieces,
// each of which the model encodes on its own. Pieces that already carry a
// token (added tokens found earlier) pass through untouched.

#include <memory>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "hf_pattern.hpp"
#include "token_map.hpp"

namespace tokprof::tokenizer::hf {

struct Piece {
  std::string text;
  bool at_start = false;  // starts at offset 0 of the original text (Metaspace "first")
  Rank id = k_no_rank;    // the added token this piece is, or k_no_rank
};

// What Split does with each match (Hugging Face's SplitDelimiterBehavior).
enum class SplitBehavior { removed, isolated, merged_with_previous, merged_with_next, contiguous };

// Metaspace's rule for putting the replacement character in front.
enum class PrependScheme { always, never, first };

class PreTokenizer {
 public:
  virtual ~PreTokenizer() = default;
  // Splits every piece of `pieces` without an id further; drops empty ones.
  // Thread-safe.
  virtual void pre_tokenize(std::vector<Piece>& pieces) const = 0;
};

// Returns the [begin, end) ranges that `behavior` makes of `matches`
// (already inverted if the Split says so).
[[nodiscard]] std::vector<Match> apply_behavior(const std::vector<Match>& matches, SplitBehavior behavior);

// Returns Split: cut at matches of `pattern` (at gaps when `invert`).
[[nodiscard]] std::unique_ptr<PreTokenizer> make_split(std::unique_ptr<Pattern> pattern, SplitBehavior behavior,
                                                       bool invert);

// Returns ByteLevel's splitting part: a space in front of each piece that
// does not start with one when `add_prefix_space`, then GPT-2's pattern when
// `use_regex`. The byte-to-character mapping itself is done by the model.
[[nodiscard]] Result<std::unique_ptr<PreTokenizer>> make_byte_level(bool add_prefix_space, bool use_regex);

// Returns Digits: every digit alone when `individual`, else digit runs.
[[nodiscard]] std::unique_ptr<PreTokenizer> make_digits(bool individual);

// Returns Metaspace: spaces become `replacement`, which is put in front
// according to `scheme`; when `split`, pieces start at each replacement.
[[nodiscard]] std::unique_ptr<PreTokenizer> make_metaspace(std::string replacement, PrependScheme scheme, bool split);

// Returns Punctuation: every punctuation character is cut per `behavior`.
[[nodiscard]] std::unique_ptr<PreTokenizer> make_punctuation(SplitBehavior behavior);

// Returns Whitespace (`\w+|[^\w\s]+`, everything else dropped).
[[nodiscard]] Result<std::unique_ptr<PreTokenizer>> make_whitespace();

// Returns WhitespaceSplit: cut at, and drop, White_Space.
[[nodiscard]] std::unique_ptr<PreTokenizer> make_whitespace_split();

// Returns a pre-tokenizer that applies `steps` in order.
[[nodiscard]] std::unique_ptr<PreTokenizer> make_sequence_pre_tokenizer(std::vector<std::unique_ptr<PreTokenizer>> steps);

}  // namespace tokprof::tokenizer::hf
