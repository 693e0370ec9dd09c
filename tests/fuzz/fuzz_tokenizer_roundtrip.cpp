// Fuzzes the built-in tokenizers and their splitters on arbitrary bytes.
//
// Invariants, for o200k_base and cl100k_base, with special tokens read as
// text and recognised:
// - encode(x).size() == count(x)          (count walks the same path);
// - decode(encode(x)) == x                 (nothing lost, invalid UTF-8 too);
// - the hand-written splitter gives exactly the PCRE2 splitter's pieces, for
//   the o200k, cl100k and r50k patterns, on texts where PCRE2 (Unicode 14)
//   and the splitters' tables (Unicode 16, the reference's) classify every
//   code point alike (elsewhere the reference, not PCRE2, is right; the
//   golden files check that).

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "random_text.hpp"
#include "tokenizer/encodings.hpp"
#include "tokenizer/pretokenize.hpp"
#include "tokenizer/tokenizer.hpp"

using namespace tokprof;
using namespace tokprof::tokenizer;

namespace {

struct SplitterPair {
  std::unique_ptr<Splitter> fast;
  std::unique_ptr<Splitter> pcre2;
};

std::vector<SplitterPair> make_splitter_pairs() {
  std::vector<SplitterPair> out;
  for (const std::string_view name : {"o200k_base", "cl100k_base", "r50k_base"}) {
    const auto spec = find_encoding(name);
    tokprof::fuzz::check(spec.has_value(), "a built-in encoding is missing");
    auto pcre2 = make_pcre2_splitter(spec->pattern);
    tokprof::fuzz::check(pcre2.has_value(), "a built-in pattern does not compile with PCRE2");
    out.push_back({make_builtin_splitter(spec->pattern), std::move(*pcre2)});
    tokprof::fuzz::check(out.back().fast != nullptr, "a built-in pattern has no hand-written splitter");
  }
  return out;
}

// random_text.hpp's pcre2_agrees, cached: a fuzzing run meets the same code
// points again and again, and each answer costs a PCRE2 match per class.
bool pcre2_agrees_cached(char32_t cp) {
  static std::map<char32_t, bool> cache;
  if (const auto found = cache.find(cp); found != cache.end()) {
    return found->second;
  }
  return cache[cp] = tokprof::test::pcre2_agrees(cp);
}

// Returns true when every valid UTF-8 sequence in `text` is a code point
// PCRE2 and the table agree on (invalid bytes are class-less for both).
bool comparable(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80 ? 1 : byte >= 0xF0 && byte <= 0xF4 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0;
    if (length == 0 || i + length > text.size()) {
      ++i;
      continue;
    }
    char32_t cp = length == 1 ? byte : byte & (0x7F >> length);
    bool valid = true;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      valid = valid && (next & 0xC0) == 0x80;
      cp = (cp << 6) | (next & 0x3F);
    }
    const char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    valid = valid && cp >= smallest[length] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    if (!valid) {
      ++i;
      continue;
    }
    if (!pcre2_agrees_cached(cp)) {
      return false;
    }
    i += length;
  }
  return true;
}

void check_tokenizer(const Tokenizer& tok, std::string_view text) {
  for (const auto specials : {Specials::as_text, Specials::recognise}) {
    const std::vector<Rank> ids = tok.encode(text, specials);
    tokprof::fuzz::check(ids.size() == tok.count(text, specials), "encode(x).size() != count(x)");
    const auto decoded = tok.decode(ids);
    tokprof::fuzz::check(decoded.has_value() && *decoded == text, "decode(encode(x)) != x");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Tokenizer o200k = Tokenizer::load("o200k_base").value();
  static const Tokenizer cl100k = Tokenizer::load("cl100k_base").value();
  static const std::vector<SplitterPair> splitters = make_splitter_pairs();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_tokenizer(o200k, text);
  check_tokenizer(cl100k, text);
  if (comparable(text)) {
    std::vector<std::string_view> fast;
    std::vector<std::string_view> reference;
    for (const SplitterPair& pair : splitters) {
      pair.fast->split(text, fast);
      pair.pcre2->split(text, reference);
      tokprof::fuzz::check(fast == reference, "the hand-written splitter and PCRE2 split differently");
    }
  }
  return 0;
}
