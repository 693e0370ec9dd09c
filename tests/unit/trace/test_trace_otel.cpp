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
