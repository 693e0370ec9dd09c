#include <doctest/doctest.h>

#include "test_paths.hpp"
#include "trace/reader.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::read_ok;
using tokprof::test::traces_dir;

namespace {

const std::string k_document = (traces_dir() / "otel" / "otlp-trace.json").string();
const std::string k_lines = (traces_dir() / "otel" / "file-exporter.jsonl").string();

}  // namespace

TEST_CASE("trace::otel") {
  ReadOptions options;
  options.task_attr = "eval.task";
  SUBCASE("GenAI spans read, others skipped and counted; task from the resource") {
    const auto all = read_ok(k_document, options);
    CHECK(all.format == Format::otel);
    REQUIRE(all.records.size() == 2);
    CHECK(all.skipped == 2);
    REQUIRE(all.warnings.size() == 1);
    CHECK(all.warnings[0].to_string() == k_document + ": skipped 2 spans that are not GenAI model calls");
    const TraceRecord& chat = all.records[0];
    CHECK(chat.model == "gpt-5-2025-08-07");
    CHECK(chat.sample_id == "chatcmpl-otel1");
    CHECK(chat.task == "wordmath");
    CHECK(chat.output_text == "84 + 9 = 93");
    CHECK(chat.usage.input == 1486);
    CHECK(chat.usage.cache_read == 1408);
    CHECK(chat.usage.output == 651);
    CHECK(chat.usage.reasoning == 512);
  }
  SUBCASE("deprecated usage names and the event form of the output") {
    const auto all = read_ok(k_document, options);
    const TraceRecord& claude = all.records.at(1);
    CHECK(claude.model == "claude-sonnet-4-6");
    CHECK(claude.sample_id == "eee19b7ec3c1b177");
    CHECK(claude.usage.input == 1290);
    CHECK(claude.usage.output == 210);
    CHECK(claude.usage.cache_write == 1024);
    CHECK(claude.output_text == "The answer is 41.");
    CHECK(claude.reasoning_text == "Twenty plus twenty-one is forty-one.");
  }
  SUBCASE("file exporter lines, intValue as a number, task from the span") {
    const auto all = read_ok(k_lines, options);
    REQUIRE(all.records.size() == 1);
    CHECK(all.records[0].model == "gemini-2.5-flash");
    CHECK(all.records[0].task == "capitals");
    CHECK(all.records[0].usage.output == 866);
    CHECK(all.records[0].where.line == 1);
  }
  SUBCASE("no --task-attr: no task") {
    CHECK(read_ok(k_lines).records.at(0).task.empty());
  }
}

namespace {

// An OTLP span calling `model` whose output token count is `output` (raw JSON).
std::string otel_span(const std::string& id, const std::string& model, const std::string& output) {
  return R"({"spanId":")" + id + R"(","name":"chat","attributes":[)"
         R"({"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},)"
         R"({"key":"gen_ai.request.model","value":{"stringValue":")" + model + R"("}},)"
         R"({"key":"gen_ai.usage.output_tokens","value":)" + output + "}]}";
}

// An OTLP document holding `spans`, one line when `multiline` is false.
std::string otel_document(const std::vector<std::string>& spans, bool multiline = false) {
  std::string joined;
  for (const auto& span : spans) {
    joined += (joined.empty() ? "" : multiline ? ",\n" : ",") + span;
  }
  return R"({"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"spans":[)" + joined + "]}]}]}";
}

}  // namespace

TEST_CASE("trace::otel a bad span is skippable (--keep-going)") {
  const std::string bad_count =
      R"(field "gen_ai.usage.output_tokens.intValue" is not a token count: "lots" (format otel))";
  SUBCASE("one document: the spans after a bad one are read") {
    const auto all = tokprof::test::read_skipping(tokprof::test::write_file(
        "bad-span.json", otel_document({otel_span("s1", "m", R"({"intValue":5})"),
                                        otel_span("s2", "m", R"({"intValue":"lots"})"),
                                        otel_span("s3", "m", R"({"intValue":7})")},
                                       true)));
    REQUIRE(all.records.size() == 2);
    CHECK(all.records[0].sample_id == "s1");
    CHECK(all.records[1].sample_id == "s3");
    CHECK(all.records[1].usage.output == 7);
    REQUIRE(all.errors.size() == 1);
    CHECK(all.errors[0] == "bad-span.json: span 2: " + bad_count);
  }
  SUBCASE("file exporter lines: the error names the line and the span") {
    const auto all = tokprof::test::read_skipping(tokprof::test::write_file(
        "bad-span.jsonl", otel_document({otel_span("s1", "m", R"({"intValue":5})")}) + "\n" +
                              otel_document({otel_span("s2", "m", R"({"intValue":6})"),
                                             otel_span("s3", "m", R"({"intValue":"lots"})")}) +
                              "\n" + otel_document({otel_span("s4", "m", R"({"intValue":8})")}) + "\n"));
    REQUIRE(all.records.size() == 3);
    CHECK(all.records[2].sample_id == "s4");
    CHECK(all.records[2].where.line == 3);
    REQUIRE(all.errors.size() == 1);
    CHECK(all.errors[0] == "bad-span.jsonl:2: span 2: " + bad_count);
  }
}
