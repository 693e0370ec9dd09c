// The bundled sample traces in traces/ read as traces/README.md says.

#include <doctest/doctest.h>

#include <set>

#include "test_paths.hpp"
#include "trace/reader.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::read_ok;

namespace {

std::string sample(const std::string& relative) {
  return (tokprof::test::traces_dir() / relative).string();
}

ReadOptions mapping_file(const std::string& relative) {
  auto mapping = read_field_mapping(sample(relative));
  REQUIRE_MESSAGE(mapping, mapping.error().to_string());
  return ReadOptions{Format::automatic, std::move(*mapping)};
}

}  // namespace

TEST_CASE("trace::samples openai") {
  const auto gpt41 = read_ok(sample("openai/batch-gpt-4.1-2025-04-14.jsonl"));
  CHECK(gpt41.format == Format::openai);
  CHECK(gpt41.records.size() == 4);
  CHECK(gpt41.records[1].sample_id == "wordmath-0002");
  const auto mini = read_ok(sample("openai/batch-gpt-5-mini-2025-08-07.jsonl"));
  CHECK(mini.records.size() == 3);
  CHECK(mini.skipped == 1);
  CHECK(mini.warnings.size() == 1);
  CHECK(mini.records[0].usage.reasoning == 448);
  CHECK(mini.records[0].usage.cache_read == 1152);
  const auto o3 = read_ok(sample("openai/batch-o3-2025-04-16-responses.jsonl"));
  CHECK(o3.records.size() == 4);
  CHECK(o3.records[0].model == "o3-2025-04-16");
  CHECK(o3.records[0].output_text == "93");
  CHECK_FALSE(o3.records[0].reasoning_text.empty());
  const auto single = read_ok(sample("openai/chat-completion-gpt-5-2025-08-07.json"));
  CHECK(single.records.at(0).usage.output == 651);
}

TEST_CASE("trace::samples anthropic") {
  const auto opus = read_ok(sample("anthropic/batch-claude-opus-4-6.jsonl"));
  CHECK(opus.format == Format::anthropic);
  CHECK(opus.records.size() == 3);
  CHECK(opus.skipped == 1);
  CHECK(opus.records[0].usage.cache_write == 1830);
  CHECK(opus.records[0].usage.input == 38 + 1830);
  CHECK_FALSE(opus.records[0].reasoning_text.empty());
  const auto sonnet = read_ok(sample("anthropic/batch-claude-sonnet-4-6.jsonl"));
  CHECK(sonnet.records.size() == 3);
  CHECK(sonnet.skipped == 1);
  const auto message = read_ok(sample("anthropic/message-claude-sonnet-4-6.json"));
  CHECK(message.records.at(0).usage.reasoning == 371);
}

TEST_CASE("trace::samples arena-hard") {
  for (const char* file : {"arena-hard-v0.1/model_answer/gpt-4-0314.jsonl",
                           "arena-hard-v0.1/model_answer/claude-3-5-sonnet-20240620.jsonl",
                           "arena-hard-v0.1/model_answer/o1-mini-2024-09-12.jsonl",
                           "arena-hard-v2.0/model_answer/o3-mini-2025-01-31.jsonl",
                           "arena-hard-v2.0/model_answer/gpt-4.1-2025-04-14.jsonl"}) {
    CAPTURE(file);
    const auto all = read_ok(sample(file));
    CHECK(all.records.size() == 3);
    for (const auto& record : all.records) {
      CHECK(record.reference_output_tokens);
      CHECK(record.task == (std::string(file).starts_with("arena-hard-v2.0") ? "arena-hard-v2.0" : "arena-hard-v0.1"));
    }
  }
}

TEST_CASE("trace::samples mapped") {
  const auto judged = read_ok(sample("mapped/judged-outputs.json"), mapping_file("mapped/judged-outputs.map.json"));
  CHECK(judged.format == Format::mapped);
  CHECK(judged.records.size() == 8);
  std::set<std::string> tasks;
  for (const auto& record : judged.records) {
    tasks.insert(record.task);
    CHECK(record.score);
  }
  CHECK(tasks == std::set<std::string>{"helpful_base", "oasst"});
  const auto units = read_ok(sample("mapped/unit-conversion.jsonl"), mapping_file("mapped/unit-conversion.map.json"));
  CHECK(units.records.size() == 8);
  CHECK(units.records[4].model == "deepseek-chat");
  CHECK(units.records[4].usage.cache_read == 64);
  CHECK(units.records[5].score == 0.0);
}

TEST_CASE("trace::samples summary and scores") {
  const auto summaries = read_summary_table(sample("summary/artificial-analysis-v4.csv"));
  REQUIRE(summaries);
  REQUIRE(summaries->size() == 4);
  const std::vector<std::tuple<std::string, double, double>> expected = {
      {"Muse Spark", 52, 58e6}, {"GPT-5.4", 57, 120e6}, {"Gemini 3.1 Pro", 57, 57e6}, {"Claude Opus 4.6", 53, 157e6}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK((*summaries)[i].model == std::get<0>(expected[i]));
    CHECK((*summaries)[i].score == std::get<1>(expected[i]));
    CHECK((*summaries)[i].output_tokens == std::get<2>(expected[i]));
    CHECK_FALSE((*summaries)[i].output_tokens_per_task);
  }
  const auto judgments = read_scores(sample("scores/wordmath-judgments.jsonl"));
  REQUIRE(judgments);
  CHECK(judgments->sample_score("gpt-4.1-2025-04-14", "wordmath-0002") == 0.0);
  CHECK(judgments->sample_score("claude-opus-4-6", "wordmath-0001") == 1.0);
  const auto leaderboard = read_scores(sample("scores/arena-hard-v0.1-scores.csv"));
  REQUIRE(leaderboard);
  CHECK(leaderboard->model_score("gpt-4-0314") == 50.0);
}
