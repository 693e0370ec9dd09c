// Partial profiles (issue 8): the format round-trips every number, merges
// refuse what cannot be merged, and any split of a sample set into shards
// merges back to the single-run report, byte for byte.

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "aggregate/aggregate.hpp"
#include "aggregate/partial.hpp"
#include "report/report.hpp"

using namespace tokprof;
using namespace tokprof::aggregate;

namespace {

// A random but valid sample set: several models over shared and unshared
// keys, with optional usage, scores and costs, spread over two files.
std::vector<Sample> random_samples(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> coin(0, 1);
  std::uniform_int_distribution<std::int64_t> tokens(0, 5000);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<Sample> samples;
  const std::vector<std::string> models = {"gpt-4o", "claude-3-5-sonnet", "llama-3-70b"};
  const std::vector<std::string> tasks = {"math", "code", ""};
  std::int64_t line = 0;
  for (const std::string& model : models) {
    const bool usage = coin(rng) == 1;
    for (const std::string& task : tasks) {
      for (int id = 0; id < 12; ++id) {
        if (unit(rng) < 0.1) {
          continue;  // a missing sample
        }
        Sample s;
        s.model = model;
        s.task = task;
        s.sample_id = "q" + std::to_string(id);
        s.counted_reasoning_tokens = tokens(rng) / 10;
        s.counted_output_tokens = tokens(rng) + s.counted_reasoning_tokens;
        if (usage) {
          s.usage.output = s.counted_output_tokens + tokens(rng) / 7;
          s.usage.input = tokens(rng);
          s.usage.cache_read = coin(rng) == 1 ? std::optional<std::int64_t>(tokens(rng) / 9) : std::nullopt;
        }
        s.score = coin(rng) == 1 ? std::optional<double>(unit(rng) < 0.5 ? 0.0 : 1.0) : std::optional<double>(unit(rng));
        s.reported_cost_usd = coin(rng) == 1 ? std::optional<double>(unit(rng) / 3) : std::nullopt;
        s.tokenizer = model == "gpt-4o" ? "o200k_base" : "cl100k_base";
        s.tokenizer_exact = model == "gpt-4o";
        s.file = coin(rng) == 1 ? "a.jsonl" : "b.jsonl";
        s.line = ++line;
        samples.push_back(std::move(s));
      }
    }
  }
  return samples;
}

PartialSettings settings() {
  PartialSettings s;
  s.tool_version = "test";
  return s;
}

// Renders the JSON report of `partial`, with a bootstrap when `bootstrap`
// is set (intervals are part of the report a merge must reproduce).
std::string json_report(const Partial& partial, std::optional<BootstrapOptions> bootstrap = std::nullopt) {
  Options options;
  options.bootstrap = bootstrap;
  options.average = partial.settings.average;
  options.correct_at = partial.settings.correct_at;
  options.tokens = partial.settings.tokens;
  options.model_scores = partial.model_scores;
  auto profile = build_profile(partial.samples, partial.summaries, options);
  REQUIRE_MESSAGE(profile, (profile ? "" : profile.error().to_string()));
  report::ReportData data;
  data.profile = std::move(*profile);
  data.run.inputs = {"traces/"};
  data.warnings = partial.warnings;
  report::RenderOptions render;
  render.per_sample = true;
  auto text = report::render(report::Format::json, data, render);
  REQUIRE(text);
  return *text;
}

// Serialises and parses `partial`, as a partial file on disk would be.
Partial round_trip(const Partial& partial) {
  auto text = serialise_partial(partial);
  REQUIRE(text);
  auto parsed = parse_partial(*text, "p.json");
  REQUIRE_MESSAGE(parsed, (parsed ? "" : parsed.error().to_string()));
  return *parsed;
}

Sample one_sample(const std::string& id, std::int64_t tokens) {
  Sample s;
  s.model = "m";
  s.sample_id = id;
  s.counted_output_tokens = tokens;
  s.tokenizer = "o200k_base";
  s.file = "t.jsonl";
  s.line = 1;
  return s;
}

}  // namespace

TEST_CASE("aggregate::partial round-trips every field") {
  Partial partial;
  partial.settings = settings();
  partial.settings.correct_at = 0.7;
  partial.settings.average = Average::micro;
  partial.settings.scores = {"fnv1a64:0123456789abcdef"};
  partial.inputs = {"a.jsonl", "dir/"};
  Sample s = one_sample("x", 17);
  s.task = "t\"1\n";
  s.epoch = 3;
  s.counted_reasoning_tokens = 5;
  s.usage = {100, 20, std::nullopt, 7, 0};
  s.score = 0.1 + 0.2;  // not representable in a short decimal
  s.reported_cost_usd = 1e-300;
  partial.samples = {s, one_sample("y", 0)};
  partial.summaries = {SummaryRow{"published", 57.0, 120000000, std::nullopt, 10, "s.csv", 3}};
  partial.model_scores = {{"m", 0.3333333333333333}};
  partial.warnings = {"w1"};
  partial.skipped = {{"t.jsonl:9", "bad", "t.jsonl"}};
  partial.settings.scorer = "match";
  const Partial back = round_trip(partial);
  CHECK(back.settings == partial.settings);
  CHECK(back.inputs == partial.inputs);
  REQUIRE(back.samples.size() == 2);
  CHECK(back.samples[0].task == s.task);
  CHECK(back.samples[0].epoch == 3);
  CHECK(back.samples[0].usage.input == 100);
  CHECK_FALSE(back.samples[0].usage.reasoning);
  CHECK(back.samples[0].score == s.score);  // bit-exact
  CHECK(back.samples[0].reported_cost_usd == 1e-300);
  CHECK_FALSE(back.samples[1].score);
  CHECK(back.summaries[0].output_tokens == 120000000);
  CHECK(back.model_scores == partial.model_scores);
  CHECK(back.skipped == partial.skipped);
}

TEST_CASE("aggregate::partial reads a skipped record without a file") {
  Partial partial;
  partial.settings = settings();
  partial.skipped = {{"dir/t.jsonl:9", "bad", "x"}, {"dir/u.jsonl", "unreadable", "x"}};
  auto text = serialise_partial(partial);
  REQUIRE(text);
  for (const std::string_view key : {",\"file\":\"x\"", ",\"file\":\"x\"", ",\"scorer\":\"\""}) {
    const auto at = text->find(key);
    REQUIRE(at != std::string::npos);
    text->erase(at, key.size());
  }
  const auto parsed = parse_partial(*text, "old.json");
  REQUIRE_MESSAGE(parsed, (parsed ? "" : parsed.error().to_string()));
  CHECK(parsed->skipped[0].file == "dir/t.jsonl");
  CHECK(parsed->skipped[1].file == "dir/u.jsonl");
  CHECK(parsed->settings == partial.settings);
}

TEST_CASE("aggregate::partial refuses other documents") {
  CHECK(parse_partial("{\"schema\":\"tokprof.report/1\"}", "r.json").error().message.find("not a partial") !=
        std::string::npos);
  CHECK_FALSE(parse_partial("not json", "x"));
  Partial bad;
  bad.samples = {one_sample("x", 1)};
  bad.samples[0].score = std::nan("");
  CHECK_FALSE(serialise_partial(bad));
}

TEST_CASE("aggregate::merge_partials refuses different settings") {
  Partial a;
  a.settings = settings();
  Partial b = a;
  b.settings.tokenizer = "o200k_base";
  const auto merged = merge_partials({a, b}, {"a.partial", "b.partial"});
  REQUIRE_FALSE(merged);
  CHECK(merged.error().message ==
        "cannot merge b.partial with a.partial: they were made with different settings (--tokenizer: auto vs "
        "o200k_base)");
  b.settings = a.settings;
  b.settings.correct_at = 0.5;
  CHECK_FALSE(merge_partials({a, b}, {"a", "b"}));
  b.settings = a.settings;
  b.settings.scorer = "accuracy";
  const auto scorer = merge_partials({a, b}, {"a", "b"});
  REQUIRE_FALSE(scorer);
  CHECK(scorer.error().message ==
        "cannot merge b with a: they were made with different settings (--scorer: (default) vs accuracy)");
}

TEST_CASE("aggregate::merge_partials: duplicates across partials") {
  Partial a;
  a.settings = settings();
  a.samples = {one_sample("x", 10)};
  SUBCASE("an identical record (the same shard twice) is kept once") {
    const auto merged = merge_partials({a, a}, {"a", "a2"});
    REQUIRE(merged);
    CHECK(merged->samples.size() == 1);
  }
  SUBCASE("a different record with the same key names both") {
    Partial b = a;
    b.samples[0].counted_output_tokens = 11;
    b.samples[0].line = 5;
    const auto merged = merge_partials({a, b}, {"a.partial", "b.partial"});
    REQUIRE_FALSE(merged);
    CHECK(merged.error().message ==
          "sample (model \"m\", task \"\", id \"x\", epoch 1) is in a.partial (t.jsonl:1) and in b.partial "
          "(t.jsonl:5) with different values");
  }
  SUBCASE("one model counted with two tokenizers") {
    Partial b = a;
    b.samples[0].sample_id = "y";
    b.samples[0].tokenizer = "cl100k_base";
    CHECK_FALSE(merge_partials({a, b}, {"a", "b"}));
  }
}

TEST_CASE("aggregate::merge_partials: warnings") {
  Partial a;
  a.settings = settings();
  a.warnings = {"x is missing (model a first)", "w"};
  Partial b = a;
  b.warnings = {"w", "x is missing (model b first)", "v"};
  SUBCASE("equal texts are kept once, in partial order") {
    const auto merged = merge_partials({a, b}, {"a", "b"});
    REQUIRE(merged);
    CHECK(merged->warnings ==
          std::vector<std::string>{"x is missing (model a first)", "w", "x is missing (model b first)", "v"});
  }
  SUBCASE("equal keys are kept once, the first") {
    const WarningKey key = [](const std::string& text) { return text.substr(0, text.find(" (")); };
    const auto merged = merge_partials({a, b}, {"a", "b"}, key);
    REQUIRE(merged);
    CHECK(merged->warnings == std::vector<std::string>{"x is missing (model a first)", "w", "v"});
  }
}

TEST_CASE("aggregate::merge_partials: random splits merge to the single-run report") {
  std::mt19937_64 rng(8);
  for (int round = 0; round < 40; ++round) {
    Partial whole;
    whole.settings = settings();
    whole.settings.average = round % 2 == 0 ? Average::macro : Average::micro;
    whole.samples = random_samples(rng);
    whole.summaries = {SummaryRow{"published-a", 0.5, 3000000, 12.5, 100, "board.csv", 2},
                       SummaryRow{"published-b", 0.7, 9000000, std::nullopt, 100, "board.csv", 3}};
    whole.warnings = {"a.jsonl:3: repaired text"};
    // A few rounds with a bootstrap: the intervals must survive the split.
    std::optional<BootstrapOptions> bootstrap;
    if (round % 8 == 0) {
      bootstrap = BootstrapOptions{.replicates = 60, .seed = static_cast<std::uint64_t>(round) + 3};
    }
    const std::string expected = json_report(whole, bootstrap);

    // Shards: 1 to 7, some left empty; a model's samples land anywhere.
    const std::size_t count = std::uniform_int_distribution<std::size_t>(1, 7)(rng);
    std::vector<Partial> shards(count);
    for (Partial& shard : shards) {
      shard.settings = whole.settings;
    }
    std::uniform_int_distribution<std::size_t> pick(0, count - 1);
    for (const Sample& sample : whole.samples) {
      shards[pick(rng)].samples.push_back(sample);
    }
    for (const SummaryRow& row : whole.summaries) {
      shards[pick(rng)].summaries.push_back(row);
    }
    shards[pick(rng)].warnings = whole.warnings;
    std::vector<Partial> parsed;
    std::vector<std::string> names;
    for (Partial& shard : shards) {
      std::shuffle(shard.samples.begin(), shard.samples.end(), rng);
      parsed.push_back(round_trip(shard));
      names.push_back("shard" + std::to_string(names.size()));
    }
    std::shuffle(parsed.begin(), parsed.end(), rng);
    const auto merged = merge_partials(parsed, names);
    REQUIRE_MESSAGE(merged, (merged ? "" : merged.error().to_string()));
    CHECK(json_report(*merged, bootstrap) == expected);
  }
}
