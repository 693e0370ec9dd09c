#pragma once
// UTF-8 decoding that never fails: text from traces may hold any bytes, and
// the tokenizer must treat invalid sequences as bytes, as tiktoken does.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tokprof::utf8 {

// Marks a byte that does not start a valid UTF-8 sequence.
inline constexpr char32_t k_invalid = 0xFFFFFFFF;

// Decodes the code point starting at `text[pos]`. Sets `length` to the number
// of bytes it occupies (1 for an invalid byte) and returns the code point,
// or k_invalid when the bytes there are not valid UTF-8 (overlong forms,
// surrogates and values above U+10FFFF are invalid).
inline char32_t decode(std::string_view text, std::size_t pos, std::size_t& length) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  const unsigned char lead = byte(0);
  length = 1;
  if (lead < 0x80) {
    return lead;
  }
  const std::size_t left = text.size() - pos;
  const auto cont = [&](std::size_t i) { return i < left && (byte(i) & 0xC0) == 0x80; };
  if (lead >= 0xC2 && lead <= 0xDF) {
    if (!cont(1)) {
      return k_invalid;
    }
    length = 2;
    return (char32_t{lead & 0x1FU} << 6) | (byte(1) & 0x3FU);
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (!cont(1) || !cont(2)) {
      return k_invalid;
    }
    const char32_t cp = (char32_t{lead & 0x0FU} << 12) | (char32_t{byte(1) & 0x3FU} << 6) | (byte(2) & 0x3FU);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return k_invalid;
    }
    length = 3;
    return cp;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) {
      return k_invalid;
    }
    const char32_t cp = (char32_t{lead & 0x07U} << 18) | (char32_t{byte(1) & 0x3FU} << 12) |
                        (char32_t{byte(2) & 0x3FU} << 6) | (byte(3) & 0x3FU);
    if (cp < 0x10000 || cp > 0x10FFFF) {
      return k_invalid;
    }
    length = 4;
    return cp;
  }
  return k_invalid;
}

// Returns true if all of `text` is valid UTF-8.
[[nodiscard]] bool is_valid(std::string_view text);

// Returns the byte offset of the first invalid sequence in `text`, or
// text.size() when it is valid.
[[nodiscard]] std::size_t first_invalid(std::string_view text);

}  // namespace tokprof::utf8
