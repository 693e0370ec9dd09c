#include <doctest/doctest.h>

#include "trace/reader.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::read_error;
using tokprof::test::read_ok;
using tokprof::test::write_file;

namespace {

const std::string k_message =
    R"({"id":"msg_1","type":"message","role":"assistant","model":"claude-opus-4-7","stop_reason":"end_turn",)"
    R"("content":[{"type":"thinking","thinking":"(summary) step one","signature":"sig"},)"
    R"({"type":"redacted_thinking","data":"EmwKAhgBEgy"},{"type":"thinking","thinking":"step two","signature":"s"},)"
    R"({"type":"text","text":"B"},{"type":"tool_use","id":"t","name":"f","input":{}},{"type":"text","text":"!"}],)"
    R"("usage":{"input_tokens":12,"cache_read_input_tokens":4000,"cache_creation_input_tokens":100,)"
    R"("output_tokens":3100,"output_tokens_details":{"thinking_tokens":3050},"service_tier":"batch"}})";

}  // namespace

TEST_CASE("trace::anthropic messages") {
  SUBCASE("blocks and usage: cache reads and writes are added back into the input") {
    const auto all = read_ok(write_file("m.jsonl", k_message + "\n"));
    CHECK(all.format == Format::anthropic);
    const auto& record = all.records.at(0);
    CHECK(record.model == "claude-opus-4-7");
    CHECK(record.sample_id == "msg_1");
    CHECK(record.output_text == "B!");
    CHECK(record.reasoning_text == "(summary) step one\n\nstep two");
    CHECK(record.usage.input == 4112);
    CHECK(record.usage.cache_read == 4000);
    CHECK(record.usage.cache_write == 100);
    CHECK(record.usage.output == 3100);
    CHECK(record.usage.reasoning == 3050);
  }
  SUBCASE("older usage without cache fields") {
    const auto all = read_ok(write_file(
        "m.json", R"({"type":"message","model":"claude-3-haiku-20240307","content":[{"type":"text","text":"hi"}],)"
                  R"("usage":{"input_tokens":20,"output_tokens":5}})"));
    const auto& usage = all.records.at(0).usage;
    CHECK(usage.input == 20);
    CHECK_FALSE(usage.cache_read);
    CHECK_FALSE(usage.reasoning);
  }
  SUBCASE("cache writes given only as the 5m/1h breakdown") {
    const auto all = read_ok(write_file(
        "m.json", R"({"type":"message","model":"m","content":[],"usage":{"input_tokens":1,"output_tokens":1,)"
                  R"("cache_creation":{"ephemeral_5m_input_tokens":30,"ephemeral_1h_input_tokens":70}}})"));
    CHECK(all.records.at(0).usage.cache_write == 100);
    CHECK(all.records.at(0).usage.input == 101);
  }
  SUBCASE("missing content") {
    write_file("m.jsonl", R"({"type":"message","model":"m"})");
    CHECK(read_error("m.jsonl") == "m.jsonl:1: missing field \"content\" (format anthropic)");
  }
  SUBCASE("a text block without text") {
    write_file("m.jsonl", R"({"type":"message","model":"m","content":[{"type":"text"}]})");
    CHECK(read_error("m.jsonl") == "m.jsonl:1: missing field \"content[0].text\" (format anthropic)");
  }
}

TEST_CASE("trace::anthropic message batches") {
  const std::string succeeded = R"({"custom_id":"hle-0042","result":{"type":"succeeded","message":)" + k_message + "}}";
  SUBCASE("succeeded: custom_id is the sample id") {
    const auto all = read_ok(write_file("results.jsonl", succeeded + "\n"));
    CHECK(all.format == Format::anthropic);
    CHECK(all.records.at(0).sample_id == "hle-0042");
    CHECK(all.records.at(0).usage.input == 4112);
  }
  SUBCASE("errored, canceled and expired results are skipped with warnings") {
    const std::string text = R"({"custom_id":"a","result":{"type":"errored","error":{"type":"error","error":)"
                             R"({"type":"invalid_request_error","message":"max_tokens: too large"}}}})"
                             "\n"
                             R"({"custom_id":"b","result":{"type":"canceled"}})"
                             "\n" +
                             succeeded + "\n" + R"({"custom_id":"c","result":{"type":"expired"}})" + "\n";
    const auto all = read_ok(write_file("results.jsonl", text));
    CHECK(all.records.size() == 1);
    CHECK(all.skipped == 3);
    REQUIRE(all.warnings.size() == 3);
    CHECK(all.warnings[0].to_string() ==
          "results.jsonl:1: skipped batch request \"a\": errored (invalid_request_error: max_tokens: too large)");
    CHECK(all.warnings[1].to_string() == "results.jsonl:2: skipped batch request \"b\": canceled");
    CHECK(all.warnings[2].to_string() == "results.jsonl:4: skipped batch request \"c\": expired");
  }
  SUBCASE("an unknown result type is an error") {
    write_file("results.jsonl", R"({"custom_id":"a","result":{"type":"pending"}})");
    CHECK(read_error("results.jsonl") ==
          "results.jsonl:1: field \"result.type\" is not succeeded, errored, canceled or expired: \"pending\" "
          "(format anthropic)");
  }
  SUBCASE("succeeded without a message") {
    write_file("results.jsonl", R"({"custom_id":"a","result":{"type":"succeeded"}})");
    CHECK(read_error("results.jsonl") == "results.jsonl:1: missing field \"result.message\" (format anthropic)");
  }
}
