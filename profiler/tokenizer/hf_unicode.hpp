#pragma once
// Unicode facts the Hugging Face components rely on, from utf8proc.
//
// Hugging Face's Rust library uses the Unicode tables of its Rust toolchain
// (Unicode 15/16); tokprof uses the system utf8proc. Debian bookworm ships
// utf8proc 2.8.0 (Unicode 15.0; its pkg-config file still says 2.6.0). Code
// points assigned after that version have no category, no case mapping and
// no decomposition here, so NFC/NFKC/Lowercase leave them unchanged, where
// a newer table might not. No text in the golden or trace sets hits this.

#include <string>
#include <string_view>

namespace tokprof::tokenizer::hf {

// Returns true if `cp` has the Unicode White_Space property (Rust's
// char::is_whitespace and regex `\s`).
[[nodiscard]] bool is_white_space(char32_t cp);

// Returns true if `cp` is a word character as Rust regex `\w` defines it
// (letters, marks, decimal digits, letter numbers, connector punctuation).
[[nodiscard]] bool is_word_char(char32_t cp);

// Returns true if `cp` is in a Number category (Rust's char::is_numeric).
[[nodiscard]] bool is_numeric(char32_t cp);

// Returns true if `cp` is ASCII punctuation or in a Punctuation category
// (what Hugging Face's Punctuation pre-tokenizer splits on).
[[nodiscard]] bool is_punctuation(char32_t cp);

enum class NormalForm { nfc, nfd, nfkc, nfkd };

// Returns `text` (valid UTF-8) in normal form `form`.
[[nodiscard]] std::string normalize(std::string_view text, NormalForm form);

// Same, in one utf8proc pass over all of `text`: the reference that
// normalize, which skips ASCII, is tested against.
[[nodiscard]] std::string normalize_whole(std::string_view text, NormalForm form);

// Returns `text` (valid UTF-8) with every character replaced by its full
// lowercase mapping, character by character (no final-sigma rule), as
// Rust's char::to_lowercase does.
[[nodiscard]] std::string lowercase(std::string_view text);

// Returns `text` with every byte that does not start a valid UTF-8 sequence
// replaced by U+FFFD. Hugging Face only accepts valid strings; this is what
// a caller decoding bytes lossily would hand it.
[[nodiscard]] std::string make_valid_utf8(std::string_view text);

// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(std::string& out, char32_t cp);

}  // namespace tokprof::tokenizer::hf
