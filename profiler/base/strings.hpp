#pragma once
// Small string helpers that return Results instead of throwing.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "error.hpp"

namespace tokprof {

// Parses all of `text` as a decimal signed integer.
[[nodiscard]] Result<std::int64_t> parse_int(std::string_view text);

// Parses all of `text` as a finite decimal number ("0.7", "1e-3", " 2 ").
[[nodiscard]] Result<double> parse_double(std::string_view text);

// Formats `value` for people: 950, 1.2k, 58M, 1.57B (three significant digits).
[[nodiscard]] std::string human_count(double value);

// Decodes standard padded base64 `text` into `out`; returns false when
// `text` is not valid base64 (`out` is then unspecified).
[[nodiscard]] bool decode_base64(std::string_view text, std::string& out);

// Splits `text` on `separator`, keeping empty fields.
[[nodiscard]] std::vector<std::string_view> split(std::string_view text, char separator);

// Returns `text` without leading and trailing ASCII whitespace.
[[nodiscard]] std::string_view trim(std::string_view text);

// Returns the 64-bit FNV-1a hash of `bytes`: a fingerprint, not a security
// check.
[[nodiscard]] std::uint64_t fnv1a64(std::string_view bytes);

}  // namespace tokprof
