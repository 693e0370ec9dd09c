// Tests of the model-to-tokenizer registry (registry.hpp) and of how
// Tokenizer::load finds named Hugging Face tokenizers.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tokenizer/registry.hpp"
#include "tokenizer/tokenizer.hpp"

using namespace tokprof::tokenizer;

namespace {

void check_choice(std::string_view model, std::string_view tokenizer, bool exact) {
  const TokenizerChoice choice = choose_tokenizer(model, Registry::builtin());
  INFO(model);
  CHECK(choice.tokenizer == tokenizer);
  CHECK(choice.exact == exact);
  CHECK(!choice.reason.empty());
}

}  // namespace

TEST_CASE("registry::choose_tokenizer") {
  SUBCASE("OpenAI") {
    check_choice("gpt-4o-2024-08-06", "o200k_base", true);
    check_choice("openai/gpt-4.1-mini", "o200k_base", true);
    check_choice("gpt-5", "o200k_base", true);
    check_choice("o3-mini-2025-01-31", "o200k_base", true);
    check_choice("o1-mini-2024-09-12", "o200k_base", true);
    check_choice("gpt-4-0613", "cl100k_base", true);
    check_choice("gpt-4-turbo-2024-04-09", "cl100k_base", true);
    check_choice("gpt-3.5-turbo-0125", "cl100k_base", true);
    check_choice("openai/gpt-oss-120b", "o200k_harmony", true);
  }
  SUBCASE("open-weight families") {
    check_choice("meta-llama/Meta-Llama-3.1-70B-Instruct", "llama3", true);
    check_choice("llama-3.3-70b-versatile", "llama3", true);
    check_choice("Qwen/Qwen2.5-72B-Instruct", "qwen3", false);  // not verified: see registry.json
    check_choice("qwen3-235b-a22b", "qwen3", true);
    check_choice("deepseek-ai/DeepSeek-R1", "deepseek_v3", true);
    check_choice("deepseek-chat", "deepseek_v3", true);
    check_choice("google/gemma-3-27b-it", "gemma3", true);
    check_choice("gemma-2-9b-it", "gemma3", false);
  }
  SUBCASE("closed tokenizers are approximate") {
    check_choice("gemini-1.5-pro-002", "gemma3", false);
    check_choice("anthropic/claude-3-5-sonnet-20240620", "claude", false);
    check_choice("claude-2.1", "claude", true);
    check_choice("some-new-model", "o200k_base", false);
  }
}

TEST_CASE("registry::glob_match") {
  CHECK(glob_match("gpt-4o*", "GPT-4o-mini"));
  CHECK(glob_match("*llama-3*", "Meta-Llama-3-8B"));
  CHECK_FALSE(glob_match("gpt-4o*", "gpt-4-0613"));
  CHECK(glob_match("*", ""));
  CHECK(strip_provider("openrouter/anthropic/claude-3-opus") == "claude-3-opus");
}

TEST_CASE("registry::with_overrides") {
  const auto path = std::filesystem::temp_directory_path() / "tokprof-registry-override.json";
  {
    std::ofstream out(path);
    out << R"({"entries": [{"pattern": "claude*", "tokenizer": "cl100k_base", "exact": false, "reason": "mine"}]})";
  }
  const auto registry = Registry::with_overrides(path.string());
  REQUIRE(registry.has_value());
  const auto choice = choose_tokenizer("claude-3-opus", *registry);
  CHECK(choice.tokenizer == "cl100k_base");
  CHECK(choice.reason == "mine");
  CHECK(choose_tokenizer("gpt-4o", *registry).tokenizer == "o200k_base");
  const auto rows = tokenizer_rows(*registry);
  REQUIRE(rows.size() == registry->entries().size() + 1);
  CHECK(rows.front().installed);  // cl100k_base is built in
  CHECK(rows.back().pattern == "*");

  std::ofstream(path) << R"({"entries": [{"pattern": "x"}]})";
  const auto broken = Registry::with_overrides(path.string());
  REQUIRE_FALSE(broken.has_value());
  CHECK(broken.error().to_string() == path.string() + ": /entries/0: \"tokenizer\" must be a string");
  std::filesystem::remove(path);
}

TEST_CASE("hf::load missing tokenizer names the fetch command") {
  const auto missing = Tokenizer::load("qwen3", {}, "/nonexistent-tokprof-dir");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().message ==
        "tokenizer \"qwen3\" is not installed (/nonexistent-tokprof-dir/qwen3/tokenizer.json does not exist); "
        "install it with: scripts/fetch-tokenizers qwen3 (or pass --tokenizer-dir DIR)");
}

TEST_CASE("hf::load refuses unsupported components") {
  const auto dir = std::filesystem::temp_directory_path() / "tokprof-hf-refuse";
  std::filesystem::create_directories(dir);
  const auto write = [&](const std::string& name, const std::string& json) {
    std::ofstream(dir / name) << json;
    return (dir / name).string();
  };
  const std::string vocab = R"("model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]})";
  SUBCASE("Unigram") {
    const auto path = write("unigram.json", R"({"model": {"type": "Unigram", "vocab": []}})");
    const auto loaded = Tokenizer::load(path);
    REQUIRE_FALSE(loaded.has_value());
    CHECK(loaded.error().message.find("unsupported model \"Unigram\"") != std::string::npos);
  }
  SUBCASE("pre-tokenizer") {
    const auto path = write("bert.json", R"({"pre_tokenizer": {"type": "BertPreTokenizer"}, )" + vocab + "}");
    const auto loaded = Tokenizer::load(path);
    REQUIRE_FALSE(loaded.has_value());
    CHECK(loaded.error().message == "unsupported pre_tokenizer \"BertPreTokenizer\" (at /pre_tokenizer)");
  }
  SUBCASE("dropout") {
    const auto path = write("dropout.json",
                            R"({"model": {"type": "BPE", "dropout": 0.1, "vocab": {"a": 0}, "merges": []}})");
    const auto loaded = Tokenizer::load(path);
    REQUIRE_FALSE(loaded.has_value());
    CHECK(loaded.error().message.find("dropout") != std::string::npos);
  }
  SUBCASE("a small BPE with both merge forms") {
    const auto strings = write("strings.json", "{" + vocab + "}");
    const auto pairs = write("pairs.json",
                             R"({"model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": [["a", "b"]]}})");
    for (const auto& path : {strings, pairs}) {
      const auto loaded = Tokenizer::load(path);
      REQUIRE(loaded.has_value());
      CHECK(loaded->encode("abab") == std::vector<Rank>{2, 2});
      CHECK(loaded->encode("aba") == std::vector<Rank>{2, 0});
    }
  }
  std::filesystem::remove_all(dir);
}
