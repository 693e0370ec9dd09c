#include <doctest/doctest.h>

#include "test_paths.hpp"
#include "trace/reader.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::read_ok;
using tokprof::test::traces_dir;
using tokprof::test::write_file;

TEST_CASE("trace::gemini") {
  SUBCASE("batch output: key, thoughts beside candidates, a failed request skipped") {
    const auto all = read_ok((traces_dir() / "gemini" / "batch-gemini-2.5-pro.jsonl").string());
    CHECK(all.format == Format::gemini);
    REQUIRE(all.records.size() == 3);
    CHECK(all.skipped == 1);
    const TraceRecord& first = all.records[0];
    CHECK(first.model == "gemini-2.5-pro");
    CHECK(first.sample_id == "wordmath-0001");
    CHECK(first.output_text == "84 + 9 = **93**");
    CHECK(first.reasoning_text.starts_with("**Computing the total**"));
    CHECK(first.usage.input == 212);
    CHECK(first.usage.output == 9 + 131);
    CHECK(first.usage.reasoning == 131);
    CHECK(all.records[2].usage.input == 1262);  // promptTokenCount already holds the cache
    CHECK(all.records[2].usage.cache_read == 1024);
    CHECK(all.records[2].usage.output == 7);
    REQUIRE(all.warnings.size() == 1);
    CHECK(all.warnings[0].message ==
          "skipped batch request \"wordmath-0003\": Deadline expired before operation could complete.");
  }
  SUBCASE("a plain generateContent response") {
    const auto all = read_ok((traces_dir() / "gemini" / "generate-content-gemini-2.5-flash.json").string());
    REQUIRE(all.records.size() == 1);
    CHECK(all.records[0].model == "gemini-2.5-flash");
    CHECK(all.records[0].sample_id == "nK8haL3qM5zA");
    CHECK(all.records[0].output_text == "Paris");
    CHECK(all.records[0].usage.output == 866);
  }
  SUBCASE("no usageMetadata: usage stays empty") {
    const auto all = read_ok(write_file(
        "g.jsonl", R"({"key":"k","response":{"candidates":[{"content":{"parts":[{"text":"hi"}]}}],"modelVersion":"m"}})"
                   "\n"));
    CHECK(all.records.at(0).usage.empty());
    CHECK(all.records.at(0).sample_id == "k");
  }
}
