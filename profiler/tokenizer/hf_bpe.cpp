#include "hf_bpe.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "base/utf8.hpp"
#include "hf_byte_level.hpp"
#include "hf_unicode.hpp"

namespace tokprof::tokenizer::hf {
namespace {

struct Symbol {
  Rank id;
  std::int32_t prev;
  std::int32_t next;
  bool alive;
};

struct Candidate {
  std::uint32_t priority;
  std::uint32_t pos;
  Rank new_id;
  // std heaps pop the largest: invert so that the smallest
  // (priority, position) comes first.
  bool operator<(const Candidate& other) const {
    return priority != other.priority ? priority > other.priority : pos > other.pos;
  }
};

constexpr std::size_t k_max_unused_ids = std::size_t{1} << 20U;

}  // namespace

Result<BpeModel> BpeModel::build(const std::vector<std::pair<std::string, Rank>>& vocab,
                                 const std::vector<std::pair<std::string, std::string>>& merges, BpeOptions options) {
  BpeModel model;
  model.m_options = std::move(options);
  Rank max_id = 0;
  for (const auto& [text, id] : vocab) {
    max_id = std::max(max_id, id);
  }
  // m_tokens is indexed by id, so one huge id in a tiny file would ask for
  // gigabytes. Real vocabularies are dense (added tokens extend them by a
  // few thousand at most); a gap this large is a broken file.
  if (max_id >= vocab.size() + k_max_unused_ids) {
    return make_error(ErrorKind::invalid, fmt::format("vocabulary id {} leaves more than {} ids unused ({} entries)",
                                                      max_id, k_max_unused_ids, vocab.size()));
  }
  model.m_tokens.resize(vocab.empty() ? 0 : std::size_t{max_id} + 1);
  model.m_by_text.reserve(vocab.size());
  for (const auto& [text, id] : vocab) {
    model.m_by_text.insert(text, id);
    // Two texts for one id (no shipped vocabulary has them): decoding keeps
    // the first non-empty one, since an empty text here means "no such id"
    // and the id must decode to something encode could have meant by it.
    if (model.m_tokens[id].empty()) {
      model.m_tokens[id] = text;
    }
  }
  if (model.m_options.byte_level) {
    model.m_by_bytes.reserve(vocab.size());
    for (const auto& [text, id] : vocab) {
      if (const auto bytes = byte_level_decode(text)) {
        model.m_by_bytes.insert(*bytes, id);
      }
    }
    for (unsigned byte = 0; byte < 256; ++byte) {
      std::string text;
      append_utf8(text, byte_to_char(static_cast<unsigned char>(byte)));
      model.m_byte_ids[byte] = model.m_by_text.find(text);
    }
  }
  for (unsigned byte = 0; byte < 256; ++byte) {
    model.m_fallback_ids[byte] = model.m_by_text.find(fmt::format("<0x{:02X}>", byte));
  }
  if (!model.m_options.unk_token.empty()) {
    model.m_unk = model.m_by_text.find(model.m_options.unk_token);
    if (model.m_unk == k_no_rank) {
      return make_error(ErrorKind::invalid,
                        fmt::format("unk_token \"{}\" is not in the vocabulary", model.m_options.unk_token));
    }
  }
  const std::size_t prefix_length = model.m_options.continuing_subword_prefix.size();
  model.m_merges.reserve(merges.size());
  for (std::size_t i = 0; i < merges.size(); ++i) {
    const auto& [left, right] = merges[i];
    const Rank left_id = model.m_by_text.find(left);
    const Rank right_id = model.m_by_text.find(right);
    const std::string merged = left + (right.size() >= prefix_length ? right.substr(prefix_length) : std::string());
    const Rank new_id = model.m_by_text.find(merged);
    if (left_id == k_no_rank || right_id == k_no_rank || new_id == k_no_rank) {
      const std::string& missing = left_id == k_no_rank ? left : right_id == k_no_rank ? right : merged;
      return make_error(ErrorKind::invalid,
                        fmt::format("merge {} (\"{} {}\"): token \"{}\" is not in the vocabulary", i, left, right,
                                    missing));
    }
    // A pair listed twice keeps its last entry, as a Rust HashMap collect does.
    model.m_merges.insert_or_assign(left_id, right_id, {static_cast<std::uint32_t>(i), new_id});
  }
  return model;
}

void BpeModel::initial_symbols(std::string_view word, std::vector<Rank>& ids) const {
  ids.clear();
  // A pending unknown: its id is m_unk; consecutive ones fuse when fuse_unk.
  bool unk_pending = false;
  const auto add_unknown = [&] {
    if (m_unk == k_no_rank) {
      return;  // no unk token: Hugging Face drops the character
    }
    if (unk_pending && !m_options.fuse_unk) {
      ids.push_back(m_unk);
    }
    unk_pending = true;
  };
  const auto add_known = [&](Rank id) {
    if (unk_pending) {
      ids.push_back(m_unk);
      unk_pending = false;
    }
    ids.push_back(id);
  };
  if (m_options.byte_level) {
    for (const char c : word) {
      const Rank id = m_byte_ids[static_cast<unsigned char>(c)];
      if (id != k_no_rank) {
        add_known(id);
      } else {
        add_unknown();
      }
    }
  } else {
    const bool has_affixes = !m_options.continuing_subword_prefix.empty() || !m_options.end_of_word_suffix.empty();
    std::string key;
    std::size_t pos = 0;
    while (pos < word.size()) {
      std::size_t length = 0;
      utf8::decode(word, pos, length);
      std::string_view unit = word.substr(pos, length);
      if (has_affixes) {
        key.assign(pos > 0 ? m_options.continuing_subword_prefix : std::string());
        key.append(unit);
        if (pos + length == word.size()) {
          key.append(m_options.end_of_word_suffix);
        }
        unit = key;
      }
      pos += length;
      if (const Rank id = m_by_text.find(unit); id != k_no_rank) {
        add_known(id);
        continue;
      }
      if (m_options.byte_fallback &&
          std::all_of(unit.begin(), unit.end(),
                      [&](char c) { return m_fallback_ids[static_cast<unsigned char>(c)] != k_no_rank; })) {
        // Hugging Face does not flush a pending unk here; neither do we.
        for (const char c : unit) {
          ids.push_back(m_fallback_ids[static_cast<unsigned char>(c)]);
        }
        continue;
      }
      add_unknown();
    }
  }
  if (unk_pending) {
    ids.push_back(m_unk);
  }
}

// Merges a word of at most k_short_word symbols without a heap: each round
// scans an array of the current pairs' priorities for the lowest (leftmost
// on ties) and re-prices only the two pairs the merge touched. That is the
// heap merge's order exactly: its candidates are keyed by the left symbol's
// original position, which orders like the current one, and a stale
// candidate can never pass its check (a pair changed by a merge spells a
// different string, so it cannot make the same new token). O(n^2) integer
// compares but only about 3n pair look-ups, like the heap; 2x faster on
// words of a few bytes, which is nearly all of them.
void BpeModel::merge_short(std::vector<Rank>& ids) const {
  constexpr std::uint32_t k_none = ~std::uint32_t{0};
  std::array<std::uint32_t, k_short_word> priority;  // of pair (i, i+1); k_none: no merge
  std::array<Rank, k_short_word> merged;             // the token pair (i, i+1) makes
  std::size_t n = ids.size();
  const auto price = [&](std::size_t i) {
    const MergeValue* found = find_merge(ids[i], ids[i + 1]);
    priority[i] = found != nullptr ? found->priority : k_none;
    merged[i] = found != nullptr ? found->new_id : k_no_rank;
  };
  for (std::size_t i = 0; i + 1 < n; ++i) {
    price(i);
  }
  while (n > 1) {
    std::size_t best = 0;
    for (std::size_t i = 1; i + 1 < n; ++i) {
      if (priority[i] < priority[best]) {
        best = i;
      }
    }
    if (priority[best] == k_none) {
      break;
    }
    ids[best] = merged[best];
    for (std::size_t i = best + 1; i + 1 < n; ++i) {
      ids[i] = ids[i + 1];
      priority[i] = priority[i + 1];
      merged[i] = merged[i + 1];
    }
    --n;
    if (best > 0) {
      price(best - 1);
    }
    if (best + 1 < n) {
      price(best);
    }
  }
  ids.resize(n);
}

void BpeModel::merge(std::vector<Rank>& ids) const {
  if (ids.size() < 2) {
    return;
  }
  if (m_options.short_word_merge && ids.size() <= k_short_word) {
    merge_short(ids);
    return;
  }
  thread_local std::vector<Symbol> symbols;
  thread_local std::vector<Candidate> heap;  // a max-heap under Candidate::operator<
  symbols.clear();
  heap.clear();
  const auto n = static_cast<std::int32_t>(ids.size());
  for (std::int32_t i = 0; i < n; ++i) {
    symbols.push_back({ids[i], i - 1, i + 1 < n ? i + 1 : -1, true});
  }
  const auto push = [&](Candidate candidate) {
    heap.push_back(candidate);
    std::push_heap(heap.begin(), heap.end());
  };
  for (std::int32_t i = 0; i + 1 < n; ++i) {
    if (const MergeValue* merge = find_merge(ids[i], ids[i + 1])) {
      push({merge->priority, static_cast<std::uint32_t>(i), merge->new_id});
    }
  }
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end());
    const Candidate top = heap.back();
    heap.pop_back();
    Symbol& left = symbols[top.pos];
    if (!left.alive || left.next < 0) {
      continue;
    }
    Symbol& right = symbols[left.next];
    const MergeValue* now = find_merge(left.id, right.id);
    if (now == nullptr || now->new_id != top.new_id) {
      continue;  // stale: the pair at this position has changed
    }
    left.id = top.new_id;
    right.alive = false;
    left.next = right.next;
    if (left.next >= 0) {
      symbols[left.next].prev = static_cast<std::int32_t>(top.pos);
    }
    if (left.prev >= 0) {
      if (const MergeValue* merge = find_merge(symbols[left.prev].id, left.id)) {
        push({merge->priority, static_cast<std::uint32_t>(left.prev), merge->new_id});
      }
    }
    if (left.next >= 0) {
      if (const MergeValue* merge = find_merge(left.id, symbols[left.next].id)) {
        push({merge->priority, top.pos, merge->new_id});
      }
    }
  }
  ids.clear();
  for (std::int32_t i = 0; i >= 0; i = symbols[i].next) {
    ids.push_back(symbols[i].id);
  }
}

void BpeModel::encode_word(std::string_view word, std::vector<Rank>& out) const {
  if (m_options.ignore_merges) {
    const Rank id = m_options.byte_level ? m_by_bytes.find(word) : m_by_text.find(word);
    if (id != k_no_rank) {
      out.push_back(id);
      return;
    }
  }
  thread_local std::vector<Rank> ids;
  initial_symbols(word, ids);
  merge(ids);
  out.insert(out.end(), ids.begin(), ids.end());
}

bool BpeModel::token_text(Rank id, std::string_view& text) const {
  if (id >= m_tokens.size() || m_tokens[id].empty()) {
    text = {};
    return false;
  }
  text = m_tokens[id];
  return true;
}

Rank BpeModel::token_id(std::string_view text) const { return m_by_text.find(text); }

}  // namespace tokprof::tokenizer::hf
