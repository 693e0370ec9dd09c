#pragma once
// Shared by the Hugging Face tokenizer tests: where the installed
// tokenizer.json files are, and a loader that skips (with a message saying
// how to install) when one is missing.

#include <doctest/doctest.h>

#include <filesystem>
#include <optional>
#include <string>

#include "tokenizer/tokenizer.hpp"

namespace tokprof::test {

inline std::optional<tokenizer::Tokenizer> load_installed_hf(const std::string& name) {
  const auto path = std::filesystem::path(tokenizer::default_tokenizer_dir()) / name / "tokenizer.json";
  if (!std::filesystem::exists(path)) {
    MESSAGE("skipped: " << path.string() << " is not installed; run scripts/fetch-tokenizers " << name);
    return std::nullopt;
  }
  auto loaded = tokenizer::Tokenizer::load(name);
  REQUIRE_MESSAGE(loaded.has_value(), (loaded ? std::string() : loaded.error().to_string()));
  return std::move(*loaded);
}

}  // namespace tokprof::test
