#include "hf_added_tokens.hpp"

#include <algorithm>
#include <cstring>

#include "base/utf8.hpp"
#include "hf_unicode.hpp"

namespace tokprof::tokenizer::hf {
namespace {

// Returns the code point that ends `text` (which is not empty).
char32_t last_char(std::string_view text) {
  std::size_t start = text.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  std::size_t length = 0;
  return utf8::decode(text, start, length);
}

// Returns where the run of White_Space that ends `text` starts.
std::size_t trailing_space_start(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0) {
    std::size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
      --start;
    }
    std::size_t length = 0;
    if (!is_white_space(utf8::decode(text, start, length))) {
      break;
    }
    end = start;
  }
  return end;
}

// Returns the length of the run of White_Space that starts `text`.
std::size_t leading_space_length(std::string_view text) {
  std::size_t pos = 0;
  std::size_t length = 0;
  while (pos < text.size() && is_white_space(utf8::decode(text, pos, length))) {
    pos += length;
  }
  return pos;
}

}  // namespace

void AddedVocabulary::Matcher::add(std::string_view content, std::uint32_t token) {
  std::uint32_t node = 0;
  for (const char c : content) {
    const auto byte = static_cast<unsigned char>(c);
    auto& children = m_nodes[node].children;
    const auto found = std::find_if(children.begin(), children.end(), [&](const auto& child) { return child.first == byte; });
    if (found != children.end()) {
      node = found->second;
      continue;
    }
    const auto next = static_cast<std::uint32_t>(m_nodes.size());
    children.emplace_back(byte, next);
    if (node == 0) {
      m_root_children[byte] = next;
      m_first_byte = children.size() == 1 ? byte : -1;
    }
    m_nodes.emplace_back();
    node = next;
  }
  // The first of two tokens with one content wins, as a vocabulary lookup would.
  if (m_nodes[node].token < 0) {
    m_nodes[node].token = token;
  }
}

std::int64_t AddedVocabulary::Matcher::longest_at(std::string_view text, std::size_t pos, std::size_t& length) const {
  // Most positions start no token: one table look-up says so.
  if (pos >= text.size() || m_root_children[static_cast<unsigned char>(text[pos])] == 0) {
    return -1;
  }
  std::int64_t best = -1;
  std::uint32_t node = 0;
  for (std::size_t i = pos; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const auto& children = m_nodes[node].children;
    const auto found = std::find_if(children.begin(), children.end(), [&](const auto& child) { return child.first == byte; });
    if (found == children.end()) {
      break;
    }
    node = found->second;
    if (m_nodes[node].token >= 0) {
      best = m_nodes[node].token;
      length = i + 1 - pos;
    }
  }
  return best;
}

// Added tokens are rare in text, and in most vocabularies they all start with
// one byte ('<'), so memchr finds the next candidate; else a tight loop over
// the root table. Either way the scan no longer makes a call per byte
// (it was a tenth of Qwen3's count time).
std::size_t AddedVocabulary::Matcher::next_start(std::string_view text, std::size_t pos) const {
  if (pos >= text.size()) {
    return text.size();
  }
  if (m_first_byte >= 0) {
    const void* found = std::memchr(text.data() + pos, m_first_byte, text.size() - pos);
    return found == nullptr ? text.size() : static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
  }
  while (pos < text.size() && m_root_children[static_cast<unsigned char>(text[pos])] == 0) {
    ++pos;
  }
  return pos;
}

AddedVocabulary::AddedVocabulary(std::vector<AddedToken> tokens, const Normalizer* normalizer)
    : m_tokens(std::move(tokens)), m_normalizer(normalizer) {
  for (std::uint32_t i = 0; i < m_tokens.size(); ++i) {
    const AddedToken& token = m_tokens[i];
    m_by_id.emplace(token.id, i);
    if (token.content.empty()) {
      continue;
    }
    if (token.normalized) {
      const std::string content = m_normalizer ? m_normalizer->normalize(token.content) : token.content;
      m_normalized[1].add(content, i);
      if (!token.special) {
        m_normalized[0].add(content, i);
      }
    } else {
      m_raw[1].add(token.content, i);
      if (!token.special) {
        m_raw[0].add(token.content, i);
      }
    }
  }
}

void AddedVocabulary::find_matches(std::string_view text, const Matcher& matcher, bool at_start,
                                   std::vector<Piece>& out) const {
  const auto push_gap = [&](std::size_t begin, std::size_t end) {
    out.push_back({std::string(text.substr(begin, end - begin)), at_start && begin == 0, k_no_rank});
  };
  std::size_t start_offset = 0;
  std::size_t pos = 0;
  while (!matcher.empty() && (pos = matcher.next_start(text, pos)) < text.size()) {
    std::size_t length = 0;
    const std::int64_t index = matcher.longest_at(text, pos, length);
    if (index < 0) {
      ++pos;
      continue;
    }
    const AddedToken& token = m_tokens[static_cast<std::size_t>(index)];
    std::size_t start = pos;
    std::size_t stop = pos + length;
    pos = stop;
    if (start < start_offset) {
      continue;  // inside what an rstrip already took
    }
    if (token.single_word) {
      const bool word_before = start > 0 && is_word_char(last_char(text.substr(0, start)));
      std::size_t next_length = 0;
      const bool word_after = stop < text.size() && is_word_char(utf8::decode(text, stop, next_length));
      if (word_before || word_after) {
        continue;
      }
    }
    if (token.lstrip) {
      start = std::max(trailing_space_start(text.substr(0, start)), start_offset);
    }
    if (token.rstrip) {
      stop += leading_space_length(text.substr(stop));
    }
    if (start > start_offset) {
      push_gap(start_offset, start);
    }
    out.push_back({std::string(text.substr(start, stop - start)), at_start && start == 0, token.id});
    start_offset = stop;
  }
  if (start_offset < text.size() || out.empty()) {
    push_gap(start_offset, text.size());
  }
}

void AddedVocabulary::split(std::string_view text, Specials specials, std::vector<Piece>& pieces) const {
  const int set = specials == Specials::recognise ? 1 : 0;
  pieces.clear();
  std::vector<Piece> raw;
  find_matches(text, m_raw[set], true, raw);
  for (Piece& piece : raw) {
    if (piece.id != k_no_rank) {
      pieces.push_back(std::move(piece));
      continue;
    }
    const std::string normalized = m_normalizer ? m_normalizer->normalize(piece.text) : std::move(piece.text);
    find_matches(normalized, m_normalized[set], piece.at_start, pieces);
  }
}

const AddedToken* AddedVocabulary::find(Rank id) const {
  const auto found = m_by_id.find(id);
  return found == m_by_id.end() ? nullptr : &m_tokens[found->second];
}

}  // namespace tokprof::tokenizer::hf
