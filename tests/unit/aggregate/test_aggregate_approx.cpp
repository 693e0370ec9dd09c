// Approximate partial profiles (--approx-quantiles, issue 8): exact sums
// that do not depend on the order of addition, a partial format that
// round-trips every bucket and sum, shards that merge in any order to the
// sums of all the samples, and a profile whose exact figures equal
// build_profile's and whose quantiles keep the sketch's bound.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "aggregate/aggregate.hpp"
#include "aggregate/approx_profile.hpp"
#include "aggregate/partial.hpp"
#include "report/report.hpp"

using namespace tokprof;
using namespace tokprof::aggregate;

namespace {

constexpr double k_alpha = 0.01;

// Every model answers every key (so build_profile's common set is every
// sample, as in approximate mode), with usage on some models, fractional
// and 0/1 scores, reported costs on one model and reasoning on another.
std::vector<Sample> keyed_samples(std::mt19937_64& rng, int ids = 40) {
  std::lognormal_distribution<double> length(5.5, 1.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<Sample> samples;
  const std::vector<std::string> models = {"gpt-4o", "o3", "llama"};
  const std::vector<std::string> tasks = {"math", "code", ""};
  std::int64_t line = 0;
  for (const std::string& model : models) {
    for (const std::string& task : tasks) {
      for (int id = 0; id < ids; ++id) {
        Sample s;
        s.model = model;
        s.task = task;
        s.sample_id = "q" + std::to_string(id);
        s.counted_output_tokens = static_cast<std::int64_t>(std::round(length(rng)));
        if (model != "llama") {
          s.usage.output = s.counted_output_tokens + (model == "o3" ? static_cast<std::int64_t>(length(rng)) : 0);
          s.usage.input = static_cast<std::int64_t>(length(rng));
          s.usage.cache_read = *s.usage.input / 3;
        }
        if (model == "o3") {
          s.usage.reasoning = *s.usage.output - s.counted_output_tokens + 1;  // one more than shown: clamped
          s.reported_cost_usd = unit(rng) / 100;
        }
        s.score = task == "code" ? std::optional<double>(unit(rng)) : std::optional<double>(unit(rng) < 0.6);
        s.tokenizer = model == "llama" ? "cl100k_base" : "o200k_base";
        s.tokenizer_exact = model != "llama";
        s.file = "t.jsonl";
        s.line = ++line;
        samples.push_back(std::move(s));
      }
    }
  }
  return samples;
}

PartialSettings test_settings() {
  PartialSettings s;
  s.tool_version = "test";
  return s;
}

ApproxSums sums_of(const std::vector<Sample>& samples) {
  auto sums = approx_sums(samples, k_alpha, 1.0);
  REQUIRE_MESSAGE(sums, (sums ? "" : sums.error().to_string()));
  return std::move(*sums);
}

Partial approx_partial(const std::vector<Sample>& samples, std::vector<std::string> inputs) {
  Partial partial;
  partial.settings = test_settings();
  partial.inputs = std::move(inputs);
  partial.approx = sums_of(samples);
  return partial;
}

Partial round_trip(const Partial& partial) {
  auto text = serialise_partial(partial);
  REQUIRE(text);
  auto parsed = parse_partial(*text, "p.json");
  REQUIRE_MESSAGE(parsed, (parsed ? "" : parsed.error().to_string()));
  return std::move(*parsed);
}

PriceTable prices() {
  PriceTable table("prices.json");
  table.add("gpt-4o", ModelPrice{2.5e-6, 1e-5, 1.25e-6, std::nullopt, std::nullopt});
  table.add("o3", ModelPrice{2e-6, 8e-6, 5e-7, std::nullopt, 9e-6});
  return table;
}

std::string json_report(const Profile& profile) {
  report::ReportData data;
  data.profile = profile;
  auto text = report::render(report::Format::json, data);
  REQUIRE(text);
  return *text;
}

Profile approx_profile(const ApproxSums& sums, const Options& options = {}) {
  auto profile = build_approx_profile(sums, {}, options);
  REQUIRE_MESSAGE(profile, (profile ? "" : profile.error().to_string()));
  return std::move(*profile);
}

bool close(std::optional<double> a, std::optional<double> b) {
  if (!a || !b) {
    return a.has_value() == b.has_value();
  }
  return std::abs(*a - *b) <= 1e-12 * std::max(std::abs(*a), std::abs(*b));
}

// The exact figures of `exact` (build_profile) equal those of `approx`:
// integers and integer ratios bit for bit, float sums to the last digits.
void check_exact_figures(const Figures& approx, const Figures& exact) {
  CHECK(approx.samples == exact.samples);
  CHECK(approx.scored == exact.scored);
  CHECK(approx.correct == exact.correct);
  CHECK(approx.output.total == exact.output.total);
  CHECK(approx.output.mean == exact.output.mean);
  CHECK(approx.output.max == exact.output.max);
  CHECK(approx.counted_output == exact.counted_output);
  CHECK(approx.counted_reasoning == exact.counted_reasoning);
  CHECK(approx.reported_output_samples == exact.reported_output_samples);
  CHECK(approx.reported_output == exact.reported_output);
  CHECK(approx.reported_reasoning == exact.reported_reasoning);
  CHECK(approx.hidden_reasoning == exact.hidden_reasoning);
  CHECK(approx.tokens_per_correct == exact.tokens_per_correct);
  CHECK(approx.cost_output_only_samples == exact.cost_output_only_samples);
  CHECK(approx.cost_from_counted_samples == exact.cost_from_counted_samples);
  CHECK(close(approx.score, exact.score));
  CHECK(close(approx.score_per_million_tokens, exact.score_per_million_tokens));
  CHECK(close(approx.cost_usd, exact.cost_usd));
  CHECK(close(approx.cost_per_sample_usd, exact.cost_per_sample_usd));
  CHECK(close(approx.cost_per_correct_usd, exact.cost_per_correct_usd));
  CHECK(close(approx.reported_cost_usd, exact.reported_cost_usd));
}

// The sorted output tokens of `model` (and `task`, unless empty) in `rows`.
std::vector<std::int64_t> sorted_tokens(const Profile& exact, std::size_t model, const std::string* task) {
  std::vector<std::int64_t> tokens;
  for (const Row& row : exact.rows) {
    if (row.model == model && (task == nullptr || exact.tasks[row.task] == *task)) {
      tokens.push_back(row.tokens);
    }
  }
  std::sort(tokens.begin(), tokens.end());
  return tokens;
}

// sketch.hpp's bound: quantile q is within a relative alpha of the value of
// rank floor(q (n - 1)).
void check_quantile(std::optional<double> approx, const std::vector<std::int64_t>& sorted, double q) {
  REQUIRE(approx);
  const auto rank = static_cast<std::size_t>(std::floor(q * static_cast<double>(sorted.size() - 1)));
  const auto value = static_cast<double>(sorted[rank]);
  CHECK(std::abs(*approx - value) <= k_alpha * value + 1e-9);
}

}  // namespace

TEST_CASE("aggregate::ExactSum does not depend on the order of addition") {
  ExactSum tenths;
  for (int i = 0; i < 10; ++i) {
    tenths.add(0.1);
  }
  CHECK(tenths.value() == 1.0);  // a running double sum gives 0.9999999999999999
  ExactSum cancel;
  for (const double value : {1e16, 1.0, -1e16, 1e-3}) {
    cancel.add(value);
  }
  CHECK(cancel.value() == 1.001);

  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> values;
  for (int i = 0; i < 2000; ++i) {
    values.push_back(unit(rng) * std::pow(10.0, static_cast<int>(unit(rng) * 12) - 6));
  }
  ExactSum whole;
  for (const double value : values) {
    whole.add(value);
  }
  for (int trial = 0; trial < 5; ++trial) {
    std::shuffle(values.begin(), values.end(), rng);
    ExactSum left, right;
    for (std::size_t i = 0; i < values.size(); ++i) {
      (i % 3 == 0 ? left : right).add(values[i]);
    }
    right.merge(left);
    CHECK(right.value() == whole.value());  // bit for bit
  }
}

TEST_CASE("aggregate::approx partial round-trips every sum and bucket") {
  std::mt19937_64 rng(11);
  Partial partial = approx_partial(keyed_samples(rng), {"a.jsonl"});
  partial.reading = {{"--task", "wordmath"}, {"--alias", "a=b, c=d"}};
  partial.summaries = {SummaryRow{"published", 57.0, 120000000, std::nullopt, 10, "s.csv", 3}};
  auto text = serialise_partial(partial);
  REQUIRE(text);
  CHECK(text->starts_with(R"({"schema":"tokprof.partial.approx/1")"));
  CHECK(text->find("\"samples\":") == std::string::npos);
  const Partial back = round_trip(partial);
  REQUIRE(back.approx);
  CHECK(*back.approx == *partial.approx);
  CHECK(back.approx->alpha == k_alpha);
  CHECK(back.samples.empty());
  CHECK(back.reading == partial.reading);
  CHECK(back.summaries.size() == 1);
  CHECK(serialise_partial(back).value() == *text);  // nothing rounded on the way
}

TEST_CASE("aggregate::approx partial refuses a layout it does not know") {
  std::mt19937_64 rng(3);
  std::string text = serialise_partial(approx_partial(keyed_samples(rng, 2), {"a.jsonl"})).value();
  std::string renamed = text;
  renamed.replace(renamed.find("\"priced_reasoning\""), 18, "\"other_column\"");
  const auto parsed = parse_partial(renamed, "p.json");
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().to_string().find("unexpected group_columns") != std::string::npos);
  std::string other_sketch = text;
  other_sketch.replace(other_sketch.find("DDSketch"), 8, "KLLSketc");
  CHECK_FALSE(parse_partial(other_sketch, "p.json"));
}

TEST_CASE("aggregate::approx shards merge in any order to the sums of all the samples") {
  std::mt19937_64 rng(5);
  const std::vector<Sample> samples = keyed_samples(rng);
  const ApproxSums whole = sums_of(samples);
  const std::string whole_report = json_report(approx_profile(whole));
  for (int trial = 0; trial < 4; ++trial) {
    const std::size_t shard_count = 2 + static_cast<std::size_t>(trial);
    std::vector<std::vector<Sample>> shards(shard_count);
    for (const Sample& sample : samples) {
      shards[rng() % shard_count].push_back(sample);
    }
    std::vector<Partial> partials;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < shard_count; ++i) {
      partials.push_back(round_trip(approx_partial(shards[i], {"shard" + std::to_string(i)})));
      names.push_back("p" + std::to_string(i));
    }
    std::shuffle(partials.begin(), partials.end(), rng);
    auto merged = merge_partials(partials, names);
    REQUIRE_MESSAGE(merged, (merged ? "" : merged.error().to_string()));
    REQUIRE(merged->approx);
    CHECK(*merged->approx == whole);
    CHECK(json_report(approx_profile(*merged->approx)) == whole_report);
  }
}

TEST_CASE("aggregate::build_approx_profile: exact figures equal build_profile's, quantiles keep the bound") {
  std::mt19937_64 rng(13);
  const std::vector<Sample> samples = keyed_samples(rng, 60);
  for (const Average average : {Average::macro, Average::micro}) {
    Options options;
    options.average = average;
    options.prices = prices();
    options.baseline = "llama";
    const Profile exact = build_profile(samples, {}, options).value();
    const Profile approx = approx_profile(sums_of(samples), options);
    CHECK(approx.quantile_accuracy == k_alpha);
    CHECK(approx.sample_set == SampleSet::all);
    CHECK(approx.tasks == exact.tasks);
    CHECK(approx.tokens_frontier.members == exact.tokens_frontier.members);
    REQUIRE(approx.cost_frontier);
    CHECK(approx.cost_frontier->members == exact.cost_frontier->members);
    REQUIRE(approx.models.size() == exact.models.size());
    for (std::size_t m = 0; m < exact.models.size(); ++m) {
      const ModelProfile& a = approx.models[m];
      const ModelProfile& e = exact.models[m];
      CAPTURE(e.model);
      CHECK(a.model == e.model);
      CHECK(a.tokens_source == e.tokens_source);
      CHECK(a.cost_source == e.cost_source);
      CHECK(a.tokenizers == e.tokenizers);
      CHECK_FALSE(a.intervals);
      check_exact_figures(a.figures, e.figures);
      REQUIRE(a.vs_baseline);
      CHECK(close(a.vs_baseline->tokens_ratio, e.vs_baseline->tokens_ratio));
      const auto all = sorted_tokens(exact, m, nullptr);
      check_quantile(a.figures.output.median, all, 0.5);
      check_quantile(a.figures.output.p90, all, 0.9);
      REQUIRE(a.tasks.size() == e.tasks.size());
      for (std::size_t t = 0; t < e.tasks.size(); ++t) {
        CHECK(a.tasks[t].task == e.tasks[t].task);
        check_exact_figures(a.tasks[t].figures, e.tasks[t].figures);
        const auto tokens = sorted_tokens(exact, m, &e.tasks[t].task);
        check_quantile(a.tasks[t].figures.output.median, tokens, 0.5);
        check_quantile(a.tasks[t].figures.output.p90, tokens, 0.9);
      }
    }
    REQUIRE_FALSE(approx.warnings.empty());
    CHECK(approx.warnings.front().starts_with("approximate mode (--approx-quantiles 0.01)"));
  }
}

TEST_CASE("aggregate::merge_partials: approximate partials") {
  std::mt19937_64 rng(17);
  const std::vector<Sample> samples = keyed_samples(rng, 10);
  const std::vector<Sample> first(samples.begin(), samples.begin() + 40);
  const std::vector<Sample> rest(samples.begin() + 40, samples.end());

  SUBCASE("the same shard twice counts once") {
    const Partial a = approx_partial(first, {"a.jsonl"});
    const auto merged = merge_partials({a, a, approx_partial(rest, {"b.jsonl"})}, {"a1", "a2", "b"});
    REQUIRE(merged);
    CHECK(*merged->approx == sums_of(samples));
  }
  SUBCASE("other relative accuracies are refused") {
    Partial b;
    b.settings = test_settings();
    b.approx = approx_sums(rest, 0.02, 1.0).value();
    const auto merged = merge_partials({approx_partial(first, {"a.jsonl"}), b}, {"a.json", "b.json"});
    REQUIRE_FALSE(merged);
    CHECK(merged.error().message.find("cannot merge b.json with a.json: quantile sketches of relative accuracy "
                                      "0.02 and 0.01") != std::string::npos);
  }
  SUBCASE("exact partials are reduced to sketches, with a warning") {
    Partial exact;
    exact.settings = test_settings();
    exact.samples = rest;
    const auto merged = merge_partials({approx_partial(first, {"a.jsonl"}), exact}, {"a.json", "b.json"});
    REQUIRE(merged);
    REQUIRE(merged->approx);
    CHECK(merged->samples.empty());
    CHECK(*merged->approx == sums_of(samples));
    REQUIRE(merged->warnings.size() == 1);
    CHECK(merged->warnings[0] == "b.json is exact, merged with approximate partials: its samples were reduced to "
                                 "sketches of relative accuracy 0.01");
  }
  SUBCASE("different settings are refused as for exact partials") {
    Partial b = approx_partial(rest, {"b.jsonl"});
    b.settings.tokenizer = "o200k_base";
    const auto merged = merge_partials({approx_partial(first, {"a.jsonl"}), b}, {"a.json", "b.json"});
    REQUIRE_FALSE(merged);
    CHECK(merged.error().message.find("(--tokenizer: auto vs o200k_base)") != std::string::npos);
  }
  SUBCASE("one model counted with two tokenizers is refused") {
    std::vector<Sample> recounted = rest;
    for (Sample& sample : recounted) {
      sample.tokenizer = "p50k_base";
    }
    const auto merged =
        merge_partials({approx_partial(first, {"a.jsonl"}), approx_partial(recounted, {"b.jsonl"})}, {"a", "b"});
    REQUIRE_FALSE(merged);
    CHECK(merged.error().message.find("was counted with o200k_base in a and with p50k_base in b") !=
          std::string::npos);
  }
}

TEST_CASE("aggregate::reading_differences lists the options that differ") {
  Partial a, b, c;
  a.reading = {{"--task", "arena"}, {"--format", "openai"}};
  b.reading = {{"--format", "openai"}};
  c.reading = a.reading;
  CHECK_FALSE(reading_differences({a, c}, {"a", "c"}));
  CHECK(reading_differences({a, b}, {"a.json", "b.json"}) == R"(--task: "arena" in a.json, none in b.json)");
}
