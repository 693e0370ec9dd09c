#include <doctest/doctest.h>

#include "trace/reader.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::read_error;
using tokprof::test::read_ok;
using tokprof::test::write_file;

namespace {

const std::string k_chat =
    R"({"id":"chatcmpl-x1","object":"chat.completion","model":"gpt-5-2025-08-07",)"
    R"("choices":[{"index":0,"message":{"role":"assistant","content":"42"},"finish_reason":"stop"}],)"
    R"("usage":{"prompt_tokens":1486,"completion_tokens":651,"total_tokens":2137,)"
    R"("prompt_tokens_details":{"cached_tokens":1408},"completion_tokens_details":{"reasoning_tokens":512}}})";

}  // namespace

TEST_CASE("trace::openai chat completions") {
  SUBCASE("fields and usage: cached and reasoning tokens are parts, not additions") {
    const auto all = read_ok(write_file("chat.jsonl", k_chat + "\n"));
    CHECK(all.format == Format::openai);
    REQUIRE(all.records.size() == 1);
    const TraceRecord& record = all.records[0];
    CHECK(record.model == "gpt-5-2025-08-07");
    CHECK(record.sample_id == "chatcmpl-x1");
    CHECK(record.task.empty());
    CHECK(record.output_text == "42");
    CHECK(record.usage.input == 1486);
    CHECK(record.usage.cache_read == 1408);
    CHECK_FALSE(record.usage.cache_write);
    CHECK(record.usage.output == 651);
    CHECK(record.usage.reasoning == 512);
    CHECK_FALSE(record.score);
    CHECK(record.where.file == "chat.jsonl");
    CHECK(record.where.line == 1);
  }
  SUBCASE("no usage stays absent") {
    const auto all = read_ok(
        write_file("c.jsonl", R"({"object":"chat.completion","model":"m","choices":[{"message":{"content":"hi"}}]})"));
    CHECK(all.records.at(0).usage.empty());
    CHECK(all.records.at(0).sample_id.empty());
  }
  SUBCASE("refusal when content is null") {
    const auto all = read_ok(write_file(
        "c.jsonl",
        R"({"object":"chat.completion","model":"m","choices":[{"message":{"content":null,"refusal":"I can't."}}]})"));
    CHECK(all.records.at(0).output_text == "I can't.");
  }
  SUBCASE("content as an array of parts") {
    const auto all =
        read_ok(write_file("c.jsonl", R"({"model":"m","choices":[{"message":{"content":[{"type":"text","text":"a"},)"
                                      R"({"type":"text","text":"b"}]}}]})"));
    CHECK(all.records.at(0).output_text == "ab");
  }
  SUBCASE("DeepSeek reasoning_content and prompt_cache_hit_tokens") {
    const auto all = read_ok(write_file(
        "c.jsonl", R"({"model":"deepseek-reasoner","choices":[{"message":{"content":"18",)"
                   R"("reasoning_content":"16-3-4=9"}}],"usage":{"prompt_tokens":100,"completion_tokens":50,)"
                   R"("prompt_cache_hit_tokens":64,"prompt_cache_miss_tokens":36,)"
                   R"("completion_tokens_details":{"reasoning_tokens":40}}})"));
    const auto& record = all.records.at(0);
    CHECK(record.reasoning_text == "16-3-4=9");
    CHECK(record.usage.cache_read == 64);
    CHECK(record.usage.input == 100);
  }
  SUBCASE("OpenRouter reasoning, cache writes and cost") {
    const auto all = read_ok(write_file(
        "c.jsonl", R"({"model":"anthropic/claude-sonnet-4","choices":[{"message":{"content":"ok",)"
                   R"("reasoning":"thinking"}}],"usage":{"prompt_tokens":2000,"completion_tokens":10,)"
                   R"("prompt_tokens_details":{"cached_tokens":1500,"cache_write_tokens":300},"cost":0.0042}})"));
    const auto& record = all.records.at(0);
    CHECK(record.reasoning_text == "thinking");
    CHECK(record.usage.input == 2000);
    CHECK(record.usage.cache_read == 1500);
    CHECK(record.usage.cache_write == 300);
    CHECK(record.cost_usd == doctest::Approx(0.0042));
  }
  SUBCASE("several choices: the first is read, with a warning") {
    const auto all = read_ok(
        write_file("c.jsonl", R"({"model":"m","choices":[{"message":{"content":"a"}},{"message":{"content":"b"}}]})"));
    CHECK(all.records.at(0).output_text == "a");
    REQUIRE(all.warnings.size() == 1);
    CHECK(all.warnings[0].to_string() ==
          "c.jsonl:1: the response has several choices; tokprof reads the first (usage covers them all)");
  }
  SUBCASE("a pretty-printed single response (.json)") {
    const auto all = read_ok(write_file("response.json",
                                        "{\n  \"model\": \"gpt-4o\",\n  \"choices\": [\n"
                                        "    {\"message\": {\"content\": \"x\"}}\n  ]\n}\n"));
    REQUIRE(all.records.size() == 1);
    CHECK(all.records[0].where.line == 0);
  }
  SUBCASE("a JSON array of responses") {
    const auto all = read_ok(write_file("responses.json", "[" + k_chat + ",\n" + k_chat + "]"));
    CHECK(all.records.size() == 2);
  }
}

TEST_CASE("trace::openai errors") {
  SUBCASE("missing model") {
    write_file("e.jsonl", k_chat + "\n" + R"({"object":"chat.completion","choices":[]})" + "\n");
    CHECK(read_error("e.jsonl") == "e.jsonl:2: missing field \"model\" (format openai)");
  }
  SUBCASE("missing message") {
    write_file("e.jsonl", R"({"object":"chat.completion","model":"m","choices":[]})");
    CHECK(read_error("e.jsonl") == "e.jsonl:1: missing field \"choices[0].message\" (format openai)");
  }
  SUBCASE("a token count that is not a number") {
    write_file("e.jsonl", R"({"model":"m","choices":[{"message":{"content":"x"}}],"usage":{"prompt_tokens":"abc"}})");
    CHECK(read_error("e.jsonl") ==
          "e.jsonl:1: field \"usage.prompt_tokens\" is not a token count: \"abc\" (format openai)");
  }
  SUBCASE("a token count written as a string is accepted") {
    write_file("e.jsonl", R"({"model":"m","choices":[{"message":{"content":"x"}}],"usage":{"prompt_tokens":"12"}})");
    CHECK(read_ok("e.jsonl").records.at(0).usage.input == 12);
  }
  SUBCASE("a negative count") {
    write_file("e.jsonl", R"({"model":"m","choices":[{"message":{"content":"x"}}],"usage":{"completion_tokens":-1}})");
    CHECK(read_error("e.jsonl") ==
          "e.jsonl:1: field \"usage.completion_tokens\" is not a token count: -1 (format openai)");
  }
  SUBCASE("model of the wrong type") {
    write_file("e.jsonl", R"({"model":7,"choices":[{"message":{"content":"x"}}]})");
    CHECK(read_error("e.jsonl") == "e.jsonl:1: field \"model\" is not a string: 7 (format openai)");
  }
  SUBCASE("inside a JSON array the record number is given") {
    write_file("e.json", "[" + k_chat + R"(,{"choices":[{"message":{"content":"x"}}]}])");
    CHECK(read_error("e.json", ReadOptions{Format::openai}) ==
          "e.json: record 2: missing field \"model\" (format openai)");
  }
}

TEST_CASE("trace::openai batch output") {
  const std::string ok_line =
      R"({"id":"batch_req_1","custom_id":"gsm8k-0007","response":{"status_code":200,"request_id":"req_9",)"
      R"("body":{"object":"chat.completion","model":"gpt-4o-2024-08-06","choices":[{"message":)"
      R"({"role":"assistant","content":"18"}}],"usage":{"prompt_tokens":210,"completion_tokens":35,)"
      R"("total_tokens":245}}},"error":null})";
  SUBCASE("a succeeded line: custom_id is the sample id") {
    const auto all = read_ok(write_file("batch.jsonl", ok_line + "\n"));
    const auto& record = all.records.at(0);
    CHECK(all.format == Format::openai);
    CHECK(record.model == "gpt-4o-2024-08-06");
    CHECK(record.sample_id == "gsm8k-0007");
    CHECK(record.output_text == "18");
    CHECK(record.usage.input == 210);
    CHECK(record.usage.output == 35);
  }
  SUBCASE("failed requests are skipped, counted and warned about") {
    const std::string expired =
        R"({"id":"batch_req_2","custom_id":"gsm8k-0008","response":null,"error":{"code":"batch_expired",)"
        R"("message":"This request could not be executed before the completion window expired."}})";
    const std::string server_error =
        R"({"id":"batch_req_3","custom_id":"gsm8k-0009","response":{"status_code":500,"request_id":"r",)"
        R"("body":{"error":{"message":"The server had an error","type":"server_error"}}},"error":null})";
    const auto all = read_ok(write_file("batch.jsonl", expired + "\n" + ok_line + "\n" + server_error + "\n"));
    CHECK(all.records.size() == 1);
    CHECK(all.skipped == 2);
    REQUIRE(all.warnings.size() == 2);
    CHECK(all.warnings[0].to_string() ==
          "batch.jsonl:1: skipped batch request \"gsm8k-0008\": batch_expired: This request could not be executed "
          "before the completion window expired.");
    CHECK(all.warnings[1].to_string() ==
          "batch.jsonl:3: skipped batch request \"gsm8k-0009\": HTTP status 500: The server had an error");
  }
  SUBCASE("errors inside the body name the full path") {
    write_file("batch.jsonl", R"({"custom_id":"a","response":{"status_code":200,"body":{"choices":[]}}})");
    CHECK(read_error("batch.jsonl") == "batch.jsonl:1: missing field \"response.body.model\" (format openai)");
  }
  SUBCASE("a Responses API body") {
    const auto all = read_ok(write_file(
        "batch.jsonl", R"({"custom_id":"q1","response":{"status_code":200,"body":{"object":"response",)"
                       R"("model":"o3-2025-04-16","output":[{"type":"message","content":[{"type":"output_text",)"
                       R"("text":"Yes"}]}],"usage":{"input_tokens":5,"output_tokens":7}}},"error":null})"));
    CHECK(all.records.at(0).sample_id == "q1");
    CHECK(all.records.at(0).output_text == "Yes");
    CHECK(all.records.at(0).usage.output == 7);
  }
}

TEST_CASE("trace::openai responses API") {
  const std::string response =
      R"({"id":"resp_1","object":"response","model":"o3-2025-04-16","output":[)"
      R"({"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Checked parity."},)"
      R"({"type":"summary_text","text":"Both odd."}]},)"
      R"({"type":"message","role":"assistant","content":[{"type":"output_text","text":"Yes","annotations":[]}]}],)"
      R"("usage":{"input_tokens":125,"input_tokens_details":{"cached_tokens":98},"output_tokens":48,)"
      R"("output_tokens_details":{"reasoning_tokens":30},"total_tokens":173}})";
  SUBCASE("summaries, answer and usage") {
    const auto all = read_ok(write_file("r.jsonl", response));
    const auto& record = all.records.at(0);
    CHECK(all.format == Format::openai);
    CHECK(record.sample_id == "resp_1");
    CHECK(record.output_text == "Yes");
    CHECK(record.reasoning_text == "Checked parity.\n\nBoth odd.");
    CHECK(record.usage.input == 125);
    CHECK(record.usage.cache_read == 98);
    CHECK(record.usage.output == 48);
    CHECK(record.usage.reasoning == 30);
  }
  SUBCASE("raw reasoning text wins over the summary; cache writes") {
    const auto all = read_ok(write_file(
        "r.jsonl", R"({"object":"response","model":"gpt-oss-120b","output":[{"type":"reasoning",)"
                   R"("summary":[{"type":"summary_text","text":"short"}],"content":[{"type":"reasoning_text",)"
                   R"("text":"long raw"}]}],"output_text":"42","usage":{"input_tokens":9,)"
                   R"("input_tokens_details":{"cached_tokens":0,"cache_write_tokens":9},"output_tokens":3}})"));
    const auto& record = all.records.at(0);
    CHECK(record.reasoning_text == "long raw");
    CHECK(record.output_text == "42");
    CHECK(record.usage.cache_write == 9);
  }
}
