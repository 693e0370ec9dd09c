// AddedVocabulary's scan for added tokens against the plain statement of
// its rule: at each position, the longest token that starts there, else
// move on by one byte. Both ways the matcher finds candidates are checked:
// tokens that all start with one byte (found with memchr) and tokens that
// start with several.

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "tokenizer/hf_added_tokens.hpp"

using namespace tokprof::tokenizer;
using namespace tokprof::tokenizer::hf;

namespace {

// The pieces of `text` by the rule itself, for plain tokens (no
// single_word, lstrip, rstrip or normalizer).
std::vector<Piece> reference_split(const std::string& text, const std::vector<AddedToken>& tokens) {
  std::vector<Piece> out;
  std::size_t gap = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const AddedToken* best = nullptr;
    for (const AddedToken& token : tokens) {
      if (text.compare(pos, token.content.size(), token.content) == 0 &&
          (best == nullptr || token.content.size() > best->content.size())) {
        best = &token;
      }
    }
    if (best == nullptr) {
      ++pos;
      continue;
    }
    if (pos > gap) {
      out.push_back({text.substr(gap, pos - gap), gap == 0, k_no_rank});
    }
    out.push_back({best->content, pos == 0, best->id});
    pos += best->content.size();
    gap = pos;
  }
  if (gap < text.size() || out.empty()) {  // an empty text is one empty piece
    out.push_back({text.substr(gap), gap == 0, k_no_rank});
  }
  return out;
}

std::string describe(const std::vector<Piece>& pieces) {
  std::string out;
  for (const Piece& piece : pieces) {
    out += "[" + piece.text + "|" + std::to_string(piece.id) + (piece.at_start ? "|start" : "") + "]";
  }
  return out;
}

void check_against_reference(const std::vector<std::string>& contents) {
  std::vector<AddedToken> tokens;
  for (std::size_t i = 0; i < contents.size(); ++i) {
    AddedToken token;
    token.content = contents[i];
    token.id = static_cast<Rank>(1000 + i);
    tokens.push_back(token);
  }
  const AddedVocabulary vocabulary(tokens, nullptr);
  // Fragments that make near misses: token prefixes, the first bytes alone.
  std::vector<std::string> fragments = {"a", "b", " ", "\n", "<", ">", "|", "é"};
  for (const std::string& content : contents) {
    fragments.push_back(content);
    fragments.push_back(content.substr(0, content.size() / 2));
  }
  std::mt19937_64 rng(7);
  std::vector<Piece> pieces;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const auto length = std::uniform_int_distribution<int>(0, 12)(rng);
    for (int i = 0; i < length; ++i) {
      text += fragments[std::uniform_int_distribution<std::size_t>(0, fragments.size() - 1)(rng)];
    }
    vocabulary.split(text, Specials::as_text, pieces);
    const std::vector<Piece> expected = reference_split(text, tokens);
    INFO("text: \"" << text << "\"");
    CHECK(describe(pieces) == describe(expected));
  }
}

}  // namespace

TEST_CASE("hf added tokens: leftmost longest, all starting with one byte") {
  check_against_reference({"<think>", "</think>", "<|im_start|>", "<|im_end|>", "<|im"});
}

TEST_CASE("hf added tokens: leftmost longest, starting with several bytes") {
  check_against_reference({"<think>", "[INST]", "[/INST]", "\n\n", "ab", "é"});
}
