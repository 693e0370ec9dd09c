#include "utf8.hpp"

namespace tokprof::utf8 {

std::size_t first_invalid(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    // ASCII runs dominate real traces; skip them eight bytes at a time.
    while (pos + 8 <= text.size()) {
      std::uint64_t word = 0;
      for (std::size_t i = 0; i < 8; ++i) {
        word |= std::uint64_t{static_cast<unsigned char>(text[pos + i])} << (8 * i);
      }
      if ((word & 0x8080808080808080ULL) != 0) {
        break;
      }
      pos += 8;
    }
    if (pos >= text.size()) {
      break;
    }
    std::size_t length = 0;
    if (decode(text, pos, length) == k_invalid) {
      return pos;
    }
    pos += length;
  }
  return text.size();
}

bool is_valid(std::string_view text) { return first_invalid(text) == text.size(); }

}  // namespace tokprof::utf8
