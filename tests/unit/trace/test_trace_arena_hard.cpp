#include <doctest/doctest.h>

#include "trace/reader.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::read_error;
using tokprof::test::read_ok;
using tokprof::test::write_file;

TEST_CASE("trace::arena_hard v0.1 answers") {
  const std::string both =
      R"({"question_id":"0122ab60","answer_id":"nd","model_id":"gpt-4-0314","choices":[{"index":0,"turns":)"
      R"([{"content":"To implement SCIM ...","token_len":953}]}],"tstamp":1711397284.1,)"
      R"("conv_metadata":{"token_len":953,"header_count":{"h1":0}}})";
  const std::string metadata_only =
      R"({"question_id":"0122ab61","answer_id":"Td","model_id":"o1-mini-2024-09-12","choices":[{"index":0,)"
      R"("turns":[{"content":"Implementing ..."}]}],"tstamp":1.0,"conv_metadata":{"token_len":2210}})";
  SUBCASE("token_len inside the turn") {
    const auto all = read_ok(write_file("a.jsonl", both + "\n"));
    CHECK(all.format == Format::arena_hard);
    const auto& record = all.records.at(0);
    CHECK(record.model == "gpt-4-0314");
    CHECK(record.sample_id == "0122ab60");
    CHECK(record.output_text == "To implement SCIM ...");
    CHECK(record.reference_output_tokens == 953);
    CHECK(record.reference_tokenizer == "cl100k_base");
    CHECK(record.usage.empty());
    CHECK(record.task == "arena-hard-v0.1");
  }
  SUBCASE("token_len only in conv_metadata (o1-mini)") {
    const auto all = read_ok(write_file("a.jsonl", metadata_only + "\n"));
    CHECK(all.records.at(0).reference_output_tokens == 2210);
  }
  SUBCASE("FastChat layout: integer ids, turns as strings, several turns") {
    const auto all = read_ok(
        write_file("mt.jsonl", R"({"question_id":81,"answer_id":"x","model_id":"vicuna-13b","choices":[{"index":0,)"
                               R"("turns":["first answer","second answer"]}],"tstamp":1.0})"));
    const auto& record = all.records.at(0);
    CHECK(record.sample_id == "81");
    CHECK(record.output_text == "first answer\n\nsecond answer");
    CHECK_FALSE(record.reference_output_tokens);
    CHECK(record.reference_tokenizer.empty());
  }
  SUBCASE("the task comes from an arena-hard directory above the file") {
    const auto all = read_ok(write_file("data/arena-hard-v0.1/model_answer/gpt-4-0314.jsonl", both));
    CHECK(all.records.at(0).task == "arena-hard-v0.1");
    const auto custom = read_ok(write_file("runs/Arena-Hard-Mine/answers/x.jsonl", both));
    CHECK(custom.records.at(0).task == "Arena-Hard-Mine");
  }
  SUBCASE("no turns") {
    write_file("a.jsonl", R"({"question_id":"q","model_id":"m","choices":[{"index":0,"turns":[]}]})");
    CHECK(read_error("a.jsonl") == "a.jsonl:1: missing field \"choices[0].turns[0]\" (format arena-hard)");
  }
  SUBCASE("missing question_id") {
    write_file("a.jsonl", R"({"model_id":"m","choices":[{"turns":[{"content":"x"}]}]})");
    CHECK(read_error("a.jsonl", ReadOptions{Format::arena_hard}) ==
          "a.jsonl:1: missing field \"question_id\" (format arena-hard)");
  }
}

TEST_CASE("trace::arena_hard v2.0 answers") {
  const std::string answer =
      R"({"uid": "0253f09025cc40cd", "ans_id": "dg", "model": "o3-mini-2025-01-31", "messages": [)"
      R"({"role": "user", "content": "A banking company ..."}, {"role": "assistant", "content": )"
      R"({"answer": "The correct answer is C."}}], "tstamp": 1744155079.14, "metadata": {"token_len": 179}})";
  SUBCASE("the last message's answer and metadata.token_len") {
    const auto all = read_ok(write_file("b.jsonl", answer + "\n"));
    CHECK(all.format == Format::arena_hard);
    const auto& record = all.records.at(0);
    CHECK(record.model == "o3-mini-2025-01-31");
    CHECK(record.sample_id == "0253f09025cc40cd");
    CHECK(record.output_text == "The correct answer is C.");
    CHECK(record.reference_output_tokens == 179);
    CHECK(record.reference_tokenizer == "o200k_base");
    CHECK(record.task == "arena-hard-v2.0");
  }
  SUBCASE("content as a plain string") {
    const auto all = read_ok(
        write_file("b.jsonl", R"({"uid":"u","model":"m","messages":[{"role":"assistant","content":"plain"}]})"));
    CHECK(all.records.at(0).output_text == "plain");
    CHECK_FALSE(all.records.at(0).reference_output_tokens);
  }
  SUBCASE("no answer") {
    write_file("b.jsonl", R"({"uid":"u","model":"m","messages":[{"role":"assistant","content":{}}]})");
    CHECK(read_error("b.jsonl") == "b.jsonl:1: missing field \"messages[-1].content.answer\" (format arena-hard)");
  }
}

TEST_CASE("trace::arena_hard question files are skipped") {
  const std::string questions =
      R"({"question_id":"q1","category":"arena-hard-v0.1","cluster":"c","turns":[{"content":"Write a tune."}]})"
      "\n"
      R"({"question_id":"q2","category":"arena-hard-v0.1","cluster":"c","turns":[{"content":"Sort this."}]})"
      "\n";
  const auto all = read_ok(write_file("arena-hard-v0.1/question.jsonl", questions));
  CHECK(all.format == Format::arena_hard);
  CHECK(all.records.empty());
  CHECK(all.skipped == 2);
  REQUIRE(all.warnings.size() == 1);
  CHECK(all.warnings[0].to_string() ==
        "arena-hard-v0.1/question.jsonl: skipped an Arena-Hard question file: it holds prompts, not model answers");
}

TEST_CASE("trace::arena_hard a record of another format") {
  write_file("c.jsonl", R"({"model":"m","text":"x"})");
  CHECK(read_error("c.jsonl", ReadOptions{Format::arena_hard}) ==
        "c.jsonl:1: missing field \"choices\" (v0.1) or \"messages\" (v2.0) (format arena-hard)");
}
