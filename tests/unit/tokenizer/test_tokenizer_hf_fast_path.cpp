// The fast paths of tokenizer.json models (profiler/tokenizer/hf_load.hpp)
// against the general code they stand in for: the hand-written splitter in
// place of Split + ByteLevel, the heap-free merge of short words, the
// per-thread count cache, and normalization that skips ASCII. Each must give
// the same ids and counts as the general path on every text: the golden
// inputs, random text across every character class (random_text.hpp), and
// long texts that reach the heap merge and the count batches.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/file.hpp"
#include "random_text.hpp"
#include "test_paths.hpp"
#include "tokenizer/hf_load.hpp"
#include "tokenizer/hf_model.hpp"
#include "tokenizer/hf_unicode.hpp"
#include "tokenizer/tokenizer.hpp"

using namespace tokprof;
using namespace tokprof::tokenizer;

namespace {

std::vector<std::string> golden_texts() {
  std::vector<std::string> texts;
  std::ifstream in(test::golden_dir() / "tokenizer" / "inputs.jsonl");
  for (std::string line; std::getline(in, line);) {
    const auto json = nlohmann::json::parse(line);
    if (json.contains("text")) {
      texts.push_back(json["text"].get<std::string>());
    }
  }
  return texts;
}

std::vector<std::string> random_texts(std::size_t count, std::uint64_t seed) {
  static const test::Pools pools;
  static const test::DeepseekPools deepseek;
  std::mt19937_64 rng(seed);
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < count; ++i) {
    texts.push_back(test::random_text(rng, pools));
    // What DeepSeek V3's split chain tells apart: digits, the CJK ranges'
    // edges, punctuation before letters, marks, line and space runs.
    texts.push_back(test::random_deepseek_text(rng, pools, deepseek));
  }
  // Long texts: words longer than the short-word merge takes, and more
  // pieces than one count batch.
  std::string long_text;
  for (std::size_t i = 0; i < 3000; ++i) {
    long_text += test::random_text(rng, pools);
    long_text += i % 7 == 0 ? std::string(40, 'x') : std::string("\xE4\xB8\x80\xE4\xB8\x81\xE4\xB8\x82");
  }
  texts.push_back(long_text);
  long_text.clear();
  for (std::size_t i = 0; i < 3000; ++i) {
    long_text += test::random_deepseek_text(rng, pools, deepseek);
  }
  texts.push_back(long_text);
  return texts;
}

std::vector<Rank> encode(const Model& model, std::string_view text, Specials specials) {
  std::vector<Rank> ids;
  model.encode(text, specials, ids);
  return ids;
}

void check_same(const Model& fast, const Model& general, const std::vector<std::string>& texts,
                const std::string& name) {
  std::size_t failures = 0;
  for (std::size_t i = 0; i < texts.size() && failures < 5; ++i) {
    for (const Specials specials : {Specials::as_text, Specials::recognise}) {
      const auto expected = encode(general, texts[i], specials);
      const auto actual = encode(fast, texts[i], specials);
      // Counted twice: the second time from the warm cache.
      const std::size_t first_count = fast.count(texts[i], specials);
      const std::size_t second_count = fast.count(texts[i], specials);
      if (actual != expected || first_count != expected.size() || second_count != expected.size()) {
        ++failures;
        FAIL_CHECK(name << " text " << i << " (" << texts[i].size() << " bytes): fast path gives " << actual.size()
                        << " ids, counts " << first_count << " and " << second_count << "; general path "
                        << expected.size() << " ids");
      }
    }
  }
}

}  // namespace

TEST_CASE("hf::normalize skips ASCII and equals one utf8proc pass") {
  // ASCII, combining marks that compose with the ASCII letter before them,
  // precomposed letters, Hangul jamo that compose with each other,
  // compatibility characters (NFKC), and one that decomposes into two marks.
  const std::vector<std::string> parts = {
      "a", "e", "Z", " ", "\n", "1", "\xCC\x81", "\xCC\x88", "\xCC\xA3", "\xC3\xA9", "\xE1\x84\x80", "\xE1\x85\xA1",
      "\xE1\x86\xA8", "\xEF\xAC\x81", "\xEF\xBC\xA1", "\xE2\x91\xA0", "\xCD\x84", "\xE2\x84\xAB", "\xEA\xB0\x80"};
  std::mt19937_64 rng(7);
  std::size_t changed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const std::size_t length = std::uniform_int_distribution<std::size_t>(0, 12)(rng);
    for (std::size_t j = 0; j < length; ++j) {
      text += parts[std::uniform_int_distribution<std::size_t>(0, parts.size() - 1)(rng)];
    }
    for (const auto form : {hf::NormalForm::nfc, hf::NormalForm::nfd, hf::NormalForm::nfkc, hf::NormalForm::nfkd}) {
      const std::string expected = hf::normalize_whole(text, form);
      REQUIRE_MESSAGE(hf::normalize(text, form) == expected, "text #" << i);
      changed += expected != text ? 1 : 0;
    }
  }
  CHECK(changed > 10000);  // the cases do exercise normalization
  CHECK(hf::normalize("plain ASCII", hf::NormalForm::nfkc) == "plain ASCII");
  CHECK(hf::normalize("cafe\xCC\x81 au lait", hf::NormalForm::nfc) == "caf\xC3\xA9 au lait");
}

TEST_CASE("hf fast paths give the general path's ids and counts") {
  // The first three split with a tiktoken-family pattern, deepseek_v3 with
  // its chain of three (hand-written splitters); the others exercise the
  // cache and the merge only.
  const std::set<std::string> hand_split = {"llama3", "qwen3", "gptoss", "deepseek_v3"};
  const std::vector<std::string> names = {"llama3", "qwen3", "gptoss", "deepseek_v3", "gemma3", "llama2"};
  std::vector<std::string> texts = golden_texts();
  REQUIRE(texts.size() > 50);
  const auto random = random_texts(1000, 11);
  texts.insert(texts.end(), random.begin(), random.end());
  std::size_t tested = 0;
  for (const std::string& name : names) {
    const auto path = std::filesystem::path(default_tokenizer_dir()) / name / "tokenizer.json";
    if (!std::filesystem::exists(path)) {
      MESSAGE("skipped " << name << ": " << path.string() << " is not installed; run scripts/fetch-tokenizers "
                         << name);
      continue;
    }
    CAPTURE(name);
    const std::string json = read_file(path.string()).value();
    const auto fast = hf::parse_tokenizer_json(json, path.string()).value();
    const auto general = hf::parse_tokenizer_json(json, path.string(), {.fast_paths = false}).value();
    CHECK(hf::uses_hand_splitter(*fast) == hand_split.contains(name));
    CHECK_FALSE(hf::uses_hand_splitter(*general));
    check_same(*fast, *general, texts, name);
    ++tested;
  }
  MESSAGE(tested << " of " << names.size() << " tokenizers installed and compared");
}

TEST_CASE("hf hand splitter for DeepSeek V3's chain only when the chain is exactly its own") {
  const auto path = std::filesystem::path(default_tokenizer_dir()) / "deepseek_v3" / "tokenizer.json";
  if (!std::filesystem::exists(path)) {
    MESSAGE("skipped: deepseek_v3 is not installed; run scripts/fetch-tokenizers deepseek_v3");
    return;
  }
  // DeepSeek V3's pre_tokenizer over a one-token model (the model plays no
  // part in the choice).
  const auto original = nlohmann::json::parse(read_file(path.string()).value())["pre_tokenizer"];
  const auto uses_hand = [](const nlohmann::json& pre_tokenizer) {
    const nlohmann::json json = {
        {"pre_tokenizer", pre_tokenizer},
        {"model", {{"type", "BPE"}, {"vocab", {{"a", 0}}}, {"merges", nlohmann::json::array()}}}};
    return hf::uses_hand_splitter(*hf::parse_tokenizer_json(json.dump(), "test").value());
  };
  CHECK(uses_hand(original));
  const auto changed = [&](auto change) {
    nlohmann::json copy = original;
    change(copy["pretokenizers"]);
    return uses_hand(copy);
  };
  CHECK_FALSE(changed([](nlohmann::json& steps) { steps[1]["invert"] = true; }));
  CHECK_FALSE(changed([](nlohmann::json& steps) { steps[1].erase("invert"); }));
  CHECK_FALSE(changed([](nlohmann::json& steps) { steps[2]["behavior"] = "Removed"; }));
  CHECK_FALSE(changed([](nlohmann::json& steps) { steps.erase(steps.begin()); }));
  CHECK_FALSE(changed([](nlohmann::json& steps) { std::swap(steps[0], steps[1]); }));
  CHECK_FALSE(changed([](nlohmann::json& steps) { steps[0]["pattern"]["Regex"] = "\\p{N}{1,2}"; }));
  CHECK_FALSE(changed([](nlohmann::json& steps) { steps[0]["pattern"] = {{"String", "\\p{N}{1,3}"}}; }));
  CHECK_FALSE(changed([](nlohmann::json& steps) {
    steps[2]["pattern"]["Regex"] = steps[2]["pattern"]["Regex"].get<std::string>() + "|x";
  }));
  CHECK_FALSE(changed([](nlohmann::json& steps) { steps[3]["use_regex"] = true; }));
  CHECK_FALSE(changed([](nlohmann::json& steps) { steps[3].erase("add_prefix_space"); }));
  CHECK_FALSE(changed([](nlohmann::json& steps) { steps.insert(steps.begin() + 3, steps[0]); }));
}
