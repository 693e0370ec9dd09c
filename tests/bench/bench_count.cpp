// End-to-end count throughput (split + whole-piece look-up + merge) on mixed
// text, per encoding, over a size sweep.

#include <benchmark/benchmark.h>

#include <map>
#include <string>

#include "bench_inputs.hpp"
#include "tokenizer/tokenizer.hpp"

namespace {

using tokprof::tokenizer::Tokenizer;

void count_bench(benchmark::State& state, const char* encoding) {
  static std::map<std::string, Tokenizer> loaded;
  auto found = loaded.find(encoding);
  if (found == loaded.end()) {
    found = loaded.emplace(encoding, Tokenizer::load(encoding).value()).first;
  }
  const std::string text = tokprof::bench::mixed_text(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(found->second.count(text));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void BM_count_o200k(benchmark::State& state) { count_bench(state, "o200k_base"); }
void BM_count_cl100k(benchmark::State& state) { count_bench(state, "cl100k_base"); }
void BM_count_r50k(benchmark::State& state) { count_bench(state, "r50k_base"); }

BENCHMARK(BM_count_o200k)->Arg(1 << 10)->Arg(64 << 10)->Arg(1 << 20);
BENCHMARK(BM_count_cl100k)->Arg(1 << 10)->Arg(64 << 10)->Arg(1 << 20);
BENCHMARK(BM_count_r50k)->Arg(64 << 10);

}  // namespace
