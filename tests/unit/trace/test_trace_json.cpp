#include <doctest/doctest.h>

#include <zlib.h>

#include "trace/json_text.hpp"
#include "trace/reader.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::read_error;
using tokprof::test::read_ok;
using tokprof::test::write_file;

namespace {

std::string line(std::string_view model, std::string_view content) {
  return "{\"model\":\"" + std::string(model) + "\",\"choices\":[{\"message\":{\"content\":\"" + std::string(content) +
         "\"}}]}";
}

std::string gzip(const std::string& data) {
  std::string out(compressBound(static_cast<uLong>(data.size())) + 64, '\0');
  z_stream stream{};
  REQUIRE(deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

}  // namespace

TEST_CASE("trace::jsonl lines") {
  SUBCASE("invalid JSON names the line") {
    std::string text;
    for (int i = 0; i < 16; ++i) {
      text += line("m", "x") + "\n";
    }
    text += "{\"model\": \"m\",, }\n";
    write_file("a.jsonl", text);
    CHECK(read_error("a.jsonl") ==
          "a.jsonl:17: invalid JSON (improper structure: missing or extra commas, brackets or keys)");
  }
  SUBCASE("a truncated last line") {
    write_file("a.jsonl", line("m", "x") + "\n" + R"({"model":"m","choices":[{"mess)");
    CHECK(read_error("a.jsonl") ==
          "a.jsonl:2: truncated last line (no newline at the end of the file): "
          "invalid JSON (unclosed string)");
  }
  SUBCASE("a complete last line without a newline is fine") {
    CHECK(read_ok(write_file("a.jsonl", line("m", "x") + "\n" + line("m", "y"))).records.size() == 2);
  }
  SUBCASE("blank lines and CRLF are ignored") {
    const auto all = read_ok(write_file("a.jsonl", "\n" + line("m", "x") + "\r\n\r\n  \n" + line("m", "y") + "\r\n"));
    REQUIRE(all.records.size() == 2);
    CHECK(all.records[0].where.line == 2);
    CHECK(all.records[1].where.line == 5);
  }
  SUBCASE("a line that is not an object") {
    write_file("a.jsonl", line("m", "x") + "\n[1,2]\n");
    CHECK(read_error("a.jsonl") == "a.jsonl:2: a JSONL record must be a JSON object, found an array");
  }
  SUBCASE("the first line of a .jsonl file must be JSON") {
    write_file("a.jsonl", "{\n");
    CHECK(read_error("a.jsonl") ==
          "a.jsonl:1: invalid JSON (improper structure: missing or extra commas, "
          "brackets or keys)");
  }
  SUBCASE("empty files") {
    write_file("e.jsonl", "");
    CHECK(read_error("e.jsonl") == "e.jsonl: empty file: no records");
    write_file("e.json", "\n  \n");
    CHECK(read_error("e.json") == "e.json: empty file: no records");
    write_file("e2.json", "[]");
    CHECK(read_error("e2.json") == "e2.json: no records: the document is an empty array");
  }
  SUBCASE("a missing file") {
    CHECK(read_error("nope.jsonl").starts_with("nope.jsonl: cannot open: "));
  }
  SUBCASE("U+2028 inside a string does not split the record") {
    const auto all = read_ok(write_file("a.jsonl", line("m",
                                                        "a\xE2\x80\xA8"
                                                        "b") +
                                                       "\n"));
    CHECK(all.records.at(0).output_text ==
          "a\xE2\x80\xA8"
          "b");
  }
  SUBCASE("gzip-compressed JSONL") {
    write_file("z.jsonl.gz", gzip(line("m", "x") + "\n" + line("n", "y") + "\n"));
    const auto all = read_ok("z.jsonl.gz");
    REQUIRE(all.records.size() == 2);
    CHECK(all.records[1].model == "n");
  }
}

TEST_CASE("trace::json documents") {
  SUBCASE("a syntax error is located by line") {
    write_file("d.json", "[\n" + line("m", "x") + ",\n" + line("m", "y") + ",\n" + R"({"model": })" + "\n]\n");
    const std::string error = read_error("d.json");
    CHECK(error.starts_with("d.json:4: invalid JSON (syntax error while parsing value - unexpected '}'"));
    write_file("d2.json", "\n\n{\n\"model\": ]\n}");
    CHECK(read_error("d2.json").starts_with("d2.json:4: invalid JSON ("));
  }
  SUBCASE("a document that is not an object or array") {
    write_file("d.json", "42");
    CHECK(read_error("d.json") == "d.json: a record must be a JSON object, found a scalar");
  }
  SUBCASE("an array element that is not an object") {
    write_file("d.json", "[" + line("m", "x") + ", 3]");
    CHECK(read_error("d.json") == "d.json: record 2: a record must be a JSON object, found a scalar");
  }
}

TEST_CASE("trace::invalid UTF-8 is kept as bytes, with a warning") {
  SUBCASE("raw invalid bytes") {
    const std::string bad = "caf\xE9 \xFF\xC3(";  // Latin-1 é, a stray 0xFF, a cut sequence
    const auto all = read_ok(write_file("u.jsonl", line("m", "ok") + "\n" + line("m", bad) + "\n"));
    REQUIRE(all.records.size() == 2);
    CHECK(all.records[1].output_text == bad);
    REQUIRE(all.warnings.size() == 1);
    CHECK(all.warnings[0].to_string() == "u.jsonl:2: invalid UTF-8 in the record; its text is read as raw bytes");
  }
  SUBCASE("invalid bytes in a whole document") {
    const auto all = read_ok(write_file("u.json", "[\n" + line("m\xFE", "x\x80") + "\n]"));
    CHECK(all.records.at(0).model == "m\xFE");
    CHECK(all.records.at(0).output_text == "x\x80");
    CHECK(all.warnings.size() == 1);
  }
  SUBCASE("escaped lone surrogates: surrogateescape bytes and U+FFFD") {
    const auto all = read_ok(write_file("u.jsonl", line("m", "a\\udcff\\ud83d b \\ud83d\\ude00") + "\n"));
    CHECK(all.records.at(0).output_text == "a\xFF\xEF\xBF\xBD b \xF0\x9F\x98\x80");
    CHECK(all.warnings.size() == 1);
  }
  SUBCASE("valid text is never touched") {
    const auto all = read_ok(write_file("u.jsonl", line("m", "\xF4\x8F\xBE\x80 \\\\udcff") + "\n"));
    CHECK(all.records.at(0).output_text == "\xF4\x8F\xBE\x80 \\udcff");
    CHECK(all.warnings.empty());
  }
}

TEST_CASE("trace::json_text repair and restore") {
  CHECK(repair_invalid_utf8("plain \xC3\xA9").empty());
  std::string repaired = repair_invalid_utf8("a\x80z\xFF");
  CHECK(repaired == "a\xF4\x8F\xBE\x80z\xF4\x8F\xBF\xBF");
  restore_raw_bytes(repaired);
  CHECK(repaired == "a\x80z\xFF");
  CHECK(repair_lone_surrogates(R"("\ud83d\ude00 \\udc80")").empty());
  CHECK(repair_lone_surrogates(R"("\udc80\uDBFF")") == "\"\xF4\x8F\xBE\x80\\ufffd\"");
}
