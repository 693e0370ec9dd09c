#include "load_tiktoken.hpp"

#include <fmt/format.h>

#include "base/strings.hpp"

namespace tokprof::tokenizer {

Result<RankTable> parse_tiktoken(std::string_view content, std::string_view source) {
  RankTable table;
  table.ranks.reserve(static_cast<std::size_t>(std::count(content.begin(), content.end(), '\n')) + 1);
  std::string bytes;
  std::int64_t line_number = 0;
  std::size_t start = 0;
  const auto fail = [&](std::string message) {
    return make_error_at(ErrorKind::parse, std::move(message), std::string(source), line_number);
  };
  while (start < content.size()) {
    std::size_t stop = content.find('\n', start);
    if (stop == std::string_view::npos) {
      stop = content.size();
    }
    std::string_view line = content.substr(start, stop - start);
    start = stop + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.empty()) {
      continue;
    }
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos) {
      return fail("expected \"BASE64 RANK\"");
    }
    if (!decode_base64(line.substr(0, space), bytes)) {
      return fail(fmt::format("invalid base64 token \"{}\"", line.substr(0, space)));
    }
    const auto rank = parse_int(line.substr(space + 1));
    if (!rank || *rank < 0 || *rank >= 0xFFFFFF) {
      return fail(fmt::format("invalid rank \"{}\"", line.substr(space + 1)));
    }
    const auto r = static_cast<Rank>(*rank);
    if (r >= table.by_rank.size()) {
      table.by_rank.resize(r + 1, RankTable::k_missing);
    }
    if (table.by_rank[r] != RankTable::k_missing) {
      return fail(fmt::format("rank {} appears twice", r));
    }
    if (!table.ranks.insert(bytes, r)) {
      return fail(fmt::format("token \"{}\" appears twice", line.substr(0, space)));
    }
    table.by_rank[r] = (std::uint64_t{table.arena.size()} << 24) | bytes.size();
    table.arena += bytes;
  }
  if (table.ranks.size() == 0) {
    return make_error_at(ErrorKind::parse, "empty vocabulary file", std::string(source));
  }
  for (int byte = 0; byte < 256; ++byte) {
    if (table.ranks.find(std::string(1, static_cast<char>(byte))) == k_no_rank) {
      return make_error_at(ErrorKind::parse,
                           fmt::format("vocabulary lacks the single byte 0x{:02X} (truncated or not a byte-level "
                                       "BPE vocabulary)",
                                       byte),
                           std::string(source));
    }
  }
  return table;
}

}  // namespace tokprof::tokenizer
