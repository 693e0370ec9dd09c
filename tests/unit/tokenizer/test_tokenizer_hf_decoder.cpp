// tokenizer.json decoders tokprof cannot run: the file still loads (counting
// needs no decoder) and decode() fails as unsupported, naming the decoder.
// The pattern-less Replace and the type-less decoder are findings of the
// fuzz_hf_tokenizer_json campaign (issue 6): the first read a default
// simdjson element (a null document), the second became a null step.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "base/error.hpp"
#include "tokenizer/hf_load.hpp"
#include "tokenizer/tokenizer.hpp"

using namespace tokprof;
using namespace tokprof::tokenizer;

namespace {

// A byte-fallback BPE whose decoder is `decoder` (a JSON object).
std::string tokenizer_json(const std::string& decoder) {
  return R"({"normalizer":null,"pre_tokenizer":null,"decoder":)" + decoder +
         R"(,"model":{"type":"BPE","byte_fallback":true,"unk_token":"<unk>",)"
         R"("vocab":{"<unk>":0,"a":1,"b":2,"ab":3},"merges":["a b"]}})";
}

}  // namespace

TEST_CASE("tokenizer::hf decoders tokprof cannot run") {
  SUBCASE("Replace without a pattern") {
    const auto model = hf::parse_tokenizer_json(tokenizer_json(R"({"type":"Replace","content":" "})"), "t.json");
    REQUIRE(model);
    const Tokenizer tok("t", *model);
    CHECK(tok.count("abab", Specials::as_text) == 2);
    const std::vector<Rank> ids = tok.encode("abab", Specials::as_text);
    const auto text = tok.decode(ids);
    REQUIRE_FALSE(text);
    CHECK(text.error().kind == ErrorKind::unsupported);
    CHECK(text.error().message == "cannot decode: decoder \"Replace without a pattern\" is not supported");
  }
  SUBCASE("the same decoder inside a Sequence") {
    const auto model = hf::parse_tokenizer_json(
        tokenizer_json(R"({"type":"Sequence","decoders":[{"type":"Fuse"},{"type":"Replace","pa[tern":{}}]})"),
        "t.json");
    REQUIRE(model);
    const Tokenizer tok("t", *model);
    const auto text = tok.decode(tok.encode("ab", Specials::as_text));
    REQUIRE_FALSE(text);
    CHECK(text.error().kind == ErrorKind::unsupported);
  }
  SUBCASE("a decoder without a type, alone or inside a Sequence (it was a null step)") {
    for (const std::string& decoder :
         {std::string(R"({"%type":"Fuse"})"), std::string(R"({"type":"Sequence","decoders":[{"%type":"Fuse"}]})")}) {
      const auto model = hf::parse_tokenizer_json(tokenizer_json(decoder), "t.json");
      REQUIRE(model);
      const Tokenizer tok("t", *model);
      const auto text = tok.decode(tok.encode("ab", Specials::as_text));
      REQUIRE_FALSE(text);
      CHECK(text.error().message == "cannot decode: decoder \"without a type\" is not supported");
    }
  }
  SUBCASE("Replace with a string pattern decodes") {
    const auto model = hf::parse_tokenizer_json(
        tokenizer_json(R"({"type":"Replace","pattern":{"String":"a"},"content":"x"})"), "t.json");
    REQUIRE(model);
    const Tokenizer tok("t", *model);
    const auto text = tok.decode(tok.encode("abab", Specials::as_text));
    REQUIRE(text);
    CHECK(*text == "xbxb");
  }
}

// Also a finding of fuzz_hf_tokenizer_json: tokens are stored by id, so one
// huge id in an 86-byte file asked for 71 GB.
TEST_CASE("tokenizer::hf a vocabulary id far past the vocabulary is refused") {
  const auto huge = hf::parse_tokenizer_json(
      R"({"model":{"type":"BPE","vocab":{"a":2222222220,"b":2},"merges":[["a","b"]]}})", "t.json");
  REQUIRE_FALSE(huge);
  CHECK(huge.error().file == "t.json");
  CHECK(huge.error().message.find("vocabulary id 2222222220 leaves more than 1048576 ids unused (2 entries)") !=
        std::string::npos);
  const auto sparse = hf::parse_tokenizer_json(
      R"({"model":{"type":"BPE","vocab":{"a":0,"b":1000},"merges":[]}})", "t.json");
  CHECK(sparse);
}

// A finding of fuzz_hf_tokenizer_json (run 6): two texts for one id, the
// later one empty ("o": 4, "": 4), left id 4 with the empty text that means
// "no such id", so decode failed on what encode had just given.
TEST_CASE("tokenizer::hf an id with two texts decodes to the first non-empty one") {
  for (const char* vocab : {R"({"h":0,"o":1,"":1})", R"({"h":0,"":1,"o":1})"}) {
    CAPTURE(vocab);
    const auto model = hf::parse_tokenizer_json(
        std::string(R"({"model":{"type":"BPE","vocab":)") + vocab + R"(,"merges":[]}})", "t.json");
    REQUIRE(model);
    const Tokenizer tok("t", *model);
    const auto ids = tok.encode("oh", Specials::as_text);
    CHECK(ids == std::vector<Rank>{1, 0});
    const auto text = tok.decode(ids);
    REQUIRE(text);
    CHECK(*text == "oh");
  }
}
