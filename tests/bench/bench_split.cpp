// Pre-tokenizer throughput: hand-written splitters against PCRE2-JIT on the
// same patterns, over a size sweep of mixed text.

#include <benchmark/benchmark.h>

#include "bench_inputs.hpp"
#include "tokenizer/encodings.hpp"
#include "tokenizer/pretokenize.hpp"

namespace {

using namespace tokprof::tokenizer;

template <bool Builtin>
void split_bench(benchmark::State& state, const char* encoding) {
  const std::string text = tokprof::bench::mixed_text(static_cast<std::size_t>(state.range(0)));
  const auto pattern = find_encoding(encoding)->pattern;
  const auto splitter = Builtin ? make_builtin_splitter(pattern) : make_pcre2_splitter(pattern).value();
  std::vector<std::string_view> pieces;
  for (auto _ : state) {
    splitter->split(text, pieces);
    benchmark::DoNotOptimize(pieces.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void BM_split_builtin_o200k(benchmark::State& state) { split_bench<true>(state, "o200k_base"); }
void BM_split_pcre2_o200k(benchmark::State& state) { split_bench<false>(state, "o200k_base"); }
void BM_split_builtin_cl100k(benchmark::State& state) { split_bench<true>(state, "cl100k_base"); }
void BM_split_pcre2_cl100k(benchmark::State& state) { split_bench<false>(state, "cl100k_base"); }
void BM_split_builtin_r50k(benchmark::State& state) { split_bench<true>(state, "r50k_base"); }
void BM_split_pcre2_r50k(benchmark::State& state) { split_bench<false>(state, "r50k_base"); }

BENCHMARK(BM_split_builtin_o200k)->Arg(1 << 10)->Arg(64 << 10)->Arg(1 << 20);
BENCHMARK(BM_split_pcre2_o200k)->Arg(1 << 10)->Arg(64 << 10)->Arg(1 << 20);
BENCHMARK(BM_split_builtin_cl100k)->Arg(1 << 10)->Arg(64 << 10)->Arg(1 << 20);
BENCHMARK(BM_split_pcre2_cl100k)->Arg(1 << 10)->Arg(64 << 10)->Arg(1 << 20);
BENCHMARK(BM_split_builtin_r50k)->Arg(64 << 10);
BENCHMARK(BM_split_pcre2_r50k)->Arg(64 << 10);

}  // namespace
