#pragma once
// The Unicode properties that the tiktoken split patterns and DeepSeek V3's
// split chain name, one class byte per code point, at the Unicode version
// of the reference tokenizer (16.0; see scripts/gen-unicode-tables.mjs,
// which generates the table).
//
// Two stages: k_block_index[cp >> 7] picks a block of 128 class bytes in
// k_block_classes; identical blocks are stored once (251 blocks, 48 KB).
// Code points 0..127 are block 0, so an ASCII byte indexes
// k_block_classes directly.

#include <cstdint>

namespace tokprof::tokenizer::unicode {

inline constexpr unsigned k_block_shift = 7;

// Bits of a class byte. "upper" and "lower" are o200k_base's two letter
// sets; marks (M) are in both but are not letters, so [\p{L}\p{M}] is
// k_letter | k_upper.
inline constexpr std::uint8_t k_letter = 1;  // \p{L}
inline constexpr std::uint8_t k_upper = 2;   // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]
inline constexpr std::uint8_t k_lower = 4;   // [\p{Ll}\p{Lm}\p{Lo}\p{M}]
inline constexpr std::uint8_t k_number = 8;  // \p{N}
inline constexpr std::uint8_t k_space = 16;  // \s: Unicode White_Space, as in Rust's regex
inline constexpr std::uint8_t k_line = 32;   // [\r\n]
inline constexpr std::uint8_t k_punct = 64;  // [\p{P}\p{S}] (DeepSeek V3 names them only together)

extern const std::uint16_t k_block_index[0x110000 >> k_block_shift];
extern const std::uint8_t k_block_classes[];

// Returns the class byte of code point `cp` (at most U+10FFFF).
[[nodiscard]] inline std::uint8_t class_of(char32_t cp) {
  constexpr char32_t k_mask = (1U << k_block_shift) - 1;
  return k_block_classes[(static_cast<std::uint32_t>(k_block_index[cp >> k_block_shift]) << k_block_shift) |
                         (cp & k_mask)];
}

}  // namespace tokprof::tokenizer::unicode
