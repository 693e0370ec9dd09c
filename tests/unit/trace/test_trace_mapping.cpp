#include <doctest/doctest.h>

#include "trace/mapping.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::write_file;

namespace {

std::string parse_error(std::string_view spec) {
  const auto mapping = parse_field_mapping(spec);
  REQUIRE_FALSE(mapping);
  CHECK(mapping.error().kind == ErrorKind::usage);
  return mapping.error().to_string();
}

}  // namespace

TEST_CASE("trace::parse_field_mapping") {
  SUBCASE("the example of the issue") {
    const auto mapping =
        parse_field_mapping("model=/generator,output=/output,id=/instruction,score=/preference,task=/dataset");
    REQUIRE(mapping);
    REQUIRE(mapping->sources.size() == 5);
    CHECK(mapping->find(MappedField::model)->pointer == "/generator");
    CHECK(mapping->find(MappedField::task)->pointer == "/dataset");
    CHECK(mapping->find(MappedField::score)->pointer == "/preference");
    CHECK_FALSE(mapping->find(MappedField::model)->constant);
    CHECK(mapping->find(MappedField::reasoning) == nullptr);
  }
  SUBCASE("constants, spaces, records and escapes") {
    const auto mapping = parse_field_mapping(" model==gpt-4o , task==my task,output=/a~1b/0,score==1,records=/samples");
    REQUIRE(mapping);
    CHECK(mapping->find(MappedField::model)->constant == "gpt-4o");
    CHECK(mapping->find(MappedField::task)->constant == "my task");
    CHECK(mapping->find(MappedField::output)->pointer == "/a~1b/0");
    CHECK(mapping->records == "/samples");
  }
  SUBCASE("every field name") {
    const auto mapping = parse_field_mapping(
        "model=/m,task=/t,id=/i,epoch=/e,output=/o,reasoning=/r,score=/s,cost=/c,usage=/u,input_tokens=/a,"
        "output_tokens=/b,reasoning_tokens=/d,cache_read_tokens=/f,cache_write_tokens=/g,reference_tokens=/h");
    REQUIRE(mapping);
    CHECK(mapping->sources.size() == 15);
    CHECK(mapped_field_name(MappedField::cache_write_tokens) == "cache_write_tokens");
  }
  SUBCASE("errors") {
    CHECK(parse_error("") == "empty field mapping");
    CHECK(parse_error("model") == "mapping entry \"model\" has no \"=\" (write field=/pointer or field==constant)");
    CHECK(parse_error("modle=/x") ==
          "unknown mapping field \"modle\" (known: model, task, id, epoch, output, reasoning, score, cost, usage, "
          "input_tokens, output_tokens, reasoning_tokens, cache_read_tokens, cache_write_tokens, "
          "reference_tokens, records)");
    CHECK(parse_error("model=generator") ==
          "mapping field \"model\": \"generator\" is not a JSON pointer (start it with \"/\", or write "
          "model==generator for a constant)");
    CHECK(parse_error("model=/a,model=/b") == "mapping field \"model\" given twice");
    CHECK(parse_error("score==high") == "mapping field \"score\": constant \"high\" is not a number");
    CHECK(parse_error("output=/a~2") ==
          "mapping field \"output\": invalid JSON pointer \"/a~2\": \"~\" must be followed by 0 or 1");
    CHECK(parse_error("usage==3") == "mapping field \"usage\" needs a JSON pointer, not a constant");
    CHECK(parse_error("records==x") == "mapping field \"records\" needs one JSON pointer");
  }
}

TEST_CASE("trace::read_field_mapping") {
  SUBCASE("pointers and constants") {
    write_file("map.json", R"({"model": "/generator", "task": {"constant": "alpaca_eval"}, "score": {"constant": 1},)"
                           R"( "records": "/rows"})");
    const auto mapping = read_field_mapping("map.json");
    REQUIRE(mapping);
    CHECK(mapping->find(MappedField::model)->pointer == "/generator");
    CHECK(mapping->find(MappedField::task)->constant == "alpaca_eval");
    CHECK(mapping->find(MappedField::score)->constant == "1");
    CHECK(mapping->records == "/rows");
  }
  SUBCASE("errors name the file") {
    write_file("bad.json", "[1]");
    CHECK(read_field_mapping("bad.json").error().to_string() ==
          "bad.json: a field mapping file must hold one JSON object");
    write_file("bad.json", R"({"model": 3})");
    CHECK(read_field_mapping("bad.json").error().to_string() ==
          "bad.json: mapping field \"model\": expected a JSON pointer string or {\"constant\": value}, found 3");
    write_file("bad.json", R"({"colour": "/x"})");
    CHECK(read_field_mapping("bad.json").error().message.starts_with("unknown mapping field \"colour\""));
    CHECK(read_field_mapping("missing.json").error().kind == ErrorKind::io);
  }
}
