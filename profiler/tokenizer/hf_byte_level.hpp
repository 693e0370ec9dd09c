#pragma once
// GPT-2's byte-to-character map, which byte-level BPE vocabularies
// (Llama 3, Qwen, DeepSeek, GPT-2) are written in: every byte is shown as
// one printable character, so that a vocabulary of byte strings can be
// stored as JSON text. Printable Latin-1 bytes stand for themselves; the 68
// others map, in byte order, to U+0100 onwards (space is U+0120 "Ġ").

#include <optional>
#include <string>
#include <string_view>

namespace tokprof::tokenizer::hf {

// Returns the character that stands for `byte`.
[[nodiscard]] char32_t byte_to_char(unsigned char byte);

// Returns the bytes that `token` (characters of the byte-level alphabet)
// stands for, or nothing when a character is outside that alphabet.
[[nodiscard]] std::optional<std::string> byte_level_decode(std::string_view token);

}  // namespace tokprof::tokenizer::hf
