#pragma once
// Random text for the differential tests of the splitters and of the
// tokenizer.json fast paths: strings drawn across every class the split
// patterns distinguish (letters of each case, marks, digits of many
// scripts, whitespace including \r, \n and Unicode spaces, contractions,
// slashes, emoji, invalid bytes), in mixes that stress one class at a time.
// Code points where PCRE2 10.42 (Unicode 14.0) and the hand-written
// splitters' table (Unicode 16.0) disagree are left out, so that the PCRE2
// path can serve as the reference.

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "tokenizer/pretokenize.hpp"
#include "tokenizer/unicode_tables.hpp"

namespace tokprof::test {

using tokenizer::make_pcre2_splitter;
using tokenizer::Splitter;
namespace unicode = tokenizer::unicode;

inline std::string utf8_of(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// Classifies `cp` with PCRE2, in the table's bits: "a<class>|(?s:.)" splits
// "a"+cp into one piece exactly when cp is in <class>.
inline std::uint8_t pcre2_class_of(char32_t cp) {
  struct Probe {
    std::uint8_t bit;
    std::unique_ptr<Splitter> splitter;
  };
  static const std::vector<Probe> probes = [] {
    std::vector<Probe> out;
    const std::pair<std::uint8_t, const char*> classes[] = {
        {unicode::k_letter, R"(\p{L})"},
        {unicode::k_upper, R"([\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}])"},
        {unicode::k_lower, R"([\p{Ll}\p{Lm}\p{Lo}\p{M}])"},
        {unicode::k_number, R"(\p{N})"},
        {unicode::k_space, R"(\s)"},
        {unicode::k_line, R"([\r\n])"},
        {unicode::k_punct, R"([\p{P}\p{S}])"},
    };
    for (const auto& [bit, cls] : classes) {
      out.push_back({bit, make_pcre2_splitter(std::string("a") + cls + "|(?s:.)").value()});
    }
    return out;
  }();
  std::uint8_t cls = 0;
  std::vector<std::string_view> pieces;
  const std::string text = "a" + utf8_of(cp);
  for (const Probe& probe : probes) {
    probe.splitter->split(text, pieces);
    if (pieces.size() == 1) {
      cls |= probe.bit;
    }
  }
  return cls;
}

// Returns true when PCRE2 puts `cp` in the same pattern classes as the
// splitters' table, so that PCRE2 can serve as the reference on it.
inline bool pcre2_agrees(char32_t cp) {
  return pcre2_class_of(cp) == unicode::class_of(cp);
}

// Code points of one kind, each agreeing between PCRE2 and the table.
struct Pool {
  std::vector<std::string> items;
};

inline Pool make_pool(std::initializer_list<std::pair<char32_t, char32_t>> ranges) {
  Pool pool;
  for (const auto& [first, last] : ranges) {
    for (char32_t cp = first; cp <= last; ++cp) {
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        continue;
      }
      if (pcre2_agrees(cp)) {
        pool.items.push_back(utf8_of(cp));
      }
    }
  }
  return pool;
}

struct Pools {
  Pool ascii = make_pool({{0x00, 0x7F}});
  Pool ascii_letters = make_pool({{'a', 'z'}, {'A', 'Z'}});
  Pool digits = make_pool({{'0', '9'}, {0x660, 0x669}, {0x966, 0x96F}, {0xFF10, 0xFF19}, {0x2160, 0x2188},
                           {0xB2, 0xB3}, {0xBC, 0xBE}, {0x1D7CE, 0x1D7FF}});
  Pool spaces = make_pool({{0x09, 0x0D}, {0x20, 0x20}, {0x85, 0x85}, {0xA0, 0xA0}, {0x1680, 0x1680},
                           {0x180E, 0x180E}, {0x2000, 0x200B}, {0x2028, 0x2029}, {0x202F, 0x202F},
                           {0x205F, 0x205F}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF}});
  Pool marks = make_pool({{0x300, 0x36F}, {0x483, 0x489}, {0x591, 0x5C7}, {0x64B, 0x65F}, {0x900, 0x903},
                          {0x93A, 0x94F}, {0x9BE, 0x9C4}, {0x20D0, 0x20F0}, {0xFE00, 0xFE0F}});
  Pool letters = make_pool({{0x80, 0x2FF}, {0x370, 0x52F}, {0x5D0, 0x5EA}, {0x620, 0x64A}, {0x904, 0x939},
                            {0xE01, 0xE3A}, {0x10A0, 0x10FF}, {0x1E00, 0x1FFF}, {0x2100, 0x214F},
                            {0x3040, 0x30FF}, {0x4E00, 0x4E7F}, {0xAC00, 0xAC7F}, {0xFF21, 0xFF5A},
                            {0x1D400, 0x1D4FF}, {0x10400, 0x1044F}});
  Pool other = make_pool({{0x2010, 0x205E}, {0x2190, 0x21FF}, {0x2600, 0x26FF}, {0x3001, 0x303F},
                          {0x1F300, 0x1F3FF}, {0x1F600, 0x1F64F}, {0x1F900, 0x1F9FF}, {0xE000, 0xE010},
                          {0x378, 0x379}, {0x10FFFE, 0x10FFFF}});
};

inline const std::vector<std::string> k_specials = {
    "'",   "'s",  "'S", "'t", "'re", "'RE", "'rE", "'ve", "'m",  "'M",  "'ll", "'lL", "'d", "'D", "'\xC5\xBF",
    "/",   "\r\n", "\n", "\r", " ",   "  ",  "\t",  "//",  "'x", "''",  "\xC5", "\x80", "\xBF", "\xC0\xAF",
    "\xE2\x82", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "\xF0\x9F\x98"};

inline std::string random_text(std::mt19937_64& rng, const Pools& pools) {
  const auto pick = [&](const Pool& pool) -> const std::string& {
    return pool.items[std::uniform_int_distribution<std::size_t>(0, pool.items.size() - 1)(rng)];
  };
  // Each string leans on one or two kinds, so that long runs of one class
  // (and their edges) are common.
  const Pool* kinds[] = {&pools.ascii, &pools.ascii_letters, &pools.digits, &pools.spaces,
                         &pools.marks, &pools.letters,       &pools.other};
  std::uniform_int_distribution<int> kind_of(0, 7);
  const int lean_a = kind_of(rng);
  const int lean_b = kind_of(rng);
  const std::size_t length = std::uniform_int_distribution<std::size_t>(0, 40)(rng);
  std::string text;
  for (std::size_t i = 0; i < length; ++i) {
    int kind = std::uniform_int_distribution<int>(0, 3)(rng) == 0 ? kind_of(rng) : (i % 3 == 0 ? lean_b : lean_a);
    if (kind == 7) {
      text += k_specials[std::uniform_int_distribution<std::size_t>(0, k_specials.size() - 1)(rng)];
    } else {
      text += pick(*kinds[kind]);
    }
  }
  return text;
}

// Pools for DeepSeek V3's split chain (split_deepseek.cpp): what its three
// regexes tell apart, with the edges of its CJK ranges.
struct DeepseekPools {
  // U+4E00..U+9FA5, U+3040..U+309F, U+30A0..U+30FF and their neighbours:
  // unassigned (U+3040, U+3097), marks (U+3099), symbols (U+309B), dashes
  // and dots (U+30A0, U+30FB), modifier letters (U+30FC), and just outside
  // (U+9FA6, U+303F, U+3100, U+4DFF).
  Pool cjk_edges = make_pool({{0x4E00, 0x4E02}, {0x9FA4, 0x9FA7}, {0x303E, 0x3042}, {0x3096, 0x30A1},
                              {0x30FA, 0x3100}, {0x4DFE, 0x4DFF}, {0x3001, 0x3003}});
  Pool cjk = make_pool({{0x4E00, 0x4EFF}, {0x3041, 0x3096}, {0x30A1, 0x30FA}});
  // ASCII punctuation (regex 3's first class) and other P and S.
  Pool punct = make_pool({{0x21, 0x2F}, {0x3A, 0x40}, {0x5B, 0x60}, {0x7B, 0x7E}, {0xA1, 0xBF}, {0x2010, 0x2027},
                          {0x20A0, 0x20C0}, {0x2190, 0x21FF}, {0xFF01, 0xFF0F}, {0x1F600, 0x1F64F}});
  Pool others = make_pool({{0x00, 0x08}, {0x0E, 0x1F}, {0x7F, 0x9F}, {0xAD, 0xAD}, {0x200C, 0x200F},
                           {0xE000, 0xE003}, {0x378, 0x379}, {0xFFF0, 0xFFF8}});
};

// Random text for DeepSeek V3's chain: digit runs of every length, CJK runs
// across the range edges, punctuation and symbols followed by letters,
// combining marks, \r\n runs and whitespace runs, and characters in no
// class (gaps), each kind in runs.
inline std::string random_deepseek_text(std::mt19937_64& rng, const Pools& pools, const DeepseekPools& ds) {
  const auto pick = [&](const Pool& pool) -> const std::string& {
    return pool.items[std::uniform_int_distribution<std::size_t>(0, pool.items.size() - 1)(rng)];
  };
  const Pool* kinds[] = {&pools.digits, &ds.cjk_edges, &ds.cjk,         &ds.punct,     &pools.ascii_letters,
                         &pools.marks,  &pools.letters, &pools.spaces, &ds.others, &pools.ascii};
  constexpr int k_kinds = static_cast<int>(sizeof kinds / sizeof kinds[0]);
  static const std::vector<std::string> k_runs = {"\r\n", "\n\n", "\r", "\n", " \n", "\r\n\r\n", "  ", "\t ",
                                                  " ", "   \n  ", ".\n", "!?\r\n", "\xFF", "\xC3"};
  std::uniform_int_distribution<int> kind_of(0, k_kinds);
  const int lean_a = kind_of(rng);
  const int lean_b = kind_of(rng);
  const std::size_t length = std::uniform_int_distribution<std::size_t>(0, 40)(rng);
  std::string text;
  for (std::size_t i = 0; i < length; ++i) {
    const int kind = std::uniform_int_distribution<int>(0, 2)(rng) == 0 ? kind_of(rng) : (i % 3 == 0 ? lean_b : lean_a);
    const std::size_t repeat = std::uniform_int_distribution<std::size_t>(1, 4)(rng);
    for (std::size_t r = 0; r < repeat; ++r) {
      text += kind == k_kinds ? k_runs[std::uniform_int_distribution<std::size_t>(0, k_runs.size() - 1)(rng)]
                              : pick(*kinds[kind]);
    }
  }
  return text;
}

}  // namespace tokprof::test
