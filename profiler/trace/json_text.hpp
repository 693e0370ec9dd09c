#pragma once
// Keeping records whose text is not valid UTF-8.
//
// simdjson (like nlohmann) rejects a document with invalid UTF-8 in a string
// and with an escaped lone surrogate ("\udc80", which Python's json module
// writes for text decoded with errors="surrogateescape"). Traces hold such
// text (model output cut mid-character, binary junk), and dropping the record
// would bias token counts, so a rejected record is repaired and parsed again:
//
// - each invalid byte B becomes the valid code point U+10FF00+B (Supplementary
//   Private Use Area-B, never produced by tokenizers' vocabularies in
//   practice), and restore_raw_bytes() turns it back into B in every string
//   read from the repaired record, so the text is read as the original bytes;
// - an escaped lone low surrogate \udc80..\udcff stands for the raw byte
//   0x80..0xff (surrogateescape) and gets the same treatment; any other lone
//   surrogate becomes U+FFFD.
//
// Internal to tokprof_trace.

#include <string>
#include <string_view>

namespace tokprof::trace {

// Returns `json` with invalid UTF-8 bytes replaced by their stand-in code
// points, or std::string() (empty) when `json` is valid UTF-8.
[[nodiscard]] std::string repair_invalid_utf8(std::string_view json);

// Returns `json` with escaped lone surrogates replaced (see above), or an
// empty string when it has none.
[[nodiscard]] std::string repair_lone_surrogates(std::string_view json);

// Turns the stand-in code points in `text` back into the raw bytes they
// replaced. Call it only on strings read from a repaired record.
void restore_raw_bytes(std::string& text);

}  // namespace tokprof::trace
