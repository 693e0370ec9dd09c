// SampleTable keeps every field of every sample: what goes in comes back out,
// however the optional numbers are set, across entry blocks and arena blocks.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "aggregate/sample_table.hpp"

using namespace tokprof::aggregate;

namespace {

// The i-th of a varied run: each optional number is set on its own cycle,
// and the names repeat out of step with one another.
Sample varied_sample(int i) {
  Sample s;
  s.model = "model-" + std::to_string(i % 3);
  s.task = i % 5 == 0 ? "" : "task-" + std::to_string(i % 4);
  s.sample_id = i % 7 == 0 ? "" : "id-" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 40), 'x');
  s.epoch = 1 + i % 2;
  s.counted_output_tokens = 1000 + i;
  s.counted_reasoning_tokens = i % 3;
  if (i % 2 == 0) {
    s.usage.input = 10 * i;
  }
  if (i % 3 == 0) {
    s.usage.output = 20 * i;
  }
  if (i % 5 == 0) {
    s.usage.reasoning = 0;  // set to zero is not unset
  }
  if (i % 7 == 0) {
    s.usage.cache_read = i;
  }
  if (i % 11 == 0) {
    s.usage.cache_write = i + 1;
  }
  if (i % 4 != 1) {
    s.score = (i % 4) * 0.25;
  }
  if (i % 6 == 0) {
    s.reported_cost_usd = i * 1e-6;
  }
  s.tokenizer = i % 2 == 0 ? "o200k_base" : "cl100k_base";
  s.tokenizer_exact = i % 2 == 0;
  s.file = "traces/" + std::to_string(i / 1000) + ".jsonl";
  s.line = i + 1;
  return s;
}

void check_same(const Sample& a, const Sample& b) {
  CHECK(a.model == b.model);
  CHECK(a.task == b.task);
  CHECK(a.sample_id == b.sample_id);
  CHECK(a.epoch == b.epoch);
  CHECK(a.counted_output_tokens == b.counted_output_tokens);
  CHECK(a.counted_reasoning_tokens == b.counted_reasoning_tokens);
  CHECK(a.usage.input == b.usage.input);
  CHECK(a.usage.output == b.usage.output);
  CHECK(a.usage.reasoning == b.usage.reasoning);
  CHECK(a.usage.cache_read == b.usage.cache_read);
  CHECK(a.usage.cache_write == b.usage.cache_write);
  CHECK(a.score == b.score);
  CHECK(a.reported_cost_usd == b.reported_cost_usd);
  CHECK(a.tokenizer == b.tokenizer);
  CHECK(a.tokenizer_exact == b.tokenizer_exact);
  CHECK(a.file.str() == b.file.str());
  CHECK(a.line == b.line);
}

}  // namespace

TEST_CASE("aggregate::SampleTable gives back every field of every sample, past its block sizes") {
  std::vector<Sample> samples;
  for (int i = 0; i < 9000; ++i) {  // more than two blocks of entries
    samples.push_back(varied_sample(i));
  }
  const SampleTable table(samples);
  REQUIRE(table.size() == samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i) {
    CAPTURE(i);
    check_same(table.sample(i), samples[i]);
  }
  const std::vector<Sample> back = table.samples();
  REQUIRE(back.size() == samples.size());
  check_same(back[8999], samples[8999]);
}

TEST_CASE("aggregate::SampleTable numbers names in order of first appearance") {
  SampleTable table;
  for (const char* model : {"b", "a", "b", "c", "a"}) {
    Sample s;
    s.model = model;
    table.add(s);
  }
  CHECK(table.models() == std::vector<std::string>{"b", "a", "c"});
  std::vector<std::uint32_t> numbers;
  for (std::size_t i = 0; i < table.size(); ++i) {
    numbers.push_back(table[i].model);
  }
  CHECK(numbers == std::vector<std::uint32_t>{0, 1, 0, 2, 1});
  CHECK(table.tasks() == std::vector<std::string>{""});
}

TEST_CASE("aggregate::SampleTable keeps ids longer than an arena block, and its ids survive a move") {
  SampleTable table;
  Sample s = varied_sample(1);
  s.sample_id = std::string((1 << 20) + 5, 'q');  // longer than a block
  table.add(s);
  Sample after = varied_sample(2);
  table.add(after);
  SampleTable moved(std::move(table));
  CHECK(table.empty());  // NOLINT(bugprone-use-after-move): a moved-from table is empty
  REQUIRE(moved.size() == 2);
  CHECK(moved[0].sample_id() == s.sample_id);
  CHECK(moved[1].sample_id() == after.sample_id);
}

TEST_CASE("aggregate::SampleTable renames a file, also onto a name it already has") {
  SampleTable table;
  for (const char* file : {"/tmp/shard", "a.jsonl", "/tmp/shard"}) {
    Sample s;
    s.model = "m";
    s.file = file;
    table.add(s);
  }
  table.rename_file("/tmp/shard", "a.jsonl");
  for (std::size_t i = 0; i < table.size(); ++i) {
    CHECK(table.sample(i).file.str() == "a.jsonl");
  }
  Sample later;
  later.model = "m";
  later.file = "a.jsonl";
  table.add(later);
  CHECK(table.sample(3).file.str() == "a.jsonl");
  table.rename_file("not read", "x");  // a file no sample came from: nothing changes
  CHECK(table.files().size() == 2);
}
