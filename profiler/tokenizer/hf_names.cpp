#include "hf_names.hpp"

#include <array>

namespace tokprof::tokenizer::hf {
namespace {

// Keep in step with the sha256 table of scripts/fetch-tokenizers.
constexpr std::array k_named = {
    NamedTokenizer{"llama3", "Llama 3 (Meta), byte-level BPE, 128,000 tokens + 256 special"},
    NamedTokenizer{"llama3_1", "Llama 3.1-3.3 (Meta), same vocabulary as llama3, renamed special tokens"},
    NamedTokenizer{"qwen3", "Qwen2, Qwen2.5 and Qwen3 (Alibaba), byte-level BPE, 151,643 tokens + added"},
    NamedTokenizer{"deepseek_v3", "DeepSeek V3 and R1, byte-level BPE, 128,000 tokens + 818 added"},
    NamedTokenizer{"gemma3", "Gemma 3 (Google), SentencePiece-style BPE with byte fallback, 262,144 tokens"},
    NamedTokenizer{"claude", "Claude 1/2 (Anthropic), the last public Claude vocabulary, 65,000 tokens"},
    NamedTokenizer{"gptoss", "gpt-oss (OpenAI), o200k_harmony as a tokenizer.json"},
    NamedTokenizer{"llama2", "Llama 2 (Meta), SentencePiece-style BPE with byte fallback, 32,000 tokens"},
};

}  // namespace

std::span<const NamedTokenizer> named_tokenizers() { return k_named; }

const NamedTokenizer* find_named_tokenizer(std::string_view name) {
  for (const NamedTokenizer& named : k_named) {
    if (named.name == name) {
      return &named;
    }
  }
  return nullptr;
}

std::string named_tokenizer_list() {
  std::string names;
  for (const NamedTokenizer& named : k_named) {
    names += (names.empty() ? "" : ", ") + std::string(named.name);
  }
  return names;
}

}  // namespace tokprof::tokenizer::hf
