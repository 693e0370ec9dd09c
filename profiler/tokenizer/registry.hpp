#pragma once
// The model-to-tokenizer registry: which tokenizer counts a model's tokens,
// and whether that count is exact or an approximation.
//
// The entries are data (registry.json, embedded at build time), not code.
// Users add or override entries with a file of the same shape; its entries
// are tried before the built-in ones.

#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace tokprof::tokenizer {

struct RegistryEntry {
  std::string pattern;    // glob over the model name without provider prefix
  std::string tokenizer;  // a name Tokenizer::load accepts
  bool exact = false;
  std::string reason;
  std::string source;  // "built-in" or the override file's path
};

struct TokenizerChoice {
  std::string tokenizer;
  bool exact = false;
  std::string reason;
  std::string pattern;  // the entry that matched; empty for the default
};

class Registry {
 public:
  // Returns the registry built into tokprof.
  [[nodiscard]] static const Registry& builtin();

  // Returns the built-in registry with the entries of the JSON file at
  // `path` (same shape as registry.json; "default" optional) put first.
  [[nodiscard]] static Result<Registry> with_overrides(const std::string& path);

  // Parses registry JSON `json`; `source` names it in errors and entries.
  [[nodiscard]] static Result<Registry> parse(std::string_view json, std::string_view source);

  [[nodiscard]] const std::vector<RegistryEntry>& entries() const { return m_entries; }
  [[nodiscard]] const TokenizerChoice& fallback() const { return m_default; }

 private:
  std::vector<RegistryEntry> m_entries;
  TokenizerChoice m_default;
};

// Returns `model` without its provider prefix ("openai/gpt-4o" -> "gpt-4o";
// everything up to the last '/').
[[nodiscard]] std::string_view strip_provider(std::string_view model);

// Returns true if `name` matches glob `pattern` ('*' is any run of
// characters), ignoring ASCII case.
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view name);

// Returns the tokenizer for `model`: the first entry whose pattern matches
// the model name (tried with and without its provider prefix), else the
// registry's default (o200k_base, approximate).
[[nodiscard]] TokenizerChoice choose_tokenizer(std::string_view model, const Registry& registry);

struct TokenizerRow {
  std::string pattern;
  std::string tokenizer;
  bool exact = false;
  bool installed = false;  // built in, or its tokenizer.json is in the tokenizer directory
  std::string reason;
  std::string source;
};

// Returns one row per registry entry (then the default, pattern "*") for
// `tokprof tokenizers`, with whether each tokenizer can be loaded without
// fetching anything from `tokenizer_dir` (default directory when empty).
[[nodiscard]] std::vector<TokenizerRow> tokenizer_rows(const Registry& registry, std::string_view tokenizer_dir = {});

}  // namespace tokprof::tokenizer
