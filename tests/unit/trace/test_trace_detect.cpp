#include <doctest/doctest.h>

#include <filesystem>

#include "trace/reader.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::read_error;
using tokprof::test::write_file;

namespace {

Format detected(const std::string& name, const std::string& content) {
  const auto format = detect_format(write_file(name, content));
  REQUIRE_MESSAGE(format, format.error().to_string());
  return *format;
}

}  // namespace

TEST_CASE("trace::parse_format and format_name") {
  CHECK(parse_format("auto").value() == Format::automatic);
  CHECK(parse_format("automatic").value() == Format::automatic);
  CHECK(parse_format("mapped").value() == Format::mapped);
  CHECK(parse_format("openai").value() == Format::openai);
  CHECK(parse_format("anthropic").value() == Format::anthropic);
  CHECK(parse_format("arena-hard").value() == Format::arena_hard);
  CHECK(parse_format("arena_hard").value() == Format::arena_hard);
  CHECK(parse_format("summary").value() == Format::summary);
  CHECK(format_name(Format::arena_hard) == "arena-hard");
  CHECK(format_name(Format::automatic) == "auto");
  CHECK(parse_format("inspect").value() == Format::inspect);  // issue 7
  CHECK(parse_format("lm-eval").value() == Format::lm_eval);
  CHECK(format_name(Format::lm_eval) == "lm-eval");
  const auto unknown = parse_format("helm");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().kind == ErrorKind::usage);
  CHECK(unknown.error().message == "unknown trace format \"helm\" (known: auto, mapped, openai, anthropic, arena-hard, "
                                   "summary, inspect, lm-eval, otel, gemini)");
}

TEST_CASE("trace::detect_format from the first record") {
  SUBCASE("OpenAI shapes") {
    CHECK(detected("a.jsonl", R"({"id":"c","object":"chat.completion","model":"m","choices":[]})") == Format::openai);
    CHECK(detected("b.jsonl", R"({"id":"b","custom_id":"x","response":null,"error":{"code":"c"}})") == Format::openai);
    CHECK(detected("c.json", R"({"id":"r","object":"response","model":"o3","output":[]})") == Format::openai);
    CHECK(detected("d.json",
                   "[\n"
                   R"({"model":"m","choices":[]})"
                   "\n]") == Format::openai);
  }
  SUBCASE("Anthropic shapes") {
    CHECK(detected("a.jsonl", R"({"type":"message","model":"m","content":[]})") == Format::anthropic);
    CHECK(detected("b.jsonl", R"({"custom_id":"x","result":{"type":"expired"}})") == Format::anthropic);
    CHECK(detected("c.jsonl", R"({"role":"assistant","model":"m","content":[]})") == Format::anthropic);
  }
  SUBCASE("Arena-Hard answers and questions") {
    CHECK(detected("a.jsonl", R"({"question_id":"q","model_id":"m","choices":[]})") == Format::arena_hard);
    CHECK(detected("b.jsonl", R"({"uid":"u","model":"m","messages":[]})") == Format::arena_hard);
    CHECK(detected("c.jsonl", R"({"uid":"u","category":"c","prompt":"p"})") == Format::arena_hard);
  }
  SUBCASE("summary tables") {
    CHECK(detected("s.csv", "model,score,output_tokens\n") == Format::summary);
    CHECK(detected("s.json", R"([{"Model":"a","Intelligence Index":52,"Output Tokens":"58M"}])") == Format::summary);
    CHECK(detected("w.json", R"({"models":[{"model":"a","score":1,"tokens":2}]})") == Format::summary);
    write_file("p.jsonl", R"({"model":"a","id":"1","score":1,"output_tokens":5})");
    CHECK_FALSE(detect_format("p.jsonl"));  // an id: a per-sample record, not a summary row
  }
  SUBCASE("unknown records list their keys") {
    write_file("u.jsonl", R"({"prompt":"p","completion":"c"})");
    const auto format = detect_format("u.jsonl");
    REQUIRE_FALSE(format);
    CHECK(format.error().kind == ErrorKind::unsupported);
    CHECK(format.error().to_string() ==
          "u.jsonl:1: cannot detect the trace format from the first record (keys: completion, prompt); "
          "use --format, or --map to name its fields");
  }
}

TEST_CASE("trace::open_trace refuses summary tables") {
  write_file("s.csv", "model,score,output_tokens\na,1,2\n");
  CHECK(read_error("s.csv") == "s.csv: is a summary table, not a trace (read it with read_summary_table)");
  write_file("s.json", R"([{"model":"a","score":1,"output_tokens":2}])");
  CHECK(read_error("s.json") == "s.json: is a summary table, not a trace (read it with read_summary_table)");
}

TEST_CASE("trace::expand_inputs") {
  write_file("in/b.jsonl", "{}");
  write_file("in/a.json", "{}");
  write_file("in/sub/c.csv", "x");
  write_file("in/sub/d.jsonl.gz", "x");
  write_file("in/sub/e.json.zst", "x");
  write_file("in/notes.txt", "x");
  write_file("in/.hidden.jsonl", "{}");
  write_file("in/.git/f.jsonl", "{}");
  write_file("in/sub/g.JSONL", "{}");
  write_file("single.txt", "x");
  SUBCASE("directories are walked, sorted, filtered; files are kept as given") {
    const auto files = expand_inputs({"single.txt", "in"});
    REQUIRE(files);
    const std::vector<std::string> expected = {"single.txt",    "in/a.json",         "in/b.jsonl",
                                               "in/sub/c.csv",  "in/sub/d.jsonl.gz", "in/sub/e.json.zst",
                                               "in/sub/g.JSONL"};
    CHECK(*files == expected);
  }
  SUBCASE("standard input") {
    CHECK(expand_inputs({"-"}).value() == std::vector<std::string>{"-"});
  }
  SUBCASE("errors") {
    CHECK(expand_inputs({"nope"}).error().to_string() == "nope: no such file or directory");
    std::filesystem::create_directories("empty/.x");
    CHECK(expand_inputs({"empty"}).error().to_string() == "empty: directory holds no .json, .jsonl, .csv or .eval file");
  }
}
