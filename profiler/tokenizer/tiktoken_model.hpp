#pragma once
// The tiktoken model: a split pattern, a rank table and special tokens,
// encoded with rank-based byte-pair merges (bpe.hpp).

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "load_tiktoken.hpp"
#include "pretokenize.hpp"
#include "tokenizer.hpp"

namespace tokprof::tokenizer {

struct SpecialToken {
  std::string text;
  Rank id;
};

// Builds a model from parsed ranks, a split pattern and special tokens. When
// two special tokens share an id, the first listed is what decode returns.
[[nodiscard]] Result<std::shared_ptr<const Model>> make_tiktoken_model(RankTable ranks, std::string_view pattern,
                                                                       std::vector<SpecialToken> specials);

}  // namespace tokprof::tokenizer
