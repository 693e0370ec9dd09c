#include <doctest/doctest.h>

#include "test_paths.hpp"
#include "trace/reader.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::read_ok;
using tokprof::test::traces_dir;

TEST_CASE("trace::openrouter (read by the OpenAI reader)") {
  const auto all = read_ok((traces_dir() / "openrouter" / "chat-completions.jsonl").string());
  CHECK(all.format == Format::openai);
  REQUIRE(all.records.size() == 3);
  CHECK(all.records[0].model == "deepseek/deepseek-r1");
  CHECK(all.records[0].output_text == "**93**");
  CHECK(all.records[0].reasoning_text == "14 boxes × 6 = 84 muffins; 84 + 9 = 93.");
  CHECK(all.records[0].usage.output == 188);
  CHECK(all.records[0].usage.reasoning == 180);
  CHECK(all.records[0].cost_usd == doctest::Approx(0.000512));
  CHECK(all.records[1].usage.cache_read == 128);
  CHECK(all.records[2].usage.cache_write == 1024);
  CHECK(all.records[2].usage.input == 1262);
  CHECK(parse_format("openrouter") == Format::openai);
}
