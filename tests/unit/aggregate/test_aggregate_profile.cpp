#include <doctest/doctest.h>

#include <algorithm>
#include <tuple>

#include "aggregate/aggregate.hpp"

using namespace tokprof::aggregate;

namespace {

Sample make_sample(const std::string& model, const std::string& task, const std::string& id,
              std::int64_t counted, std::optional<double> score, std::int64_t line = 0) {
  Sample s;
  s.model = model;
  s.task = task;
  s.sample_id = id;
  s.counted_output_tokens = counted;
  s.score = score;
  s.tokenizer = "o200k_base";
  s.tokenizer_exact = true;
  s.file = "trace.jsonl";
  s.line = line;
  return s;
}

// Model A: math 100 (1), 200 (0); code 300 (1), 400 (1), 500 (1), 600 (0).
std::vector<Sample> model_a() {
  return {make_sample("A", "math", "1", 100, 1), make_sample("A", "math", "2", 200, 0),
          make_sample("A", "code", "1", 300, 1), make_sample("A", "code", "2", 400, 1),
          make_sample("A", "code", "3", 500, 1), make_sample("A", "code", "4", 600, 0)};
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

bool has_warning(const Profile& profile, const std::string& text) {
  for (const std::string& warning : profile.warnings) {
    if (warning == text) {
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("aggregate::build_profile figures of one model") {
  const auto profile = build_profile(model_a(), {}, Options{});
  REQUIRE(profile);
  const Figures& f = model(*profile, "A").figures;
  CHECK(f.samples == 6);
  CHECK(f.correct == 4);
  // macro: mean of math 1/2 and code 3/4.
  CHECK(*f.score == doctest::Approx(0.625));
  CHECK(f.output.total == 2100);
  CHECK(*f.output.mean == doctest::Approx(350));
  CHECK(*f.output.median == doctest::Approx(350));
  CHECK(*f.output.p90 == doctest::Approx(550));
  CHECK(*f.output.max == 600);
  CHECK(*f.tokens_per_correct == doctest::Approx(2100.0 / 4));
  CHECK(*f.score_per_million_tokens == doctest::Approx(0.625 / 0.0021));
  CHECK_FALSE(f.cost_usd);
  CHECK(profile->tasks == std::vector<std::string>{"code", "math"});
  REQUIRE(model(*profile, "A").tasks.size() == 2);
  CHECK(model(*profile, "A").tasks[0].task == "code");
  CHECK(*model(*profile, "A").tasks[0].figures.score == doctest::Approx(0.75));
  CHECK(model(*profile, "A").tasks[1].figures.output.total == 300);
  CHECK(model(*profile, "A").tokens_source == TokensSource::counted);
  CHECK(profile->tokens_frontier.members == std::vector<std::string>{"A"});

  SUBCASE("micro weighs samples") {
    Options options;
    options.average = Average::micro;
    const auto micro = build_profile(model_a(), {}, options);
    CHECK(*model(*micro, "A").figures.score == doctest::Approx(4.0 / 6));
  }
  SUBCASE("unscored samples count for tokens, not for score") {
    auto samples = model_a();
    samples.push_back(make_sample("A", "code", "5", 1000, std::nullopt));
    const auto with = build_profile(samples, {}, Options{});
    const Figures& g = model(*with, "A").figures;
    CHECK(g.output.total == 3100);
    CHECK(*g.score == doctest::Approx(0.625));
    CHECK(*g.tokens_per_correct == doctest::Approx(2100.0 / 4));
    CHECK(has_warning(*with, "A: no score for 1 of 7 samples"));
  }
}

TEST_CASE("aggregate::build_profile correct_at") {
  std::vector<Sample> samples = {make_sample("A", "t", "1", 10, 0.9), make_sample("A", "t", "2", 30, 0.4)};
  const auto strict = build_profile(samples, {}, Options{});
  CHECK(model(*strict, "A").figures.correct == 0);
  CHECK_FALSE(model(*strict, "A").figures.tokens_per_correct);
  CHECK(has_warning(*strict, "A: scores are not all 0 or 1: a sample counts as correct only at "
                             "score >= 1 unless a correct-at threshold is set"));
  Options options;
  options.correct_at = 0.5;
  const auto lenient = build_profile(samples, {}, options);
  CHECK(model(*lenient, "A").figures.correct == 1);
  CHECK(*model(*lenient, "A").figures.tokens_per_correct == doctest::Approx(40));
  CHECK(lenient->warnings.empty());

  SUBCASE("the warning is per model: only the one with scores other than 0 and 1") {
    samples.push_back(make_sample("B", "t", "1", 10, 1));
    samples.push_back(make_sample("B", "t", "2", 10, 0));
    samples.push_back(make_sample("C", "t", "1", 10, 0.5));
    samples.push_back(make_sample("C", "t", "2", 10, std::nullopt));
    const auto three = build_profile(samples, {}, Options{});
    REQUIRE(three);
    const std::string warning = ": scores are not all 0 or 1: a sample counts as correct only at "
                                "score >= 1 unless a correct-at threshold is set";
    CHECK(has_warning(*three, "A" + warning));
    CHECK_FALSE(has_warning(*three, "B" + warning));
    CHECK(has_warning(*three, "C" + warning));
  }
}

TEST_CASE("aggregate::build_profile common samples") {
  // B lacks code/4 and has code/9, which A lacks: the common set is the other 5.
  std::vector<Sample> samples = model_a();
  for (const auto& [task, id, tokens] : std::vector<std::tuple<std::string, std::string, int>>{
           {"math", "1", 50}, {"math", "2", 60}, {"code", "1", 70}, {"code", "2", 80},
           {"code", "3", 90}, {"code", "9", 1000}}) {
    samples.push_back(make_sample("B", task, id, tokens, 1));
  }
  const auto profile = build_profile(samples, {}, Options{});
  REQUIRE(profile);
  CHECK(profile->sample_set == SampleSet::common);
  CHECK(profile->common_keys == 5);
  CHECK(profile->all_keys == 7);
  const ModelProfile& a = model(*profile, "A");
  CHECK(a.coverage.samples == 6);
  CHECK(a.coverage.common == 5);
  CHECK(a.coverage.missing == 1);
  CHECK(a.coverage.extra == 1);
  CHECK(a.figures.samples == 5);
  CHECK(a.figures.output.total == 1500);
  CHECK(*a.figures.score == doctest::Approx(0.75));  // math 1/2, code 3/3
  CHECK(a.all.output.total == 2100);                 // the full set, beside
  CHECK(model(*profile, "B").figures.output.total == 350);
  CHECK(has_warning(*profile, "A: missing 1 sample that other models have"));
  CHECK(has_warning(*profile, "A: 1 of 6 samples left out of the figures (not common to every "
                              "model)"));
  // B: fewer tokens and a higher score on the common set.
  CHECK(profile->tokens_frontier.members == std::vector<std::string>{"B"});

  SUBCASE("epochs are part of the key") {
    samples.push_back(make_sample("A", "math", "1", 100, 1));
    samples.back().epoch = 2;
    const auto with_epoch = build_profile(samples, {}, Options{});
    REQUIRE(with_epoch);
    CHECK(model(*with_epoch, "A").coverage.extra == 2);
  }
  SUBCASE("no shared key: every sample, with a warning") {
    const auto disjoint = build_profile({make_sample("A", "x", "1", 10, 1), make_sample("B", "y", "1", 20, 1)},
                                        {}, Options{});
    REQUIRE(disjoint);
    CHECK(disjoint->sample_set == SampleSet::all);
    CHECK(model(*disjoint, "B").figures.output.total == 20);
    CHECK(disjoint->warnings.front().find("share no") != std::string::npos);
  }
}

TEST_CASE("aggregate::build_profile rejects duplicates") {
  std::vector<Sample> samples = {make_sample("A", "t", "1", 10, 1, 3), make_sample("A", "t", "1", 20, 1, 9)};
  samples[1].file = "other.jsonl";
  const auto profile = build_profile(samples, {}, Options{});
  REQUIRE_FALSE(profile);
  CHECK(profile.error().message ==
        "duplicate sample: model \"A\", task \"t\", id \"1\", epoch 1 appears at trace.jsonl:3 "
        "and at other.jsonl:9");
  CHECK(profile.error().file == "other.jsonl");
  CHECK(profile.error().line == 9);

  SUBCASE("of several, the one whose repeat comes first, with its first occurrence") {
    // Lines 1..6: A/2 is repeated at line 4 (first at 2), A/1 at 5 and 6.
    const std::vector<Sample> many = {make_sample("A", "t", "1", 1, 1, 1), make_sample("A", "t", "2", 1, 1, 2),
                                      make_sample("B", "t", "1", 1, 1, 3), make_sample("A", "t", "2", 1, 1, 4),
                                      make_sample("A", "t", "1", 1, 1, 5), make_sample("A", "t", "1", 1, 1, 6)};
    const auto refused = build_profile(many, {}, Options{});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message ==
          "duplicate sample: model \"A\", task \"t\", id \"2\", epoch 1 appears at trace.jsonl:2 "
          "and at trace.jsonl:4");
  }
}

TEST_CASE("aggregate::build_profile tokens source") {
  std::vector<Sample> samples = {make_sample("A", "t", "1", 300, 1), make_sample("A", "t", "2", 100, 0)};
  samples[0].usage.output = 1000;
  samples[0].usage.reasoning = 700;
  samples[1].usage.output = 400;
  SUBCASE("auto: reported when every sample has it; the hidden gap beside") {
    const auto profile = build_profile(samples, {}, Options{});
    const ModelProfile& a = model(*profile, "A");
    CHECK(a.tokens_source == TokensSource::reported);
    CHECK(a.figures.output.total == 1400);
    CHECK(a.figures.counted_output == 400);
    CHECK(a.figures.reported_reasoning == 700);
    CHECK(*a.figures.hidden_reasoning == 1000);  // (1000 - 300) + (400 - 100)
  }
  SUBCASE("auto: counted when a sample lacks it, with a warning") {
    samples[1].usage.output.reset();
    const auto profile = build_profile(samples, {}, Options{});
    const ModelProfile& a = model(*profile, "A");
    CHECK(a.tokens_source == TokensSource::counted);
    CHECK(a.figures.output.total == 400);
    CHECK(*a.figures.hidden_reasoning == 700);  // only where both exist
    CHECK(has_warning(*profile, "A: no reported output tokens for 1 of 2 samples: using counted "
                                "tokens (visible output only)"));
  }
  SUBCASE("forced reported fails on a sample without it") {
    samples[1].usage.output.reset();
    samples[1].line = 12;
    Options options;
    options.tokens = TokensMode::reported;
    const auto profile = build_profile(samples, {}, options);
    REQUIRE_FALSE(profile);
    CHECK(profile.error().to_string() ==
          "trace.jsonl:12: model \"A\": tokens source \"reported\" needs reported output tokens, "
          "but 1 samples have none (the first is here)");
  }
  SUBCASE("forced counted") {
    Options options;
    options.tokens = TokensMode::counted;
    CHECK(model(*build_profile(samples, {}, options), "A").figures.output.total == 400);
  }
}

TEST_CASE("aggregate::build_profile costs") {
  PriceTable prices("prices.json");
  prices.add("gpt-4o", ModelPrice{2.5e-06, 1e-05, 1.25e-06, std::nullopt, std::nullopt});
  std::vector<Sample> samples = {make_sample("gpt-4o-2024-08-06", "t", "1", 150, 1),
                                 make_sample("gpt-4o-2024-08-06", "t", "2", 100, 0),
                                 make_sample("local", "t", "1", 50, 1), make_sample("local", "t", "2", 60, 1)};
  samples[0].usage = {1000, 200, std::nullopt, 400, std::nullopt};
  samples[1].usage = {500, 100, std::nullopt, std::nullopt, std::nullopt};
  Options options;
  options.prices = prices;
  const auto profile = build_profile(samples, {}, options);
  REQUIRE(profile);
  const ModelProfile& gpt = model(*profile, "gpt-4o-2024-08-06");
  CHECK(gpt.cost_source == CostSource::prices);
  CHECK(gpt.price_key == "gpt-4o");
  // Sample 1: 0.004 (see prices test); sample 2: 500 x 2.5e-6 + 100 x 1e-5 = 0.00225.
  CHECK(*gpt.figures.cost_usd == doctest::Approx(0.00625));
  CHECK(*gpt.figures.cost_per_sample_usd == doctest::Approx(0.003125));
  CHECK(*gpt.figures.cost_per_correct_usd == doctest::Approx(0.00625));
  const ModelProfile& local = model(*profile, "local");
  CHECK(local.cost_source == CostSource::none);
  CHECK_FALSE(local.figures.cost_usd);
  CHECK(has_warning(*profile, "local: no price in prices.json: unpriced"));
  REQUIRE(profile->cost_frontier);
  CHECK(profile->cost_frontier->members == std::vector<std::string>{"gpt-4o-2024-08-06"});

  SUBCASE("costs the traces report, when every sample has one") {
    samples[2].reported_cost_usd = 0.5;
    samples[3].reported_cost_usd = 0.25;
    const auto traced = build_profile(samples, {}, options);
    CHECK(model(*traced, "local").cost_source == CostSource::trace);
    CHECK(*model(*traced, "local").figures.cost_usd == doctest::Approx(0.75));
  }
  SUBCASE("no reported usage: priced from counted output, flagged") {
    prices.add("local", ModelPrice{1e-06, 2e-06, std::nullopt, std::nullopt, std::nullopt});
    options.prices = prices;
    const auto estimated = build_profile(samples, {}, options);
    const Figures& f = model(*estimated, "local").figures;
    CHECK(*f.cost_usd == doctest::Approx(110 * 2e-06));
    CHECK(f.cost_output_only_samples == 2);
    CHECK(has_warning(*estimated, "local: no reported input tokens for 2 samples: cost covers output "
                                  "only"));
  }
}

TEST_CASE("aggregate::build_profile summary rows") {
  const std::vector<SummaryRow> published = {{"Muse Spark", 52, 58'000'000, {}, {}, "aa.csv", 2},
                                             {"GPT-5.4", 57, 120'000'000, {}, {}, "aa.csv", 3},
                                             {"Gemini 3.1 Pro", 57, 57'000'000, {}, {}, "aa.csv", 4},
                                             {"Claude Opus 4.6", 53, 157'000'000, {}, {}, "aa.csv", 5}};
  const auto profile = build_profile(std::vector<Sample>{}, published, Options{});
  REQUIRE(profile);
  CHECK(profile->tokens_frontier.members == std::vector<std::string>{"Gemini 3.1 Pro"});
  CHECK(model(*profile, "Gemini 3.1 Pro").from_summary);
  CHECK(model(*profile, "Gemini 3.1 Pro").tokens_source == TokensSource::summary);
  CHECK(*model(*profile, "Gemini 3.1 Pro").figures.score_per_million_tokens == doctest::Approx(1.0));
  CHECK_FALSE(profile->cost_frontier);
  CHECK(profile->warnings.empty());

  SUBCASE("a model in both samples and a summary is an error") {
    const auto both = build_profile({make_sample("GPT-5.4", "t", "1", 10, 1)}, published, Options{});
    REQUIRE_FALSE(both);
    CHECK(both.error().message == "model \"GPT-5.4\" appears in a summary table and in the samples");
  }
  SUBCASE("baseline ratios") {
    Options options;
    options.baseline = "GPT-5.4";
    const auto with = build_profile(std::vector<Sample>{}, published, options);
    REQUIRE(with);
    const BaselineDelta& delta = *model(*with, "Gemini 3.1 Pro").vs_baseline;
    CHECK(*delta.tokens_ratio == doctest::Approx(57.0 / 120));
    CHECK(*delta.score_difference == doctest::Approx(0));
    options.baseline = "nobody";
    CHECK(build_profile(std::vector<Sample>{}, published, options).error().message ==
          "baseline model \"nobody\" is not in the profile");
  }
}

TEST_CASE("aggregate::build_profile rejects bad values") {
  auto samples = model_a();
  samples[2].counted_output_tokens = -1;
  samples[2].line = 5;
  const auto negative = build_profile(samples, {}, Options{});
  REQUIRE_FALSE(negative);
  CHECK(negative.error().to_string() == "trace.jsonl:5: model \"A\": negative token count -1");
  samples = model_a();
  samples[0].model.clear();
  CHECK_FALSE(build_profile(samples, {}, Options{}));
}

TEST_CASE("aggregate::build_profile does not depend on input order") {
  // Scores and costs whose floating-point sums differ by order: the figures
  // must be bit-identical, so that merged partials give the same report.
  std::vector<Sample> samples;
  for (int i = 0; i < 40; ++i) {
    samples.push_back(make_sample("A", i % 3 == 0 ? "x" : "y", std::to_string(i), 100 + i * 7,
                                  0.1 * (i % 7) + 0.013 * i));
    samples.back().reported_cost_usd = 0.001 * (i % 5) + 1e-7 * i;
  }
  const auto forward = build_profile(samples, {}, Options{});
  std::reverse(samples.begin(), samples.end());
  std::rotate(samples.begin(), samples.begin() + 17, samples.end());
  const auto shuffled = build_profile(samples, {}, Options{});
  REQUIRE(forward);
  REQUIRE(shuffled);
  const Figures& f = model(*forward, "A").figures;
  const Figures& g = model(*shuffled, "A").figures;
  CHECK(*f.score == *g.score);
  CHECK(*f.cost_usd == *g.cost_usd);
  CHECK(*f.output.p90 == *g.output.p90);
  const auto where = [](const Profile& profile) {
    const Row& row = profile.rows.front();
    return format_location(profile.files[row.file], row.line);
  };
  CHECK(where(*forward) == where(*shuffled));
}

TEST_CASE("aggregate::build_profile that takes a SampleTable gives the same profile and frees it") {
  // Two models over shared and unshared keys, with a bootstrap: the table's
  // moving overload must give each key the id of its own samples, exactly
  // as the vector one does, and drop the table.
  std::vector<Sample> samples = model_a();
  for (const char* id : {"1", "3", "9"}) {
    samples.push_back(make_sample("B", "code", id, 50, 1, 7));
  }
  Options options;
  options.bootstrap = BootstrapOptions{};
  options.bootstrap->replicates = 50;
  const auto copied = build_profile(samples, {}, options);
  const std::size_t count = samples.size();
  SampleTable table(samples);
  const auto taken = build_profile(std::move(table), {}, options);
  REQUIRE(copied);
  REQUIRE(taken);
  CHECK(table.empty());  // NOLINT(bugprone-use-after-move): emptying it is the contract
  REQUIRE(taken->keys.size() == copied->keys.size());
  for (std::size_t key = 0; key < taken->keys.size(); ++key) {
    CHECK(taken->keys[key].sample_id == copied->keys[key].sample_id);
    CHECK(taken->keys[key].task == copied->keys[key].task);
    CHECK(taken->keys[key].common == copied->keys[key].common);
  }
  std::vector<std::string> ids;
  for (const SampleKey& key : taken->keys) {
    ids.push_back(taken->tasks[key.task] + "/" + std::string(key.sample_id));
  }
  CHECK(ids == std::vector<std::string>{"code/1", "code/2", "code/3", "code/4", "code/9", "math/1", "math/2"});
  REQUIRE(taken->rows.size() == count);
  for (std::size_t i = 0; i < count; ++i) {
    CHECK(taken->rows[i].key == copied->rows[i].key);
    CHECK(taken->rows[i].tokens == copied->rows[i].tokens);
  }
  REQUIRE(taken->models.size() == 2);
  for (std::size_t m = 0; m < 2; ++m) {
    const Figures& a = taken->models[m].figures;
    const Figures& b = copied->models[m].figures;
    CHECK(a.output.total == b.output.total);
    CHECK(a.score == b.score);
    REQUIRE(taken->models[m].intervals.has_value());
    REQUIRE(copied->models[m].intervals.has_value());
    const auto& x = taken->models[m].intervals->output_total;
    const auto& y = copied->models[m].intervals->output_total;
    REQUIRE(x.has_value() == y.has_value());
    if (x) {
      CHECK(x->low == y->low);
      CHECK(x->high == y->high);
    }
  }
}

TEST_CASE("aggregate::build_profile orders keys by task, then sample id byte by byte, then epoch") {
  // Ids alike in their first 8 bytes, shorter than 8 bytes, prefixes of one
  // another, with a zero byte and with bytes above 0x7f: the order must be
  // std::string's, whatever the alignment sorts on first.
  const std::vector<std::string> ids = {"abcdefgh2", "abcdefgh10", "abcdefgh", "b", std::string("a\0", 2), "a", "",
                                        "\xff", "abcdefgh1", "abcdefgi"};
  // A and B answer every id in task t; B alone in task s, "abcdefgi" twice.
  std::vector<Sample> samples;
  for (const std::string& id : ids) {
    samples.push_back(make_sample("A", "t", id, 1, 1));
    samples.push_back(make_sample("B", "t", id, 1, 1));
    samples.push_back(make_sample("B", "s", id, 1, 1));
  }
  samples.back().epoch = 2;
  samples.push_back(make_sample("B", "s", "abcdefgi", 1, 1));
  const auto profile = build_profile(samples, {}, Options{});
  REQUIRE(profile);
  REQUIRE(profile->tasks == std::vector<std::string>{"s", "t"});

  std::vector<std::string> sorted = ids;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::tuple<std::size_t, std::string, std::int64_t, bool>> expected;
  for (const std::string& id : sorted) {
    expected.emplace_back(0, id, 1, false);
    if (id == "abcdefgi") {
      expected.emplace_back(0, id, 2, false);
    }
  }
  for (const std::string& id : sorted) {
    expected.emplace_back(1, id, 1, true);
  }
  std::vector<std::tuple<std::size_t, std::string, std::int64_t, bool>> keys;
  for (const SampleKey& key : profile->keys) {
    keys.emplace_back(key.task, key.sample_id, key.epoch, key.common);
  }
  CHECK(keys == expected);
  CHECK(profile->common_keys == static_cast<std::int64_t>(ids.size()));

  SUBCASE("ids alike in their first 8 bytes are still told apart as duplicates") {
    samples.push_back(make_sample("A", "t", "abcdefgh10", 1, 1, 99));
    const auto refused = build_profile(samples, {}, Options{});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().line == 99);
    CHECK(refused.error().message.find("id \"abcdefgh10\"") != std::string::npos);
  }
}

TEST_CASE("aggregate::build_profile rows: by model then key, files in the order they first appear") {
  std::vector<Sample> samples = {make_sample("B", "t", "2", 1, 1, 1), make_sample("A", "t", "3", 2, 1, 2),
                                 make_sample("B", "t", "1", 3, 1, 3), make_sample("A", "t", "1", 4, 1, 4),
                                 make_sample("A", "t", "2", 5, 1, 5)};
  samples[0].file = "z.jsonl";
  samples[1].file = "a.jsonl";
  samples[2].file = "z.jsonl";
  samples[3].file = "m.jsonl";
  samples[4].file = "a.jsonl";
  const auto profile = build_profile(samples, {}, Options{});
  REQUIRE(profile);
  CHECK(profile->files == std::vector<std::string>{"z.jsonl", "a.jsonl", "m.jsonl"});
  REQUIRE(profile->rows.size() == 5);
  // A/1, A/2, A/3, B/1, B/2: lines 4, 5, 2, 3, 1.
  const std::int64_t lines[] = {4, 5, 2, 3, 1};
  const std::uint32_t files[] = {2, 1, 1, 0, 0};
  for (std::size_t i = 0; i < 5; ++i) {
    CAPTURE(i);
    CHECK(profile->rows[i].line == lines[i]);
    CHECK(profile->rows[i].file == files[i]);
    CHECK(profile->rows[i].model == (i < 3 ? 0U : 1U));
    CHECK(profile->keys[profile->rows[i].key].sample_id == std::to_string(i < 3 ? i + 1 : i - 2));
  }
}

TEST_CASE("aggregate::build_profile frees a handed-over table as it reads it, with the same rows") {
  // More samples than a block of the table's entries, in an order far from
  // the rows' (model, key) order: the rows made in input order while the
  // table is freed behind them must land where the read-only path puts them.
  std::vector<Sample> samples;
  for (int i = 0; i < 9000; ++i) {
    const int id = (i / 2 * 7919) % 4500;  // each id once per model, shuffled
    Sample s = make_sample(i % 2 == 0 ? "B" : "A", id % 3 == 0 ? "math" : "code", std::to_string(id), 100 + i,
                           (i % 5) * 0.25, i + 1);
    if (i % 3 == 0) {
      s.usage.output = 90 + i;
    }
    samples.push_back(s);
  }
  const auto kept = build_profile(samples, {}, Options{});
  SampleTable table(samples);
  const auto freed = build_profile(std::move(table), {}, Options{});
  REQUIRE(kept);
  REQUIRE(freed);
  REQUIRE(freed->rows.size() == kept->rows.size());
  for (std::size_t i = 0; i < kept->rows.size(); ++i) {
    const Row& a = kept->rows[i];
    const Row& b = freed->rows[i];
    CAPTURE(i);
    CHECK(std::tie(a.model, a.key, a.task, a.file, a.line, a.tokens, a.counted) ==
          std::tie(b.model, b.key, b.task, b.file, b.line, b.tokens, b.counted));
    CHECK(a.reported.get() == b.reported.get());
    CHECK(a.score.get() == b.score.get());
  }
  // The rows are in (model, key) order.
  for (std::size_t i = 1; i < freed->rows.size(); ++i) {
    const Row& before = freed->rows[i - 1];
    const Row& row = freed->rows[i];
    CHECK(std::pair(before.model, before.key) < std::pair(row.model, row.key));
  }
  CHECK(freed->keys.size() == 4500);
}
