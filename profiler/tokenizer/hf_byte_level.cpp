#include "hf_byte_level.hpp"

#include <array>

#include "base/utf8.hpp"

namespace tokprof::tokenizer::hf {
namespace {

bool stands_for_itself(unsigned byte) {
  return (byte >= 0x21 && byte <= 0x7E) || (byte >= 0xA1 && byte <= 0xAC) || (byte >= 0xAE && byte <= 0xFF);
}

struct Tables {
  std::array<char32_t, 256> to_char{};
  std::array<int, 512> to_byte{};  // every stand-in is below U+0200

  Tables() {
    to_byte.fill(-1);
    char32_t next = 0x100;
    for (unsigned byte = 0; byte < 256; ++byte) {
      const char32_t cp = stands_for_itself(byte) ? byte : next++;
      to_char[byte] = cp;
      to_byte[cp] = static_cast<int>(byte);
    }
  }
};

const Tables& tables() {
  static const Tables instance;
  return instance;
}

}  // namespace

char32_t byte_to_char(unsigned char byte) { return tables().to_char[byte]; }

std::optional<std::string> byte_level_decode(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  std::size_t pos = 0;
  while (pos < token.size()) {
    std::size_t length = 0;
    const char32_t cp = utf8::decode(token, pos, length);
    if (cp >= tables().to_byte.size() || tables().to_byte[cp] < 0) {
      return std::nullopt;
    }
    out.push_back(static_cast<char>(tables().to_byte[cp]));
    pos += length;
  }
  return out;
}

}  // namespace tokprof::tokenizer::hf
