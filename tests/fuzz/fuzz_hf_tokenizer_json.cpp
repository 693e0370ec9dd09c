// Fuzzes the Hugging Face tokenizer.json loader (hf_load.hpp) and, when a
// file loads, the tokenizer it builds.
//
// Invariants: no crash, no hang (deep nesting, huge vocabularies in a small
// file); an Error names the file; a loaded tokenizer gives as many ids from
// encode() as count() says, for a few probe texts and for the input itself,
// every id is inside the vocabulary, and decode() of them succeeds (or, for
// a decoder tokprof does not support, fails as ErrorKind::unsupported).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "fuzz_support.hpp"
#include "tokenizer/hf_load.hpp"
#include "tokenizer/tokenizer.hpp"

using namespace tokprof;

namespace {

void probe(const tokenizer::Tokenizer& tok, std::string_view text) {
  for (const auto specials : {tokenizer::Specials::as_text, tokenizer::Specials::recognise}) {
    const std::vector<tokenizer::Rank> ids = tok.encode(text, specials);
    tokprof::fuzz::check(ids.size() == tok.count(text, specials), "encode(x).size() != count(x)");
    for (const tokenizer::Rank id : ids) {
      tokprof::fuzz::check(id < tok.vocab_size(), "encode gave an id outside the vocabulary");
    }
    // A decoder tokprof does not support still loads (counting needs no
    // decoder) and makes every decode fail as unsupported, by design
    // (hf_model.hpp); any other failure is a bug.
    const auto decoded = tok.decode(ids);
    tokprof::fuzz::check(decoded.has_value() || decoded.error().kind == ErrorKind::unsupported,
                         "decode of encode's ids failed");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  auto model = tokenizer::hf::parse_tokenizer_json(json, "fuzz/tokenizer.json");
  if (!model) {
    tokprof::fuzz::check(model.error().file == "fuzz/tokenizer.json", "a tokenizer.json error does not name its file");
    return 0;
  }
  const tokenizer::Tokenizer tok("fuzz", *model);
  for (const std::string_view text : {std::string_view(""), std::string_view("hello world"),
                                      std::string_view("  a\n\nb 123 \xc3\xa9t\xc3\xa9 \xff"), json.substr(0, 256)}) {
    probe(tok, text);
  }
  return 0;
}
