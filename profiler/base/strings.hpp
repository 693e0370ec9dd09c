#pragma once
// Small string helpers that return Results instead of throwing.

#include <cstdint>
#include <memory>
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

// An immutable string whose copies share one heap block: copying it counts
// a reference instead of allocating. A Sample names the file it was read
// from with one, since every sample of a file names the same file: 1 GB of
// traces made 330k copies of each path, 32 MB at the peak of `profile`.
// It converts to `const std::string&`, so code that reads it as a string
// need not change.
class SharedString {
 public:
  SharedString() = default;
  // Implicit, as assignments from strings are what samples are built with.
  SharedString(std::string text)  // NOLINT(google-explicit-constructor)
      : m_text(text.empty() ? nullptr : std::make_shared<const std::string>(std::move(text))) {}
  SharedString(const char* text) : SharedString(std::string(text)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] const std::string& str() const { return m_text ? *m_text : empty_string(); }
  operator const std::string&() const { return str(); }  // NOLINT(google-explicit-constructor)
  [[nodiscard]] bool empty() const { return !m_text; }

  // Copies of one SharedString compare without reading their text.
  friend bool operator==(const SharedString& a, const SharedString& b) {
    return a.m_text == b.m_text || a.str() == b.str();
  }
  friend bool operator==(const SharedString& a, const std::string& b) { return a.str() == b; }
  friend bool operator==(const SharedString& a, const char* b) { return a.str() == b; }

 private:
  static const std::string& empty_string();

  std::shared_ptr<const std::string> m_text;  // null when empty
};

}  // namespace tokprof
