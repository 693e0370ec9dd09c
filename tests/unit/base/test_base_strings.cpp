#include <doctest/doctest.h>

#include "base/strings.hpp"

using namespace tokprof;

TEST_CASE("base::parse_int") {
  CHECK(parse_int("42").value() == 42);
  CHECK(parse_int(" -7 ").value() == -7);
  CHECK_FALSE(parse_int("4x"));
  CHECK_FALSE(parse_int(""));
  CHECK(parse_int("x").error().message == "not an integer: \"x\"");
}

TEST_CASE("base::parse_double") {
  CHECK(parse_double("0.7").value() == doctest::Approx(0.7));
  CHECK(parse_double("1e-3").value() == doctest::Approx(0.001));
  CHECK_FALSE(parse_double("high"));
  CHECK_FALSE(parse_double("nan"));
  CHECK_FALSE(parse_double("inf"));
}

TEST_CASE("base::human_count") {
  CHECK(human_count(950) == "950");
  CHECK(human_count(1234) == "1.2k");
  CHECK(human_count(58'000'000) == "58M");
  CHECK(human_count(157'400'000) == "157M");
  CHECK(human_count(999'600) == "1.0M");
  CHECK(human_count(1'570'000'000) == "1.6B");
  CHECK(human_count(12.5) == "12.5");
}

TEST_CASE("base::split keeps empty fields") {
  const auto fields = split("a,,b,", ',');
  REQUIRE(fields.size() == 4);
  CHECK(fields[0] == "a");
  CHECK(fields[1].empty());
  CHECK(fields[2] == "b");
  CHECK(fields[3].empty());
}

TEST_CASE("base::fnv1a64 matches the published test vectors") {
  CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("SharedString: copies share one text and compare as strings") {
  const tokprof::SharedString path = std::string("traces/a.jsonl");
  const tokprof::SharedString copy = path;  // NOLINT(performance-unnecessary-copy-initialization)
  CHECK(&copy.str() == &path.str());       // one heap block, not two
  CHECK(copy == path);
  CHECK(path == std::string("traces/a.jsonl"));
  CHECK(path == "traces/a.jsonl");
  CHECK_FALSE(path == "traces/b.jsonl");
  CHECK(tokprof::SharedString("traces/a.jsonl") == path);  // equal text, separate blocks
  const std::string& as_string = path;
  CHECK(as_string == "traces/a.jsonl");
  const tokprof::SharedString none;
  CHECK(none.empty());
  CHECK(none.str().empty());
  CHECK(tokprof::SharedString(std::string()).empty());
  CHECK(none == "");
}
