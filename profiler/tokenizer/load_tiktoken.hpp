#pragma once
// Reader for tiktoken's rank files: one token per line, "BASE64 RANK".

#include <string>
#include <string_view>

#include "base/error.hpp"
#include "token_map.hpp"

namespace tokprof::tokenizer {

// The ranks of a vocabulary and the bytes of each rank, for decoding.
struct RankTable {
  TokenMap ranks;
  std::string arena;                   // token bytes, back to back
  std::vector<std::uint64_t> by_rank;  // rank -> (offset << 24 | length), or k_missing
  static constexpr std::uint64_t k_missing = ~std::uint64_t{0};

  // Returns the bytes of `rank`, or false when no token has that rank.
  bool bytes_of(Rank rank, std::string_view& bytes) const {
    if (rank >= by_rank.size() || by_rank[rank] == k_missing) {
      return false;
    }
    bytes = std::string_view(arena.data() + (by_rank[rank] >> 24), by_rank[rank] & 0xFFFFFF);
    return true;
  }
};

// Parses the contents of a `.tiktoken` file named `source` (for messages).
// Errors name source:line: bad base64, a bad or duplicate rank, a duplicate
// token, a missing single byte (every byte must be a token, or BPE cannot
// start), and an empty file.
[[nodiscard]] Result<RankTable> parse_tiktoken(std::string_view content, std::string_view source);

}  // namespace tokprof::tokenizer
