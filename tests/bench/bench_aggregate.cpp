// Exact aggregation (aggregate/aggregate.hpp, no bootstrap) on samples
// shaped like the 1 GB end-to-end set of scripts/bench-profile: 8 models of
// 41,470 samples each, read file by file, one task, 32-hex sample ids, long
// model names and file paths. There the models share no key (each has its
// own question ids); with `shared` every model answers the same keys, as in
// bench_bootstrap. Items per second are samples.

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "aggregate/aggregate.hpp"

namespace {

namespace agg = tokprof::aggregate;

constexpr int k_models = 8;
constexpr int k_keys_per_model = 41470;

std::string hex_id(std::uint64_t high, std::uint64_t low) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string id(32, '0');
  for (int i = 0; i < 16; ++i) {
    id[static_cast<std::size_t>(i)] = k_digits[(high >> (4 * i)) & 15];
    id[static_cast<std::size_t>(16 + i)] = k_digits[(low >> (4 * i)) & 15];
  }
  return id;
}

std::vector<agg::Sample> make_samples(bool shared) {
  std::vector<agg::Sample> samples;
  samples.reserve(static_cast<std::size_t>(k_models) * k_keys_per_model);
  std::uint64_t state = 1;
  const auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state;
  };
  for (int m = 0; m < k_models; ++m) {
    const std::string model = "vendor-model-" + std::to_string(m) + "-2024-08-06";
    const std::string file = "/root/.cache/tokprof/bench-profile-1000mb/traces/" + model + ".jsonl";
    std::uint64_t shared_state = 7;
    for (int k = 0; k < k_keys_per_model; ++k) {
      agg::Sample sample;
      sample.model = model;
      sample.task = "arena-hard-v0.1";
      if (shared) {
        shared_state = shared_state * 6364136223846793005ULL + 1442695040888963407ULL;
        sample.sample_id = hex_id(shared_state, shared_state * 31);
      } else {
        sample.sample_id = hex_id(next(), next());
      }
      sample.counted_output_tokens = static_cast<std::int64_t>(200 + (next() >> 33) % 2000);
      sample.tokenizer = "o200k_base";
      sample.file = file;
      sample.line = k + 1;
      samples.push_back(std::move(sample));
    }
  }
  return samples;
}

void BM_build_profile(benchmark::State& state) {
  const std::vector<agg::Sample> samples = make_samples(state.range(0) != 0);
  for (auto _ : state) {
    state.PauseTiming();
    agg::SampleTable table(samples);  // as the scan hands its samples over
    state.ResumeTiming();
    auto profile = agg::build_profile(std::move(table), {}, agg::Options{});
    if (!profile) {
      state.SkipWithError(profile.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(profile);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(samples.size()));
}
BENCHMARK(BM_build_profile)->ArgName("shared")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
