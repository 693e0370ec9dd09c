#pragma once
// PieceCache: a small per-thread memo of piece -> token count.
//
// Text is Zipfian: " the", ",", " of" and a few thousand other pieces make
// up most of any corpus. Counting one means a look-up in the vocabulary
// table (8 MB for o200k_base: one or two cache misses) and, for pieces that
// are not whole tokens, a merge. A direct-mapped table of 32,768 recent
// pieces (1 MB per thread and model) answers most of them with one hit in
// L2 or L3.
//
// Exact by construction: an entry holds the whole piece (up to
// k_max_length bytes; longer pieces are not cached) and is used only when
// the piece matches byte for byte. Entries belong to one model: each model
// gets its own cache per thread, found by the model's serial number (never
// its address, which a later model could reuse).
//
// Measured on the peer-bench corpus (o200k_base, 11.6 M pieces): 90% of
// pieces hit; of the rest, 720 k are whole tokens and 432 k (4.7 MB) need a
// merge. 32,768 entries instead of 8,192 (session 6): cl100k_base,
// one pass over the corpus, 506 k -> 421 k merges and 662 k -> 306 k whole-
// token look-ups (simulated); count 1,732 -> 1,612 M cycles:u (-7%) and
// o200k_base 2,048 -> 1,946 M (-5%), lowest of 4 interleaved runs, 4% fewer
// instructions. Session 1 had tried that size and seen no gain in
// wall-clock seconds, which on this host vary more than that. 16,384
// entries gave -3%, 65,536 no more than 32,768. The price: 1 MB per thread
// and tokenizer in use (at most k_models_per_thread of them).
//
// An entry keeps the piece's head word (token_map.hpp's head_word) and
// compares it in one go; TiktokenModel computes that word once per piece
// with one load and a mask (head_word_over) and passes it to the hash, this
// cache and TokenMap, instead of each rebuilding it with branches on the
// piece's length (1 to 8 bytes, different from piece to piece, so those
// branches were mispredicted): cl100k_base count 1,998 -> 1,796 M cycles:u
// (-10%), branch misses 33.5 -> 27.5 M (session 6, tokprof_ext on the
// peer-bench corpus, lowest of 3 interleaved runs).

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "token_map.hpp"

namespace tokprof::tokenizer {

class PieceCache {
 public:
  static constexpr std::size_t k_max_length = 27;
  static constexpr std::size_t k_entries = 32768;

  // Returns the cached count of `piece` (whose hash is `hash`), or -1.
  [[nodiscard]] long find(std::string_view piece, std::uint64_t hash) const {
    return find(piece, hash, head_word(piece));
  }

  // Same, with `head` == head_word(`piece`) too. Most pieces are at most 8
  // bytes: one word compare, not a memcmp call.
  [[nodiscard]] long find(std::string_view piece, std::uint64_t hash, std::uint64_t head) const {
    const Entry& entry = m_entries[slot_of(hash)];
    if (entry.head != head || entry.length != piece.size() ||
        (piece.size() > 8 && (piece.size() > k_max_length ||
                              std::memcmp(entry.tail, piece.data() + 8, piece.size() - 8) != 0))) {
      return -1;
    }
    return entry.count;
  }

  // Remembers `count` for `piece`, replacing whatever shared its slot.
  void store(std::string_view piece, std::uint64_t hash, std::uint32_t count) {
    store(piece, hash, head_word(piece), count);
  }

  // Same, with `head` == head_word(`piece`).
  void store(std::string_view piece, std::uint64_t hash, std::uint64_t head, std::uint32_t count) {
    if (piece.size() > k_max_length) {
      return;
    }
    Entry& entry = m_entries[slot_of(hash)];
    entry.head = head;
    entry.length = static_cast<std::uint8_t>(piece.size());
    if (piece.size() > 8) {
      std::memcpy(entry.tail, piece.data() + 8, piece.size() - 8);
    }
    entry.count = count;
  }

  // Returns a serial number for a new model, never handed out before.
  static std::uint64_t new_model_serial() {
    static std::atomic<std::uint64_t> serial{0};
    return ++serial;
  }

  // Returns this thread's cache for the model with serial number `model`.
  // A thread keeps caches for its k_models_per_thread most recently used
  // models and recycles the oldest: a process that builds tokenizers over
  // and over (a fuzzer, a long-lived worker) would otherwise keep 1 MB per
  // model and thread for ever. Recycling only forgets memos.
  static PieceCache& for_model(std::uint64_t model) {
    thread_local std::vector<std::pair<std::uint64_t, std::unique_ptr<PieceCache>>> caches;  // most recent last
    for (std::size_t i = 0; i < caches.size(); ++i) {
      if (caches[i].first == model) {
        std::rotate(caches.begin() + static_cast<std::ptrdiff_t>(i), caches.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                    caches.end());
        return *caches.back().second;
      }
    }
    if (caches.size() < k_models_per_thread) {
      caches.emplace_back(model, std::make_unique<PieceCache>());
    } else {
      std::rotate(caches.begin(), caches.begin() + 1, caches.end());
      caches.back().first = model;
      caches.back().second->m_entries.fill(Entry{});
    }
    return *caches.back().second;
  }

  static constexpr std::size_t k_models_per_thread = 16;

 private:
  // The piece's head_word, its length, and its bytes after the first 8.
  struct Entry {
    std::uint64_t head = 0;
    std::uint8_t length = 0xFF;  // never a cached length: empty
    char tail[k_max_length - 8];
    std::uint32_t count = 0;
  };
  static_assert(sizeof(Entry) == 32);

  static std::size_t slot_of(std::uint64_t hash) { return (hash >> 20) & (k_entries - 1); }

  std::array<Entry, k_entries> m_entries{};
};

}  // namespace tokprof::tokenizer
