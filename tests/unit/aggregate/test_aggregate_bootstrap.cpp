// The bootstrap against cases with known answers: a constant sample, the
// closed-form interval of a large normal sample's mean, reproducibility
// under a seed and across thread counts, and pairing.

#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "aggregate/aggregate.hpp"
#include "aggregate/draw_counts.hpp"
#include "aggregate/random.hpp"

using namespace tokprof::aggregate;

namespace {

Sample make_sample(const std::string& model, const std::string& task, std::int64_t id,
                   std::int64_t counted, std::optional<double> score) {
  Sample s;
  s.model = model;
  s.task = task;
  s.sample_id = std::to_string(id);
  s.counted_output_tokens = counted;
  s.score = score;
  s.tokenizer = "o200k_base";
  s.tokenizer_exact = true;
  s.file = "trace.jsonl";
  return s;
}

// Returns a standard normal draw (Box-Muller) from `rng`.
double normal(Rng& rng) {
  const double u1 = (static_cast<double>(rng.next() >> 11) + 0.5) / 9007199254740992.0;
  const double u2 = static_cast<double>(rng.next() >> 11) / 9007199254740992.0;
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
}

Profile profile_of(const std::vector<Sample>& samples, BootstrapOptions bootstrap,
                   std::optional<std::string> baseline = std::nullopt) {
  Options options;
  options.bootstrap = bootstrap;
  options.baseline = std::move(baseline);
  auto profile = build_profile(samples, {}, options);
  REQUIRE_MESSAGE(profile, (profile ? "" : profile.error().to_string()));
  return *profile;
}

const ModelProfile& model(const Profile& profile, const std::string& name) {
  for (const ModelProfile& m : profile.models) {
    if (m.model == name) {
      return m;
    }
  }
  FAIL("no model " << name);
  return profile.models.front();
}

double width(const std::optional<Interval>& interval) {
  REQUIRE(interval);
  return interval->high - interval->low;
}

// Two models on `n` prompts whose difficulty varies a lot: B spends 5% more
// than A on every prompt, give or take 1%.
std::vector<Sample> paired_case(std::int64_t n) {
  std::vector<Sample> samples;
  Rng rng(42);
  for (std::int64_t i = 0; i < n; ++i) {
    const double difficulty = 200 + static_cast<double>(rng.below(4000));
    const double noise = 1 + 0.01 * normal(rng);
    samples.push_back(make_sample("A", "t", i, std::llround(difficulty), 1));
    samples.push_back(make_sample("B", "t", i, std::llround(difficulty * 1.05 * noise), 1));
  }
  return samples;
}

bool same_intervals(const FigureIntervals& a, const FigureIntervals& b) {
  return a.score->low == b.score->low && a.score->high == b.score->high &&
         a.output_mean->low == b.output_mean->low && a.output_mean->high == b.output_mean->high;
}

}  // namespace

TEST_CASE("aggregate::Rng") {
  SUBCASE("the same seed gives the same stream") {
    Rng a(7);
    Rng b(7);
    for (int i = 0; i < 100; ++i) {
      CHECK(a.next() == b.next());
    }
  }
  SUBCASE("below stays in range and reaches every value") {
    Rng rng(1);
    std::set<std::uint64_t> seen;
    for (int i = 0; i < 2000; ++i) {
      const std::uint64_t value = rng.below(7);
      CHECK(value < 7);
      seen.insert(value);
    }
    CHECK(seen.size() == 7);
    CHECK(rng.below(1) == 0);
  }
  SUBCASE("below is roughly uniform for a bound near 2^63") {
    Rng rng(3);
    const std::uint64_t bound = (std::uint64_t{1} << 63) + 1;
    int upper = 0;
    for (int i = 0; i < 10000; ++i) {
      upper += rng.below(bound) >= bound / 2 ? 1 : 0;
    }
    // A plain modulo would put about 3/4 of the draws in the lower half.
    CHECK(upper > 4700);
    CHECK(upper < 5300);
  }
}

TEST_CASE("aggregate::percentile_interval") {
  std::vector<double> values;
  for (int i = 0; i <= 100; ++i) {
    values.push_back(100 - i);
  }
  const auto interval = percentile_interval(values, 0.9);
  REQUIRE(interval);
  CHECK(interval->low == doctest::Approx(5));
  CHECK(interval->high == doctest::Approx(95));
  std::vector<double> none;
  CHECK_FALSE(percentile_interval(none, 0.95));
}

TEST_CASE("aggregate::default_replicates") {
  CHECK(default_replicates(0) == 1000);
  CHECK(default_replicates(5000) == 1000);
  CHECK(default_replicates(200000) == 500);
  CHECK(default_replicates(50000000) == 200);
}

TEST_CASE("aggregate::add_bootstrap a constant sample has zero-width intervals") {
  std::vector<Sample> samples;
  for (int i = 0; i < 50; ++i) {
    samples.push_back(make_sample("A", i % 2 == 0 ? "x" : "y", i, 300, 1));
  }
  const Profile profile = profile_of(samples, BootstrapOptions{200, 9, 0.95, false, 1});
  const FigureIntervals& intervals = *model(profile, "A").intervals;
  CHECK(width(intervals.score) == 0);
  CHECK(width(intervals.output_mean) == 0);
  CHECK(width(intervals.output_total) == 0);
  CHECK(width(intervals.tokens_per_correct) == 0);
  CHECK(intervals.output_mean->low == 300);
  CHECK(width(model(profile, "A").tasks[0].intervals->output_mean) == 0);
  REQUIRE(profile.bootstrap);
  CHECK(profile.bootstrap->replicates == 200);
  CHECK(profile.bootstrap->keys == 50);
  CHECK(*model(profile, "A").stability->tokens == 1.0);
}

TEST_CASE("aggregate::add_bootstrap matches the closed form for a normal mean") {
  const std::int64_t n = 2000;
  std::vector<Sample> samples;
  Rng rng(2024);
  for (std::int64_t i = 0; i < n; ++i) {
    samples.push_back(make_sample("A", "t", i, std::llround(1000 + 100 * normal(rng)), 1));
  }
  double sum = 0;
  double squares = 0;
  for (const Sample& s : samples) {
    sum += static_cast<double>(s.counted_output_tokens);
  }
  const double mean = sum / static_cast<double>(n);
  for (const Sample& s : samples) {
    squares += std::pow(static_cast<double>(s.counted_output_tokens) - mean, 2);
  }
  const double sd = std::sqrt(squares / static_cast<double>(n - 1));
  const double half = 1.959964 * sd / std::sqrt(static_cast<double>(n));  // ~4.4 tokens

  const Profile profile = profile_of(samples, BootstrapOptions{4000, 5, 0.95, false, 0});
  const Interval interval = *model(profile, "A").intervals->output_mean;
  // Monte Carlo error of a 2.5% quantile over 4000 replicates is ~3% of the
  // half-width; allow 10%.
  CHECK(interval.low == doctest::Approx(mean - half).epsilon(0.1 * half / mean));
  CHECK(interval.high == doctest::Approx(mean + half).epsilon(0.1 * half / mean));
  CHECK((interval.high - interval.low) / 2 == doctest::Approx(half).epsilon(0.1));
}

TEST_CASE("aggregate::add_bootstrap is reproducible") {
  const auto samples = paired_case(300);
  const Profile one = profile_of(samples, BootstrapOptions{300, 11, 0.95, false, 1}, "A");
  const Profile four = profile_of(samples, BootstrapOptions{300, 11, 0.95, false, 4});
  const Profile again = profile_of(samples, BootstrapOptions{300, 11, 0.95, false, 2});
  const Profile other = profile_of(samples, BootstrapOptions{300, 12, 0.95, false, 1});
  for (const std::string name : {"A", "B"}) {
    CHECK(same_intervals(*model(one, name).intervals, *model(four, name).intervals));
    CHECK(same_intervals(*model(one, name).intervals, *model(again, name).intervals));
    CHECK_FALSE(same_intervals(*model(one, name).intervals, *model(other, name).intervals));
  }
}

TEST_CASE("aggregate::add_bootstrap pairs models by key") {
  const Profile profile = profile_of(paired_case(400), BootstrapOptions{1000, 3, 0.95, true, 0}, "A");
  const Interval a = *model(profile, "A").intervals->output_mean;
  const Interval b = *model(profile, "B").intervals->output_mean;
  // Unpaired, the two means are indistinguishable: their intervals overlap.
  CHECK(a.high > b.low);
  // Paired, B's 5% extra is certain: the ratio's interval excludes 1.
  const auto& delta = *model(profile, "B").vs_baseline;
  REQUIRE(delta.tokens_ratio_interval);
  CHECK(delta.tokens_ratio_interval->low > 1.03);
  CHECK(delta.tokens_ratio_interval->high < 1.07);
  CHECK(*delta.tokens_ratio == doctest::Approx(1.05).epsilon(0.01));
  CHECK(width(delta.score_difference_interval) == 0);
  // Without a baseline, the same pair is a comparison, A against B.
  const Profile pairs = profile_of(paired_case(400), BootstrapOptions{1000, 3, 0.95, true, 0});
  REQUIRE(pairs.comparisons.size() == 1);
  CHECK(pairs.comparisons[0].model == "A");
  CHECK(pairs.comparisons[0].reference == "B");
  CHECK(pairs.comparisons[0].delta.tokens_ratio_interval->high < 0.98);
  // Same scores, fewer tokens: A is on the frontier in every resample.
  CHECK(*model(profile, "A").stability->tokens == 1.0);
  CHECK(*model(profile, "B").stability->tokens == 0.0);
}

TEST_CASE("aggregate::add_bootstrap keeps each task's sample count") {
  std::vector<Sample> samples;
  for (int i = 0; i < 10; ++i) {
    samples.push_back(make_sample("A", "easy", i, 100, 1));
  }
  samples.push_back(make_sample("A", "hard", 99, 1000, 0));
  // Unstratified, "hard" would be missing from a third of the replicates
  // and the macro score would jump between 0.5 and 1.
  const Profile profile = profile_of(samples, BootstrapOptions{500, 1, 0.95, false, 1});
  CHECK(width(model(profile, "A").intervals->score) == 0);
  CHECK(width(model(profile, "A").intervals->output_total) == 0);
}

TEST_CASE("aggregate::add_bootstrap gives a leaderboard score no interval") {
  std::vector<Sample> samples;
  for (int i = 0; i < 40; ++i) {
    samples.push_back(make_sample("A", "t", i, 100 + 10 * (i % 7), std::nullopt));
    samples.push_back(make_sample("B", "t", i, 200 + 10 * (i % 5), std::nullopt));
  }
  Options options;
  options.bootstrap = BootstrapOptions{200, 4, 0.95, true, 1};
  options.baseline = "B";
  options.model_scores = {{"A", 60.0}, {"B", 50.0}};
  const auto profile = build_profile(samples, {}, options);
  REQUIRE(profile);
  for (const std::string name : {"A", "B"}) {
    const ModelProfile& m = model(*profile, name);
    CHECK(m.score_from_table);
    REQUIRE(m.intervals);
    // The score is one published number, never resampled: no interval,
    // rather than a zero-width one that would claim certainty.
    CHECK_FALSE(m.intervals->score);
    CHECK(width(m.intervals->output_mean) > 0);
  }
  const auto& delta = *model(*profile, "A").vs_baseline;
  CHECK(*delta.score_difference == doctest::Approx(10.0));
  CHECK_FALSE(delta.score_difference_interval);
  CHECK(delta.tokens_ratio_interval);
}

TEST_CASE("aggregate::add_bootstrap lists each pair once beside a baseline") {
  std::vector<Sample> samples;
  for (int i = 0; i < 30; ++i) {
    for (const std::string name : {"A", "B", "C"}) {
      samples.push_back(make_sample(name, "t", i, 100 + i + (name == "C" ? 50 : 0), 1));
    }
  }
  const Profile profile = profile_of(samples, BootstrapOptions{100, 2, 0.95, true, 1}, "A");
  // A-B and A-C are in vs_baseline; only B-C is left for the pairs.
  REQUIRE(profile.comparisons.size() == 1);
  CHECK(profile.comparisons[0].model == "B");
  CHECK(profile.comparisons[0].reference == "C");
  CHECK(model(profile, "B").vs_baseline);
  CHECK(model(profile, "C").vs_baseline);
}

TEST_CASE("aggregate::add_bootstrap rejects bad options") {
  Options options;
  options.bootstrap = BootstrapOptions{10, 1, 1.0, false, 1};
  CHECK_FALSE(build_profile(paired_case(5), {}, options));
  options.bootstrap = BootstrapOptions{-1, 1, 0.9, false, 1};
  CHECK_FALSE(build_profile(paired_case(5), {}, options));
}

TEST_CASE("aggregate::add_projection") {
  Options options;
  options.volume_per_month = 1e6;
  auto samples = paired_case(20);
  for (Sample& s : samples) {
    s.reported_cost_usd = 0.002;
  }
  options.bootstrap = BootstrapOptions{100, 1, 0.95, false, 1};
  const auto profile = build_profile(samples, {}, options);
  REQUIRE(profile);
  const Projection& projection = *model(*profile, "A").projection;
  CHECK(projection.monthly_usd == doctest::Approx(2000));
  REQUIRE(projection.interval);
  CHECK(projection.interval->low == doctest::Approx(2000));
  options.volume_per_month = 0;
  CHECK_FALSE(build_profile(samples, {}, options));
}

TEST_CASE("aggregate::BoundedDraw draws what Rng::below draws, without dividing") {
  const std::uint64_t max = ~std::uint64_t{0};
  for (const std::uint64_t bound : {std::uint64_t{1}, std::uint64_t{2}, std::uint64_t{3}, std::uint64_t{7},
                                    std::uint64_t{1000}, std::uint64_t{331755}, (std::uint64_t{1} << 32) + 1,
                                    (std::uint64_t{1} << 63) + 5, max - 1, max}) {
    CAPTURE(bound);
    Rng a(bound);
    Rng b(bound);
    const BoundedDraw draw(bound);
    for (int i = 0; i < 2000; ++i) {
      REQUIRE(draw(a) == b.below(bound));
    }
    // The remainder on its own, at the edges of the 64-bit range.
    for (const std::uint64_t value : {std::uint64_t{0}, bound - 1, bound, max - 1, max}) {
      CHECK(draw.remainder(value) == value % bound);
    }
  }
}

TEST_CASE("aggregate::DrawCounts counts past a byte exactly") {
  DrawCounts counts;
  counts.reset(4);
  for (int i = 0; i < 600; ++i) {
    counts.draw(1);
  }
  for (int i = 0; i < 255; ++i) {
    counts.draw(2);
  }
  counts.draw(3);
  CHECK(counts.of(0) == 0);
  CHECK(counts.of(1) == 600);
  CHECK(counts.of(2) == 255);
  CHECK(counts.of(3) == 1);
  counts.reset(4);
  CHECK(counts.of(1) == 0);
}
