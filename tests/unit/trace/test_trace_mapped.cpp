#include <doctest/doctest.h>

#include "trace/reader.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::read_error;
using tokprof::test::read_ok;
using tokprof::test::write_file;

namespace {

ReadOptions mapped(std::string_view spec, Format format = Format::automatic) {
  auto mapping = parse_field_mapping(spec);
  REQUIRE(mapping);
  return ReadOptions{format, std::move(*mapping)};
}

const std::string k_alpaca =
    R"([{"dataset":"helpful_base","instruction":"What are the names of some famous actors?",)"
    R"("output":"Some famous actors are ...","generator":"gpt4_1106_preview","preference":1.0},)"
    R"({"dataset":"oasst","instruction":"How do I sort a list?","output":"Use sorted().",)"
    R"("generator":"gpt4_1106_preview","preference":"0.7"}])";

const std::string k_spec = "model=/generator,output=/output,id=/instruction,score=/preference,task=/dataset";

}  // namespace

TEST_CASE("trace::mapped records") {
  SUBCASE("the example of the issue, on a JSON array") {
    const auto all = read_ok(write_file("alpaca.json", k_alpaca), mapped(k_spec));
    CHECK(all.format == Format::mapped);
    REQUIRE(all.records.size() == 2);
    CHECK(all.records[0].model == "gpt4_1106_preview");
    CHECK(all.records[0].task == "helpful_base");
    CHECK(all.records[0].sample_id == "What are the names of some famous actors?");
    CHECK(all.records[0].output_text == "Some famous actors are ...");
    CHECK(all.records[0].score == 1.0);
    CHECK(all.records[1].score == doctest::Approx(0.7));  // a numeric string is accepted
  }
  SUBCASE("constants and JSONL") {
    const auto all = read_ok(write_file("o.jsonl", R"({"q":1,"a":"x"})"
                                                   "\n"
                                                   R"({"q":2,"a":"y"})"
                                                   "\n"),
                             mapped("model==gpt-4o,task==demo,id=/q,output=/a,score==1"));
    REQUIRE(all.records.size() == 2);
    CHECK(all.records[1].model == "gpt-4o");
    CHECK(all.records[1].task == "demo");
    CHECK(all.records[1].sample_id == "2");
    CHECK(all.records[1].score == 1.0);
    CHECK(all.records[1].where.line == 2);
  }
  SUBCASE("booleans are scores; absent fields stay absent") {
    const auto all = read_ok(write_file("o.jsonl", R"({"m":"a","ok":true})"
                                                   "\n"
                                                   R"({"m":"a","ok":null})"
                                                   "\n"),
                             mapped("model=/m,score=/ok"));
    CHECK(all.records[0].score == 1.0);
    CHECK_FALSE(all.records[1].score);
  }
  SUBCASE("negative indexes, nested pointers and escapes") {
    const auto all =
        read_ok(write_file("o.jsonl", R"({"run":{"model":"m"},"msgs":[{"c":"q"},{"c":"answer"}],"a/b":{"~k":"T"}})"),
                mapped("model=/run/model,output=/msgs/-1/c,task=/a~1b/~0k"));
    CHECK(all.records.at(0).output_text == "answer");
    CHECK(all.records.at(0).task == "T");
  }
  SUBCASE("a usage object is normalised by its shape; single counts win") {
    const auto all =
        read_ok(write_file("o.jsonl", R"({"m":"claude","u":{"input_tokens":10,"cache_read_input_tokens":90,)"
                                      R"("output_tokens":7},"n":5})"),
                mapped("model=/m,usage=/u,reasoning_tokens=/n"));
    const auto& usage = all.records.at(0).usage;
    CHECK(usage.input == 100);
    CHECK(usage.cache_read == 90);
    CHECK(usage.output == 7);
    CHECK(usage.reasoning == 5);
  }
  SUBCASE("Gemini and Inspect usage shapes") {
    const auto all = read_ok(
        write_file("o.jsonl",
                   R"({"m":"gemini-2.5-pro","u":{"promptTokenCount":758,"cachedContentTokenCount":0,)"
                   R"("candidatesTokenCount":102,"thoughtsTokenCount":865,"totalTokenCount":1725}})"
                   "\n"
                   R"({"m":"openai/o3","u":{"input_tokens":180,"output_tokens":1320,"input_tokens_cache_read":20,)"
                   R"("reasoning_tokens":1280}})"),
        mapped("model=/m,usage=/u"));
    CHECK(all.records[0].usage.output == 967);
    CHECK(all.records[0].usage.reasoning == 865);
    CHECK(all.records[0].usage.input == 758);
    CHECK(all.records[1].usage.input == 200);
    CHECK(all.records[1].usage.reasoning == 1280);
  }
  SUBCASE("records inside a document") {
    const auto all = read_ok(write_file("doc.json", R"({"version":2,"samples":[{"m":"a"},{"m":"b"}]})"),
                             mapped("model=/m,records=/samples"));
    REQUIRE(all.records.size() == 2);
    CHECK(all.records[1].model == "b");
  }
  SUBCASE("every count field and the epoch") {
    const auto all =
        read_ok(write_file("o.jsonl", R"({"m":"a","e":2,"i":10,"o":5,"r":3,"cr":4,"cw":1,"t":6,"c":0.01,"th":"hm"})"),
                mapped("model=/m,epoch=/e,input_tokens=/i,output_tokens=/o,reasoning_tokens=/r,cache_read_tokens=/cr,"
                       "cache_write_tokens=/cw,reference_tokens=/t,cost=/c,reasoning=/th"));
    const auto& record = all.records.at(0);
    CHECK(record.epoch == 2);
    CHECK(record.usage.input == 10);
    CHECK(record.usage.output == 5);
    CHECK(record.usage.reasoning == 3);
    CHECK(record.usage.cache_read == 4);
    CHECK(record.usage.cache_write == 1);
    CHECK(record.reference_output_tokens == 6);
    CHECK(record.cost_usd == doctest::Approx(0.01));
    CHECK(record.reasoning_text == "hm");
  }
}

TEST_CASE("trace::mapped errors") {
  SUBCASE("a pointer that matches no record names the field and the pointer") {
    write_file("alpaca.json", k_alpaca);
    CHECK(read_error("alpaca.json", mapped("model=/generator,score=/preferences")) ==
          "alpaca.json: mapping field \"score\": pointer /preferences matched no record (format mapped)");
  }
  SUBCASE("a record without the model") {
    write_file("o.jsonl", R"({"m":"a"})"
                          "\n"
                          R"({"x":"b"})"
                          "\n");
    CHECK(read_error("o.jsonl", mapped("model=/m")) ==
          "o.jsonl:2: missing field \"model\" (format mapped, pointer /m)");
  }
  SUBCASE("a score that is not a number") {
    write_file("o.jsonl", R"({"m":"a","s":"high"})");
    CHECK(read_error("o.jsonl", mapped("model=/m,score=/s")) ==
          "o.jsonl:1: field \"score\" is not a number: \"high\" (format mapped, pointer /s)");
  }
  SUBCASE("an output that is not a string") {
    write_file("o.jsonl", R"({"m":"a","o":["x"]})");
    CHECK(read_error("o.jsonl", mapped("model=/m,output=/o")) ==
          "o.jsonl:1: field \"output\" is not a string: an array (format mapped, pointer /o)");
  }
  SUBCASE("a usage pointer to a number") {
    write_file("o.jsonl", R"({"m":"a","u":3})");
    CHECK(read_error("o.jsonl", mapped("model=/m,usage=/u")) ==
          "o.jsonl:1: field \"usage\" is not an object (format mapped, pointer /u)");
  }
  SUBCASE("format mapped needs a mapping that names the model") {
    write_file("o.jsonl", R"({"m":"a"})");
    CHECK(read_error("o.jsonl", ReadOptions{Format::mapped}) ==
          "o.jsonl: format mapped needs a field mapping (--map)");
    CHECK(read_error("o.jsonl", mapped("output=/m", Format::mapped)) ==
          "o.jsonl: the field mapping must name the model (model=/pointer, or model==name for a constant)");
  }
  SUBCASE("a count constant that is not whole") {
    write_file("o.jsonl", R"({"m":"a"})");
    CHECK(read_error("o.jsonl", mapped("model=/m,output_tokens==1.5")) ==
          "o.jsonl: mapping field \"output_tokens\": constant \"1.5\" is not a token count");
  }
  SUBCASE("a records pointer that leads nowhere") {
    write_file("doc.json", R"({"samples":[]})");
    CHECK(read_error("doc.json", mapped("model=/m,records=/rows")) ==
          "doc.json: records pointer /rows does not lead to an array or object");
  }
}

TEST_CASE("trace::mapped overlay on a vendor format") {
  const std::string batch =
      R"({"custom_id":"gsm8k-0007","response":{"status_code":200,"body":{"model":"gpt-4o","choices":)"
      R"([{"message":{"content":"18"}}]}},"error":null,"meta":{"qid":"Q7"}})";
  SUBCASE("a constant task over a detected format") {
    const auto all = read_ok(write_file("b.jsonl", batch), mapped("task==gsm8k"));
    CHECK(all.format == Format::openai);
    CHECK(all.records.at(0).task == "gsm8k");
    CHECK(all.records.at(0).sample_id == "gsm8k-0007");
    CHECK(all.records.at(0).model == "gpt-4o");
  }
  SUBCASE("a forced format with pointers, the model included") {
    const auto all = read_ok(write_file("b.jsonl", batch), mapped("id=/meta/qid,model==gpt-4o-batch", Format::openai));
    CHECK(all.records.at(0).sample_id == "Q7");
    CHECK(all.records.at(0).model == "gpt-4o-batch");
  }
  SUBCASE("an overlay pointer that never matches") {
    write_file("b.jsonl", batch);
    CHECK(read_error("b.jsonl", mapped("score=/judge/score")) ==
          "b.jsonl: mapping field \"score\": pointer /judge/score matched no record (format openai)");
  }
}
