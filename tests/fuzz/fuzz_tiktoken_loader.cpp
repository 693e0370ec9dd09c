// Fuzzes the .tiktoken rank-file parser (base64 token, rank, per line).
//
// Invariants: no crash; an Error names the file it is about; a table that
// loads is consistent both ways (every rank's bytes look up to that rank),
// and parsing twice gives the same table.

#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "tokenizer/load_tiktoken.hpp"

using namespace tokprof;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  auto table = tokenizer::parse_tiktoken(content, "fuzz.tiktoken");
  if (!table) {
    tokprof::fuzz::check(table.error().file == "fuzz.tiktoken", "a .tiktoken error does not name its file");
    tokprof::fuzz::check(!table.error().message.empty(), "a .tiktoken error has no message");
    return 0;
  }
  std::size_t ranks = 0;
  for (std::size_t rank = 0; rank < table->by_rank.size(); ++rank) {
    std::string_view bytes;
    if (!table->bytes_of(static_cast<tokenizer::Rank>(rank), bytes)) {
      continue;
    }
    ++ranks;
    tokprof::fuzz::check(table->ranks.find(bytes) == rank, "a rank's bytes do not look up to that rank");
  }
  tokprof::fuzz::check(ranks == table->ranks.size(), "the rank table and the token map differ in size");
  auto again = tokenizer::parse_tiktoken(content, "fuzz.tiktoken");
  tokprof::fuzz::check(again && again->by_rank.size() == table->by_rank.size() && again->arena == table->arena,
                       "parsing the same file twice gave different tables");
  return 0;
}
