// SampleKeys: --approx-quantiles' duplicate check. Every key is kept
// however many times the table grows, a repeat names both places, and keys
// that differ in any field, or only where one field ends, stay apart.

#include <doctest/doctest.h>

#include <string>

#include "cli/sample_keys.hpp"

using tokprof::aggregate::Sample;
using tokprof::cli::SampleKeys;

namespace {

Sample keyed(const std::string& model, const std::string& task, const std::string& id, std::int64_t epoch,
             const std::string& file, std::int64_t line) {
  Sample s;
  s.model = model;
  s.task = task;
  s.sample_id = id;
  s.epoch = epoch;
  s.file = file;
  s.line = line;
  return s;
}

}  // namespace

TEST_CASE("cli::SampleKeys finds each repeat among many keys, naming both places") {
  SampleKeys keys;
  constexpr int k_count = 50000;  // the table grows from 1024 slots many times
  for (int i = 0; i < k_count; ++i) {
    const std::string file = i < k_count / 2 ? "a.jsonl" : "b.jsonl";
    REQUIRE(keys.add(keyed("m", "t", std::to_string(i), 1, file, i + 1)));
  }
  CHECK(keys.size() == k_count);
  for (const int i : {0, 1, 12345, k_count - 1}) {
    const auto repeat = keys.add(keyed("m", "t", std::to_string(i), 1, "c.jsonl", 7));
    REQUIRE_FALSE(repeat);
    const std::string first = (i < k_count / 2 ? "a.jsonl:" : "b.jsonl:") + std::to_string(i + 1);
    CAPTURE(repeat.error().message);
    CHECK(repeat.error().message.find("appears at " + first + " and at c.jsonl:7") != std::string::npos);
    CHECK(repeat.error().file == "c.jsonl");
    CHECK(repeat.error().line == 7);
  }
  CHECK(keys.size() == k_count);  // a refused repeat is not kept
}

TEST_CASE("cli::SampleKeys tells apart keys that differ in one field or where a field ends") {
  SampleKeys keys;
  CHECK(keys.add(keyed("m", "t", "1", 1, "f", 1)));
  CHECK(keys.add(keyed("m", "t", "1", 2, "f", 2)));   // epoch
  CHECK(keys.add(keyed("m", "u", "1", 1, "f", 3)));   // task
  CHECK(keys.add(keyed("n", "t", "1", 1, "f", 4)));   // model
  CHECK(keys.add(keyed("m", "t1", "", 1, "f", 5)));   // the same bytes, split elsewhere
  CHECK(keys.add(keyed("m", "", "t1", 1, "f", 6)));
  CHECK_FALSE(keys.add(keyed("m", "t", "1", 2, "g", 9)));
  const auto no_model = keys.add(keyed("", "t", "1", 1, "g", 10));
  REQUIRE_FALSE(no_model);
  CHECK(no_model.error().message == "sample without a model name");
}
