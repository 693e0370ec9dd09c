// The long-piece merges (bpe.cpp's heap merge, bpe_backtrack.cpp's
// backtracking encoder) against the short-piece linear merge, the plain
// statement of the rank-merge rule, on random pieces of the shapes that make
// long pieces: runs of one letter, random base64, runs of punctuation, mixed
// scripts and random bytes, for o200k_base and cl100k_base.
//
// TOKPROF_BPE_CASES=N sets the number of pieces per encoding (default 400).

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "tokenizer/bpe.hpp"
#include "tokenizer/bpe_backtrack.hpp"
#include "tokenizer/embedded.hpp"
#include "tokenizer/load_tiktoken.hpp"

using namespace tokprof::tokenizer;

namespace {

std::vector<Rank> by_linear(std::string_view piece, const TokenMap& ranks) {
  std::vector<std::size_t> bounds;
  merge_bounds_linear(piece, ranks, bounds);
  std::vector<Rank> out;
  for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
    out.push_back(ranks.find(piece.substr(bounds[k], bounds[k + 1] - bounds[k])));
  }
  return out;
}

std::vector<Rank> by_heap(std::string_view piece, const TokenMap& ranks) {
  std::vector<std::size_t> bounds;
  merge_bounds_heap(piece, ranks, bounds);
  std::vector<Rank> out;
  for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
    out.push_back(ranks.find(piece.substr(bounds[k], bounds[k + 1] - bounds[k])));
  }
  return out;
}

// Returns a random piece of one of the shapes above, `size` bytes or a few more.
std::string random_piece(std::mt19937_64& rng, std::size_t size) {
  static const std::vector<std::string> k_mixed = {"a", "b", "e", "th", "ing", "Q", "Z", "é", "ß", "д", "Ж",
                                                   "中", "文", "の", "한", "ع", "ह", "😀", "👍🏽", "1", "7",
                                                   "_", "-", "=", ".", "'", "/", "\\", "\xff", "\x80"};
  static const std::string k_base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  static const std::string k_punct = "-=*._#~+!?";
  std::string out;
  const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  switch (pick(6)) {
    case 0:
      out.assign(size, static_cast<char>('a' + pick(26)));
      break;
    case 1:
      while (out.size() < size) {
        out += k_base64[pick(k_base64.size())];
      }
      break;
    case 2:
      out.assign(size, k_punct[pick(k_punct.size())]);
      break;
    case 3:  // runs of punctuation, changing now and then
      while (out.size() < size) {
        out.append(1 + pick(200), k_punct[pick(k_punct.size())]);
      }
      break;
    case 4:
      while (out.size() < size) {
        out += k_mixed[pick(k_mixed.size())];
      }
      break;
    default:
      while (out.size() < size) {
        out += static_cast<char>(pick(256));
      }
      break;
  }
  return out;
}

void check_encoding(const char* name, std::uint64_t seed) {
  const RankTable table = parse_tiktoken(embedded_vocabulary(name), name).value();
  std::vector<std::string_view> tokens(table.by_rank.size());
  for (std::size_t rank = 0; rank < tokens.size(); ++rank) {
    static_cast<void>(table.bytes_of(static_cast<Rank>(rank), tokens[rank]));
  }
  const auto encoder = BacktrackEncoder::build(tokens, table.ranks);
  REQUIRE(encoder != nullptr);
  const char* env = std::getenv("TOKPROF_BPE_CASES");
  const std::size_t cases = env != nullptr ? std::strtoull(env, nullptr, 10) : 400;
  std::mt19937_64 rng(seed);
  std::size_t gave_up = 0;
  for (std::size_t i = 0; i < cases; ++i) {
    const std::size_t size = 1 + static_cast<std::size_t>(rng() % (i % 10 == 0 ? 4000 : 600));
    const std::string piece = random_piece(rng, size);
    CAPTURE(piece.size());
    CAPTURE(piece.substr(0, 64));
    const std::vector<Rank> expected = by_linear(piece, table.ranks);
    REQUIRE(by_heap(piece, table.ranks) == expected);
    std::vector<Rank> fast;
    if (encoder->encode(piece, fast)) {
      REQUIRE(fast == expected);
      REQUIRE(encoder->count(piece) == static_cast<long>(expected.size()));
    } else {
      ++gave_up;
    }
  }
  MESSAGE(std::string(name) << ": backtracking gave up (heap used) on " << gave_up << " of " << cases << " pieces");
  // Long single-letter runs, where backtracking must not give up.
  for (const std::size_t size : {100000, 300000}) {
    const std::string piece(size, 'a');
    std::vector<Rank> fast;
    REQUIRE(encoder->encode(piece, fast));
    REQUIRE(fast == by_heap(piece, table.ranks));
  }
}

}  // namespace

TEST_CASE("bpe::long pieces o200k_base") { check_encoding("o200k_base", 11); }
TEST_CASE("bpe::long pieces cl100k_base") { check_encoding("cl100k_base", 12); }

TEST_CASE("token_map::two-byte keys answer as the hashed table does") {
  // find() answers two-byte keys from a direct table filled by insert();
  // every pair of bytes must get the rank the hashed look-up gives.
  TokenMap map;
  CHECK(map.find("ab") == k_no_rank);  // empty map: no table yet
  const std::vector<std::string> keys = {std::string("\0\0", 2), "ab", "\xFF\xFE", " t", "abc", "a"};
  for (std::size_t i = 0; i < keys.size(); ++i) {
    REQUIRE(map.insert(keys[i], static_cast<Rank>(100 + i)));
  }
  CHECK_FALSE(map.insert("ab", 7));  // a second insert changes nothing
  for (int first = 0; first < 256; ++first) {
    for (int second = 0; second < 256; ++second) {
      const std::string pair{static_cast<char>(first), static_cast<char>(second)};
      const Rank direct = map.find(pair);
      CHECK(direct == map.find(pair, hash_bytes(pair)));
      const auto known = std::find(keys.begin(), keys.end(), pair);
      CHECK(direct == (known == keys.end() ? k_no_rank : static_cast<Rank>(100 + (known - keys.begin()))));
    }
  }
  CHECK(map.find("abc") == 104);
  CHECK(map.find("a") == 105);
}

namespace {

// The rank-merge rule as plainly as it can be said: parts as strings, merge
// the leftmost adjacent pair of lowest rank until none is a token.
std::vector<Rank> by_rule(std::string_view piece, const TokenMap& ranks) {
  std::vector<std::string> parts;
  for (const char c : piece) {
    parts.emplace_back(1, c);
  }
  for (;;) {
    Rank best = k_no_rank;
    std::size_t at = 0;
    for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
      const Rank rank = ranks.find(parts[k] + parts[k + 1]);
      if (rank < best) {
        best = rank;
        at = k;
      }
    }
    if (best == k_no_rank) {
      break;
    }
    parts[at] += parts[at + 1];
    parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(at + 1));
  }
  std::vector<Rank> out;
  for (const std::string& part : parts) {
    out.push_back(ranks.find(part));
  }
  return out;
}

void check_short_pieces(const char* name, std::uint64_t seed) {
  const RankTable table = parse_tiktoken(embedded_vocabulary(name), name).value();
  std::mt19937_64 rng(seed);
  const char* env = std::getenv("TOKPROF_BPE_CASES");
  const std::size_t cases = env != nullptr ? std::strtoull(env, nullptr, 10) * 5 : 2000;
  for (std::size_t i = 0; i < cases; ++i) {
    // Up to k_heap_threshold - 1 bytes: the merge on stack arrays.
    std::string piece = random_piece(rng, 1 + static_cast<std::size_t>(rng() % 40));
    piece.resize(std::min(piece.size(), k_heap_threshold - 1));
    CAPTURE(piece);
    const std::vector<Rank> expected = by_rule(piece, table.ranks);
    REQUIRE(by_linear(piece, table.ranks) == expected);
    REQUIRE(count_piece(piece, table.ranks) == expected.size());
  }
  for (const std::string_view word : {" unbelievably", " tokenization", "Supercalifragilistic", " naïveté",
                                      " Schifffahrtsgesellschaft", "ёлочка", " 東京都庁舎", "0123456789abcdef"}) {
    CAPTURE(word);
    REQUIRE(by_linear(word, table.ranks) == by_rule(word, table.ranks));
    REQUIRE(count_piece(word, table.ranks) == by_rule(word, table.ranks).size());
  }
}

}  // namespace

TEST_CASE("bpe::short pieces follow the plain merge rule o200k_base") { check_short_pieces("o200k_base", 21); }
TEST_CASE("bpe::short pieces follow the plain merge rule cl100k_base") { check_short_pieces("cl100k_base", 22); }

TEST_CASE("token_map::head_word_over reads what head_word reads") {
  // head_word_over loads 8 bytes and masks them by the length: every length
  // and every byte value must give head_word's word, whatever follows.
  std::mt19937_64 rng(23);
  std::string buffer(64, '\0');
  for (int round = 0; round < 200; ++round) {
    for (char& c : buffer) {
      c = static_cast<char>(round < 2 ? (round == 0 ? 0x00 : 0xFF) : static_cast<int>(rng() % 256));
    }
    for (std::size_t length = 1; length <= 20; ++length) {
      const std::string_view bytes(buffer.data() + round % 16, length);
      CAPTURE(length);
      REQUIRE(head_word_over(bytes) == head_word(bytes));
      REQUIRE(hash_with_head(bytes, head_word_over(bytes)) == hash_bytes(bytes));
    }
  }
}

TEST_CASE("token_map::keys found in groups of four, present and absent") {
  // Keys are placed from the start of their hash's group of four slots and
  // keys of up to 8 bytes are looked up a group at a time (find_short):
  // with the table half full, many groups overflow into the next, and every
  // key must still be found, by both look-ups, and no other string.
  std::mt19937_64 rng(41);
  TokenMap map;
  std::vector<std::string> keys;
  std::vector<std::string> absent;
  for (int i = 0; i < 6000; ++i) {
    std::string key(static_cast<std::size_t>(rng() % 12), '\0');
    for (char& c : key) {
      c = static_cast<char>(rng() % 6 == 0 ? rng() % 256 : 'a' + rng() % 3);
    }
    if (i % 2 == 0 && map.insert(key, static_cast<Rank>(keys.size()))) {
      keys.push_back(key);
    } else if (i % 2 == 1) {
      absent.push_back(key);
    }
  }
  std::erase_if(absent, [&](const std::string& key) { return std::find(keys.begin(), keys.end(), key) != keys.end(); });
  REQUIRE(absent.size() > 100);
  REQUIRE(map.size() == keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string& key = keys[i];
    CAPTURE(key);
    REQUIRE(map.find(key) == i);
    REQUIRE(map.find(key, hash_bytes(key)) == i);
    if (!key.empty() && key.size() <= 8) {
      REQUIRE(map.find_short(head_word(key), key.size(), hash_bytes(key)) == i);
    }
  }
  for (const std::string& key : absent) {
    CAPTURE(key);
    REQUIRE(map.find(key, hash_bytes(key)) == k_no_rank);
    if (!key.empty() && key.size() <= 8) {
      REQUIRE(map.find_short(head_word(key), key.size(), hash_bytes(key)) == k_no_rank);
    }
  }
}
