#include "encodings.hpp"

#include <fmt/format.h>

namespace tokprof::tokenizer {
namespace {

// The split patterns, verbatim from tiktoken (Rust regex syntax; the PCRE2
// path translates \s). cl100k_base and r50k/p50k are given in the forms the
// `tiktoken` npm package and older tiktoken releases ship; the newer
// possessive forms (`?+`, `++`, `\s++$`) match exactly the same pieces.
constexpr std::string_view k_r50k_pattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

constexpr std::string_view k_cl100k_pattern =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

constexpr std::string_view k_o200k_pattern =
    R"([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?)"
    R"(|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?)"
    R"(|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

std::vector<SpecialToken> harmony_specials() {
  // o200k_base's own specials first, so that id 200018 decodes to
  // <|endofprompt|> rather than to <|reserved_200018|>.
  std::vector<SpecialToken> specials = {
      {"<|endoftext|>", 199999},       {"<|endofprompt|>", 200018},     {"<|startoftext|>", 199998},
      {"<|reserved_200000|>", 200000}, {"<|reserved_200001|>", 200001}, {"<|return|>", 200002},
      {"<|constrain|>", 200003},       {"<|reserved_200004|>", 200004}, {"<|channel|>", 200005},
      {"<|start|>", 200006},           {"<|end|>", 200007},             {"<|message|>", 200008},
      {"<|reserved_200009|>", 200009}, {"<|reserved_200010|>", 200010}, {"<|reserved_200011|>", 200011},
      {"<|call|>", 200012},
  };
  for (Rank id = 200013; id < 201088; ++id) {
    specials.push_back({fmt::format("<|reserved_{}|>", id), id});
  }
  return specials;
}

std::vector<EncodingSpec> all_encodings() {
  return {
      {"o200k_base", "o200k_base", k_o200k_pattern, "GPT-4o, GPT-4.1, GPT-5, o1/o3/o4 (tiktoken)",
       {{"<|endoftext|>", 199999}, {"<|endofprompt|>", 200018}}},
      {"o200k_harmony", "o200k_base", k_o200k_pattern, "gpt-oss: o200k_base ranks with the harmony special tokens",
       harmony_specials()},
      {"cl100k_base", "cl100k_base", k_cl100k_pattern, "GPT-4, GPT-3.5-turbo, text-embedding-3 (tiktoken)",
       {{"<|endoftext|>", 100257},
        {"<|fim_prefix|>", 100258},
        {"<|fim_middle|>", 100259},
        {"<|fim_suffix|>", 100260},
        {"<|endofprompt|>", 100276}}},
      {"p50k_base", "p50k_base", k_r50k_pattern, "Codex, text-davinci-002/003 (tiktoken)", {{"<|endoftext|>", 50256}}},
      {"p50k_edit", "p50k_base", k_r50k_pattern, "text-davinci-edit-001 (tiktoken)",
       {{"<|endoftext|>", 50256}, {"<|fim_prefix|>", 50281}, {"<|fim_middle|>", 50282}, {"<|fim_suffix|>", 50283}}},
      {"r50k_base", "r50k_base", k_r50k_pattern, "GPT-3 davinci, GPT-2 (tiktoken)", {{"<|endoftext|>", 50256}}},
  };
}

}  // namespace

std::optional<EncodingSpec> find_encoding(std::string_view name) {
  for (EncodingSpec& spec : all_encodings()) {
    if (spec.name == name) {
      return std::move(spec);
    }
  }
  return std::nullopt;
}

std::vector<std::string_view> encoding_names() {
  std::vector<std::string_view> names;
  for (const EncodingSpec& spec : all_encodings()) {
    names.push_back(spec.name);
  }
  return names;
}

}  // namespace tokprof::tokenizer
