// The paired bootstrap (aggregate/bootstrap.hpp) on 8 models, 0/1 scores,
// priced: either answering the same keys in 4 tasks (shared:1, a suite), or
// each its own keys in one task (shared:0, like the 1 GB end-to-end set of
// scripts/bench-profile, whose records all have new question ids). Items
// per second are row visits (replicates x rows), the unit the default
// replicate budget is set in.

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "aggregate/aggregate.hpp"

namespace {

namespace agg = tokprof::aggregate;

constexpr int k_models = 8;
constexpr int k_tasks = 4;

std::vector<agg::Sample> make_samples(int keys_per_model, bool shared) {
  std::vector<agg::Sample> samples;
  std::uint64_t state = 1;
  const auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  for (int m = 0; m < k_models; ++m) {
    for (int k = 0; k < keys_per_model; ++k) {
      agg::Sample sample;
      sample.model = "model-" + std::to_string(m);
      sample.task = shared ? "task-" + std::to_string(k % k_tasks) : "";
      sample.sample_id = std::to_string(shared ? k : m * keys_per_model + k);
      sample.counted_output_tokens = static_cast<std::int64_t>(200 + next() % 2000);
      sample.usage.input = 300;
      sample.usage.output = sample.counted_output_tokens;
      sample.score = next() % 3 == 0 ? 0.0 : 1.0;
      sample.tokenizer = "o200k_base";
      sample.tokenizer_exact = true;
      samples.push_back(std::move(sample));
    }
  }
  return samples;
}

void BM_bootstrap(benchmark::State& state) {
  const int keys = static_cast<int>(state.range(0));
  agg::Options options;
  agg::PriceTable prices;
  for (int m = 0; m < k_models; ++m) {
    agg::ModelPrice price;
    price.input = (2.5 + m) / 1e6;
    price.output = (10.0 + m) / 1e6;
    prices.add("model-" + std::to_string(m), price);
  }
  options.prices = prices;
  auto profile = agg::build_profile(make_samples(keys, state.range(1) != 0), {}, options);
  if (!profile) {
    state.SkipWithError(profile.error().message.c_str());
    return;
  }
  constexpr std::int64_t k_replicates = 100;
  for (auto _ : state) {
    state.PauseTiming();
    agg::Profile copy = *profile;
    state.ResumeTiming();
    const auto added = agg::add_bootstrap(copy, agg::BootstrapOptions{k_replicates, 1, 0.95, false, 1});
    benchmark::DoNotOptimize(added);
  }
  state.SetItemsProcessed(state.iterations() * k_replicates * k_models * keys);
}
BENCHMARK(BM_bootstrap)
    ->ArgNames({"keys", "shared"})
    ->Args({1000, 1})
    ->Args({41472, 1})
    ->Args({41472, 0})
    ->UseRealTime()  // the work runs on pool threads, not this one
    ->Unit(benchmark::kMillisecond);

}  // namespace
