#include <doctest/doctest.h>

#include "base/error.hpp"

using tokprof::Error;
using tokprof::ErrorKind;

TEST_CASE("base::Error::to_string") {
  SUBCASE("message only") { CHECK(Error{ErrorKind::invalid, "bad", {}, 0, 0}.to_string() == "bad"); }
  SUBCASE("file") { CHECK(Error{ErrorKind::io, "gone", "a.jsonl", 0, 0}.to_string() == "a.jsonl: gone"); }
  SUBCASE("file and line") { CHECK(Error{ErrorKind::parse, "x", "a.jsonl", 17, 0}.to_string() == "a.jsonl:17: x"); }
  SUBCASE("file, line and column") {
    CHECK(Error{ErrorKind::parse, "x", "a.jsonl", 17, 5}.to_string() == "a.jsonl:17:5: x");
  }
}

TEST_CASE("base::Error::at keeps an existing location") {
  const Error located{ErrorKind::parse, "x", "inner.json", 3, 0};
  CHECK(located.at("outer.json", 9).to_string() == "inner.json:3: x");
  const Error bare{ErrorKind::parse, "x", {}, 0, 0};
  CHECK(bare.at("outer.json", 9).to_string() == "outer.json:9: x");
}

namespace {
tokprof::Result<int> half(int value) {
  if (value % 2 != 0) {
    return tokprof::make_error(ErrorKind::invalid, "odd");
  }
  return value / 2;
}
tokprof::Result<int> quarter(int value) {
  TOKPROF_TRY_ASSIGN(const int once, half(value));
  TOKPROF_TRY_ASSIGN(const int twice, half(once));
  return twice;
}
}  // namespace

TEST_CASE("base::TOKPROF_TRY_ASSIGN propagates the first error") {
  CHECK(quarter(8).value() == 2);
  const auto failed = quarter(6);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().message == "odd");
}
