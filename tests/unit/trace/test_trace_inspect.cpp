#include <doctest/doctest.h>

#include "base/file.hpp"
#include "test_paths.hpp"
#include "trace/eval_logs.hpp"
#include "trace/reader.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::read_error;
using tokprof::test::read_ok;
using tokprof::test::traces_dir;
using tokprof::test::write_file;

namespace {

std::string inspect_log(const std::string& name) {
  return (traces_dir() / "inspect" / name).string();
}

const std::string k_zstd = inspect_log("2025-09-14T09-30-00+00-00_gsm8k_o3.eval");
const std::string k_deflate = inspect_log("2024-12-29T10-00-00+00-00_gsm8k_claude.eval");
const std::string k_json = inspect_log("2025-03-20T08-00-00+00-00_arc-easy_gemini.json");

}  // namespace

TEST_CASE("trace::inspect .eval, current version (zstd)") {
  const auto all = read_ok(k_zstd);
  CHECK(all.format == Format::inspect);
  REQUIRE(all.records.size() == 4);
  const TraceRecord& first = all.records[0];
  CHECK(first.model == "openai/o3");
  CHECK(first.task == "gsm8k");
  CHECK(first.sample_id == "1");
  CHECK(first.epoch == 1);
  CHECK(first.output_text == "18");
  // The reasoning block held an attachment:// reference.
  CHECK(first.reasoning_text == "Janet has 16 eggs, eats 3 and bakes 4, so 9 are left; 9 times 2 dollars is 18.");
  CHECK(first.usage.input == 120 + 64);  // Inspect's input_tokens leaves cache reads out
  CHECK(first.usage.cache_read == 64);
  CHECK(first.usage.output == 300);
  CHECK(first.usage.reasoning == 280);
  CHECK(first.cost_usd == doctest::Approx(0.0031));
  CHECK(first.score == 1.0);
  CHECK(first.where.file == k_zstd + ":samples/1_epoch_1.json");
  SUBCASE("epochs are repeated samples") {
    CHECK(all.records[2].sample_id == "1");
    CHECK(all.records[2].epoch == 2);
    CHECK(all.records[3].output_text == "13");
    CHECK(all.records[3].score == 0.0);  // "I"
  }
  SUBCASE("several scorers: the first by default, the others listed once") {
    REQUIRE(all.warnings.size() == 1);
    CHECK(all.warnings[0].to_string() ==
          k_zstd + ":samples/1_epoch_1.json: several scorers; scoring with \"match\", not model_graded_fact (pick one "
                   "with --scorer)");
  }
  SUBCASE("--scorer picks another; P is 0.5") {
    ReadOptions options;
    options.scorer = "model_graded_fact";
    const auto picked = read_ok(k_zstd, options);
    CHECK(picked.warnings.empty());
    CHECK(picked.records[0].score == 1.0);
    CHECK(picked.records[1].score == 0.5);
  }
  SUBCASE("an unknown --scorer leaves scores missing, with one warning") {
    ReadOptions options;
    options.scorer = "f1";
    const auto picked = read_ok(k_zstd, options);
    CHECK_FALSE(picked.records[0].score);
    CHECK(picked.warnings.size() == 1);
  }
}

TEST_CASE("trace::inspect .eval, older version (deflate, output.usage only)") {
  const auto all = read_ok(k_deflate);
  REQUIRE(all.records.size() == 2);
  CHECK(all.records[0].model == "anthropic/claude-3-5-sonnet-20241022");
  CHECK(all.records[0].output_text == "The answer is 18.");
  CHECK(all.records[0].reasoning_text.empty());
  CHECK(all.records[0].usage.input == 90 + 1024);
  CHECK(all.records[0].usage.cache_write == 1024);
  CHECK(all.records[0].usage.output == 8);
  CHECK_FALSE(all.records[0].cost_usd);
  CHECK(all.records[1].usage.input == 80 + 1024);
  CHECK(all.records[1].usage.cache_read == 1024);
  CHECK(all.records[1].score == 0.0);
  CHECK(all.warnings.empty());
}

TEST_CASE("trace::inspect .json with a bare NaN and a sample without usage") {
  const auto all = read_ok(k_json);
  CHECK(all.format == Format::inspect);
  REQUIRE(all.records.size() == 3);
  CHECK(all.records[0].model == "google/gemini-2.5-flash");
  CHECK(all.records[0].task == "arc_easy");
  CHECK(all.records[0].sample_id == "Mercury_7175875");
  CHECK(all.records[0].score == 1.0);
  CHECK_FALSE(all.records[1].score);  // NaN
  REQUIRE(all.warnings.size() == 1);
  CHECK(all.warnings[0].to_string() == k_json + ": record 2: score \"choice\" is NaN; the sample has no score");
  CHECK(all.records[2].usage.empty());
  CHECK(all.records[2].score == 0.0);
}

TEST_CASE("trace::inspect score values and content blocks") {
  const auto log = [](const std::string& score, const std::string& content) {
    return R"({"version":2,"eval":{"task":"t","model":"m"},"samples":[{"id":"a","epoch":1,)"
           R"("output":{"model":"m-2025","choices":[{"message":{"role":"assistant","content":)" +
           content + R"(}}]},"scores":{"s":{"value":)" + score + "}}}]}";
  };
  const auto score_of = [&](const std::string& value) {
    return read_ok(write_file("s.json", log(value, "\"x\""))).records.at(0).score;
  };
  CHECK(score_of("\"C\"") == 1.0);
  CHECK(score_of("\"P\"") == 0.5);
  CHECK(score_of("\"N\"") == 0.0);
  CHECK(score_of("\"yes\"") == 1.0);
  CHECK(score_of("\"True\"") == 1.0);
  CHECK(score_of("\"no\"") == 0.0);
  CHECK(score_of("0.25") == 0.25);
  CHECK(score_of("true") == 1.0);
  CHECK(score_of("\"0.75\"") == 0.75);
  CHECK_FALSE(score_of("{\"a\":1}"));
  CHECK_FALSE(score_of("Infinity"));
  const auto blocks = read_ok(write_file(
      "b.json", log("1", R"([{"type":"reasoning","reasoning":"think","redacted":false},)"
                         R"({"type":"reasoning","reasoning":"ENCRYPTED","summary":"sum","redacted":true},)"
                         R"({"type":"text","text":"an"},{"type":"text","text":"swer"}])")));
  CHECK(blocks.records.at(0).output_text == "answer");
  CHECK(blocks.records.at(0).reasoning_text == "think\n\nsum");
  CHECK(blocks.records.at(0).usage.empty());
  SUBCASE("the model falls back to output.model") {
    const auto all = read_ok(write_file(
        "m.json", R"({"version":2,"eval":{"task":"t"},"samples":[{"id":1,"output":{"model":"m-2025","completion":"c"}}]})"));
    CHECK(all.records.at(0).model == "m-2025");
    CHECK(all.records.at(0).output_text == "c");
    CHECK(all.records.at(0).sample_id == "1");
  }
  SUBCASE("a log without eval.task is an error naming the file") {
    CHECK(read_error(write_file("e.json", R"({"version":2,"eval":{"model":"m"},"samples":[]})")) ==
          "e.json: missing field \"eval.task\" (format inspect)");
  }
  SUBCASE("--map over a file detected as Inspect is an error naming the file (fuzz_trace_jsonl)") {
    // The content picks the format here, whatever the name says, so the
    // error used to come out with no file to name.
    const auto archive = tokprof::read_file(k_deflate);
    REQUIRE(archive);
    const std::string path = write_file("looks-like.jsonl", *archive);
    auto mapping = parse_field_mapping("model=/run/model,output=/response/text");
    REQUIRE(mapping);
    CHECK(read_error(path, ReadOptions(Format::automatic, std::move(*mapping))) ==
          "looks-like.jsonl: --map cannot be laid over format inspect");
  }
}

TEST_CASE("trace::quote_nonfinite") {
  CHECK(quote_nonfinite(R"({"a":NaN,"b":"NaN x","c":[-Infinity,Infinity]})") ==
        R"({"a":"NaN","b":"NaN x","c":["-Infinity","Infinity"]})");
  CHECK(quote_nonfinite(R"({"a":"\"NaN"})") == R"({"a":"\"NaN"})");
}

TEST_CASE("trace::inspect a bad sample is skippable (--keep-going)") {
  SUBCASE(".json: the samples after a bad one are read") {
    const auto all = tokprof::test::read_skipping(write_file(
        "k.json", R"({"version":2,"eval":{"task":"t","model":"m"},"samples":[)"
                  R"({"id":"a","output":{"completion":"one"}},)"
                  R"({"output":{"completion":"no id"}},)"
                  R"({"id":"c","output":{"completion":"three"}}]})"));
    REQUIRE(all.records.size() == 2);
    CHECK(all.records[0].sample_id == "a");
    CHECK(all.records[1].sample_id == "c");
    REQUIRE(all.errors.size() == 1);
    CHECK(all.errors[0] == "k.json: record 2: missing field \"id\" (format inspect)");
  }
  SUBCASE(".eval: a corrupt sample entry is skipped, the other entries are read") {
    auto bytes = tokprof::read_file(k_deflate);
    REQUIRE(bytes);
    const std::size_t at = bytes->find("samples/1_epoch_1.json") + 30;  // inside its compressed data
    (*bytes)[at] = static_cast<char>((*bytes)[at] ^ 0x55);
    const auto all = tokprof::test::read_skipping(write_file("corrupt.eval", *bytes));
    REQUIRE(all.records.size() == 1);
    CHECK(all.records[0].where.file == "corrupt.eval:samples/2_epoch_1.json");
    REQUIRE(all.errors.size() == 1);
    CHECK(all.errors[0].starts_with("corrupt.eval: entry \"samples/1_epoch_1.json\": "));
  }
}
