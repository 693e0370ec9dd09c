#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "tokenizer/load_tiktoken.hpp"
#include "tokenizer/piece_cache.hpp"
#include "tokenizer/tokenizer.hpp"

using namespace tokprof;
using namespace tokprof::tokenizer;

namespace {

// A .tiktoken file with every single byte (ranks 0..255) and `extra` lines.
std::string byte_vocabulary(const std::string& extra = "") {
  static constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (int byte = 0; byte < 256; ++byte) {
    // base64 of one byte: two symbols and "==".
    out += k_alphabet[byte >> 2];
    out += k_alphabet[(byte & 3) << 4];
    out += "== " + std::to_string(byte) + "\n";
  }
  return out + extra;
}

const Tokenizer& o200k() {
  static const Tokenizer tokenizer = Tokenizer::load("o200k_base").value();
  return tokenizer;
}

}  // namespace

TEST_CASE("tokenizer::parse_tiktoken") {
  SUBCASE("a well-formed file") {
    // "aGk=" is "hi".
    const auto table = parse_tiktoken(byte_vocabulary("aGk= 256\n"), "toy.tiktoken");
    REQUIRE(table);
    CHECK(table->ranks.size() == 257);
    CHECK(table->ranks.find("hi") == 256);
    std::string_view bytes;
    REQUIRE(table->bytes_of(256, bytes));
    CHECK(bytes == "hi");
  }
  SUBCASE("errors name the file and line") {
    CHECK(parse_tiktoken(byte_vocabulary("aGk 256\n"), "v.tiktoken").error().to_string() ==
          "v.tiktoken:257: invalid base64 token \"aGk\"");
    CHECK(parse_tiktoken(byte_vocabulary("aGk= x\n"), "v.tiktoken").error().to_string() ==
          "v.tiktoken:257: invalid rank \"x\"");
    CHECK(parse_tiktoken(byte_vocabulary("aGk= 12\n"), "v.tiktoken").error().to_string() ==
          "v.tiktoken:257: rank 12 appears twice");
    CHECK(parse_tiktoken(byte_vocabulary("AA== 300\n"), "v.tiktoken").error().to_string() ==
          "v.tiktoken:257: token \"AA==\" appears twice");
    CHECK(parse_tiktoken(byte_vocabulary("aGk=\n"), "v.tiktoken").error().to_string() ==
          "v.tiktoken:257: expected \"BASE64 RANK\"");
    CHECK(parse_tiktoken("", "v.tiktoken").error().to_string() == "v.tiktoken: empty vocabulary file");
  }
  SUBCASE("a truncated file is refused, not used") {
    const std::string full = byte_vocabulary();
    const std::size_t line_end = full.find('\n', full.size() / 2) + 1;
    const auto table = parse_tiktoken(full.substr(0, line_end), "cut.tiktoken");
    REQUIRE_FALSE(table);
    CHECK(table.error().message.find("lacks the single byte") != std::string::npos);
    const auto mid_line = parse_tiktoken(full.substr(0, line_end + 2), "cut.tiktoken");
    REQUIRE_FALSE(mid_line);
    const auto lines_before = std::count(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(line_end), '\n');
    CHECK(mid_line.error().line == lines_before + 1);
  }
}

TEST_CASE("tokenizer::Tokenizer::load") {
  CHECK(Tokenizer::load("o200k_base"));
  const auto unknown = Tokenizer::load("o300k_base");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message.starts_with("unknown tokenizer \"o300k_base\""));
  const auto missing = Tokenizer::load("/nonexistent/cl100k_base.tiktoken");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().to_string() == "/nonexistent/cl100k_base.tiktoken: cannot open: No such file or directory");
  const auto nameless = Tokenizer::load("/tmp/custom.tiktoken");
  REQUIRE_FALSE(nameless);
  CHECK(nameless.error().message.find("--like") != std::string::npos);
}

TEST_CASE("tokenizer::Tokenizer encodes known ids") {
  // Ids from tiktoken for "hello world" in each encoding.
  CHECK(o200k().encode("hello world") == std::vector<Rank>{24912, 2375});
  const auto cl100k = Tokenizer::load("cl100k_base").value();
  CHECK(cl100k.encode("hello world") == std::vector<Rank>{15339, 1917});
  const auto r50k = Tokenizer::load("r50k_base").value();
  CHECK(r50k.encode("hello world") == std::vector<Rank>{31373, 995});
  CHECK(o200k().encode("").empty());
  CHECK(o200k().count("") == 0);
}

TEST_CASE("tokenizer::Tokenizer special tokens") {
  const std::string text = "a<|endoftext|>b";
  SUBCASE("as text by default") {
    const auto ids = o200k().encode(text);
    CHECK(ids.size() > 3);
    CHECK(std::find(ids.begin(), ids.end(), Rank{199999}) == ids.end());
    CHECK(o200k().decode(ids).value() == text);
  }
  SUBCASE("recognised on request") {
    const auto ids = o200k().encode(text, Specials::recognise);
    CHECK(ids == std::vector<Rank>{64, 199999, 65});
    CHECK(o200k().count(text, Specials::recognise) == 3);
    CHECK(o200k().decode(ids).value() == text);
  }
  SUBCASE("o200k_harmony: id 200018 has two names") {
    // <|endofprompt|> and <|reserved_200018|> both encode to 200018. Which
    // name tiktoken decodes it to depends on hash-map order (its WASM build
    // says <|reserved_200018|>); tokprof documents and keeps o200k_base's own
    // name, so that decoding does not depend on chance.
    const auto harmony = Tokenizer::load("o200k_harmony").value();
    const Rank id = 200018;
    CHECK(harmony.decode(std::span(&id, 1)).value() == "<|endofprompt|>");
    CHECK(harmony.encode("<|reserved_200018|>", Specials::recognise) == std::vector<Rank>{200018});
    CHECK(harmony.encode("<|call|>", Specials::recognise) == std::vector<Rank>{200012});
    CHECK(harmony.vocab_size() == 201088);
  }
  SUBCASE("an unknown id is an error") {
    const Rank id = 250000;
    CHECK(o200k().decode(std::span(&id, 1)).error().message == "unknown token id 250000");
  }
}

TEST_CASE("tokenizer::Tokenizer takes any bytes") {
  for (const std::string& text : {std::string("\xFF"), std::string("ab\xC3"), std::string("\xED\xA0\x80 x"),
                                 std::string("caf\xC3\xA9\xFF\xFEz"), std::string("\x00\x01", 2)}) {
    const auto ids = o200k().encode(text);
    CHECK(ids.size() == o200k().count(text));
    CHECK(o200k().decode(ids).value() == text);
  }
}

TEST_CASE("tokenizer::Tokenizer property: count == encode().size() and decode round-trips") {
  // Strings drawn from a pool of code points across scripts and classes,
  // plus raw bytes, in every encoding.
  const std::vector<std::string> pool = {
      "a", "Z", " ", "  ", "\n", "\r\n", "\t", "'s", "'LL", "1", "234", "\xC3\xA9", "\xCC\x81", "\xE4\xB8\xAD",
      "\xED\x95\x9C", "\xD8\xB9", "\xE0\xA4\xB9", "\xF0\x9F\x98\x80", "\xE2\x80\x8D", "!", "//", "<|endoftext|>",
      "\xFF", "\x80", "\xE2\x80\xA8", "\xC2\xA0", "x"};
  std::mt19937 random(20261126);
  for (const auto& info : builtin_encodings()) {
    const auto tokenizer = Tokenizer::load(info.name).value();
    CAPTURE(info.name);
    for (int round = 0; round < 300; ++round) {
      std::string text;
      const int length = static_cast<int>(random() % 40);
      for (int i = 0; i < length; ++i) {
        text += pool[random() % pool.size()];
      }
      CAPTURE(text);
      const auto ids = tokenizer.encode(text);
      REQUIRE(ids.size() == tokenizer.count(text));
      REQUIRE(tokenizer.decode(ids).value() == text);
      const auto special_ids = tokenizer.encode(text, Specials::recognise);
      REQUIRE(special_ids.size() == tokenizer.count(text, Specials::recognise));
      REQUIRE(tokenizer.decode(special_ids).value() == text);
    }
  }
}

TEST_CASE("tokenizer::PieceCache recycles the caches of models a thread no longer uses") {
  // More models than a thread keeps caches for, used in turn: every cache
  // handed out is empty for a model it has not seen, and remembers what its
  // own model stored while that model stays among the recent ones.
  // Serials of models that will never exist, taken so no real model gets them.
  std::vector<std::uint64_t> serials(PieceCache::k_models_per_thread * 3);
  for (auto& serial : serials) {
    serial = PieceCache::new_model_serial();
  }
  for (std::size_t i = 0; i < serials.size(); ++i) {
    PieceCache& cache = PieceCache::for_model(serials[i]);
    CHECK(cache.find("piece", 12345) == -1);
    cache.store("piece", 12345, static_cast<std::uint32_t>(i));
    CHECK(PieceCache::for_model(serials[i]).find("piece", 12345) == static_cast<long>(i));
  }
  // The most recent model's memo survives; the oldest's was forgotten.
  CHECK(PieceCache::for_model(serials.back()).find("piece", 12345) == static_cast<long>(serials.size() - 1));
  CHECK(PieceCache::for_model(serials.front()).find("piece", 12345) == -1);
}
