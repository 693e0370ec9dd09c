#pragma once
// Patterns as Hugging Face's Split pre-tokenizer and Replace normalizer use
// them: a pattern cuts a string into consecutive ranges, each marked as a
// match or as the gap between two matches. pretokenize.hpp's Splitter loses
// that distinction, which the Split behaviours (Removed, MergedWith…) need.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace tokprof::tokenizer::hf {

struct Match {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool is_match = false;
};

class Pattern {
 public:
  virtual ~Pattern() = default;
  // Replaces `out` with ranges that cover `text` (valid UTF-8) in order:
  // matches, and the gaps between them. An empty `text` gives one empty gap.
  // Thread-safe.
  virtual void find_matches(std::string_view text, std::vector<Match>& out) const = 0;
};

// Compiles `regex` (Oniguruma/Rust syntax as tokenizer.json writes it) with
// PCRE2 (UTF, UCP, `\s` as White_Space). An empty match is a match, and the
// search then resumes one character later, as Hugging Face's does.
[[nodiscard]] Result<std::unique_ptr<Pattern>> make_regex_pattern(std::string_view regex);

// Returns a pattern matching every non-overlapping occurrence of `literal`,
// left to right; an empty `literal` matches nothing.
[[nodiscard]] std::unique_ptr<Pattern> make_literal_pattern(std::string literal);

// Returns a pattern where every single character for which `predicate`
// holds is a match of its own.
[[nodiscard]] std::unique_ptr<Pattern> make_char_pattern(bool (*predicate)(char32_t));

// Returns `text` with every match of `pattern` replaced by `content`.
[[nodiscard]] std::string replace_all(const Pattern& pattern, std::string_view text, std::string_view content);

}  // namespace tokprof::tokenizer::hf
