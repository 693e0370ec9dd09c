// Merge throughput on single long pieces (the pathological inputs: one
// letter repeated, random base64) over a size sweep: time per byte should
// stay flat as the size grows.

#include <benchmark/benchmark.h>

#include "bench_inputs.hpp"
#include "tokenizer/tokenizer.hpp"

namespace {

using tokprof::tokenizer::Tokenizer;

const Tokenizer& o200k() {
  static const Tokenizer tokenizer = Tokenizer::load("o200k_base").value();
  return tokenizer;
}

void BM_bpe_repeated_letter(benchmark::State& state) {
  const std::string text(static_cast<std::size_t>(state.range(0)), 'a');
  for (auto _ : state) {
    benchmark::DoNotOptimize(o200k().count(text));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void BM_bpe_base64(benchmark::State& state) {
  const std::string text = tokprof::bench::random_base64(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(o200k().count(text));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void BM_bpe_repeated_dash(benchmark::State& state) {
  const std::string text(static_cast<std::size_t>(state.range(0)), '-');
  for (auto _ : state) {
    benchmark::DoNotOptimize(o200k().count(text));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

// Past the first megabyte of long pieces the backtracking encoder takes
// over (tiktoken_model.cpp), so the 10 MB sizes measure it.
BENCHMARK(BM_bpe_repeated_letter)->RangeMultiplier(10)->Range(100, 10000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_bpe_repeated_dash)->RangeMultiplier(10)->Range(100000, 10000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_bpe_base64)->RangeMultiplier(10)->Range(100, 1000000)->Unit(benchmark::kMillisecond);

}  // namespace
