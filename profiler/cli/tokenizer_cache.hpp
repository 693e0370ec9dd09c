#pragma once
// Which tokenizer counts each model's tokens: one for every model
// (`--tokenizer NAME`) or each model's own from the registry
// (`--tokenizer auto`). Tokenizers are loaded once and shared by threads.

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "tokenizer/registry.hpp"
#include "tokenizer/tokenizer.hpp"

namespace tokprof::cli {

struct CountingTokenizer {
  const tokenizer::Tokenizer* tokenizer = nullptr;
  bool exact = false;
  std::string reason;  // why this tokenizer, for the report and warnings
};

// Returns the key under which `warning` merges with the same warning of
// other shards (aggregate::merge_partials): a missing-tokenizer warning
// names the first model of its shard that needed the tokenizer, so shards
// word it differently; its key leaves the model out. Any other warning is
// its own key.
[[nodiscard]] std::string warning_merge_key(const std::string& warning);

class TokenizerCache {
 public:
  // `choice` is "auto" or a tokenizer name or path; `registry` is used for
  // "auto"; `tokenizer_dir` is where HF tokenizers are looked for.
  TokenizerCache(std::string choice, tokenizer::Registry registry, std::string tokenizer_dir);

  // Returns the tokenizer for `model`. With "auto", a registry tokenizer
  // that is not installed falls back to o200k_base, marked approximate, and
  // adds one warning per such tokenizer that names the command that installs it. Errors: the
  // fixed tokenizer (or o200k_base) cannot be loaded. Thread-safe.
  [[nodiscard]] Result<CountingTokenizer> for_model(const std::string& model);

  // Moves out the warnings raised so far.
  [[nodiscard]] std::vector<std::string> take_warnings();

 private:
  Result<const tokenizer::Tokenizer*> load(const std::string& name);

  std::string m_choice;
  tokenizer::Registry m_registry;
  std::string m_tokenizer_dir;
  std::mutex m_mutex;
  std::map<std::string, std::unique_ptr<tokenizer::Tokenizer>> m_loaded;
  std::map<std::string, CountingTokenizer> m_by_model;
  std::set<std::string> m_missing;  // registry tokenizers found not installed
  std::vector<std::string> m_warnings;
};

}  // namespace tokprof::cli
