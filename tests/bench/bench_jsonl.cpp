// JSON on the trace hot path: the same JSONL bytes (Arena-Hard v0.1 answer
// records, ~3 kB each) taken apart four ways, each fetching the answer text
// of every line, beside tokprof's own reader (simdjson DOM plus the record
// model) and beside counting the same texts, which is what the JSON time is
// spent next to. Bytes per second are of JSONL.
//
// Measured 2026-11-26 (docs/performance.md; CPU-time MB/s of JSONL, one
// thread, loaded machine): simdjson DOM 820, On-Demand 1,009, nlohmann DOM
// 57, nlohmann SAX 72; tokprof's Arena-Hard reader 378; counting the same
// answers with o200k_base 73. So nlohmann would cost about as much as the
// counting itself, and simdjson DOM costs a fifth of it. The readers keep
// simdjson DOM rather than On-Demand (+23% here): its elements can be kept
// and walked by JSON pointer in any order, as field mappings need, and the
// reader's own time is mostly outside parsing. nlohmann stays for configs,
// reports and error positions.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "base/file.hpp"
#include "bench_inputs.hpp"
#include "tokenizer/tokenizer.hpp"
#include "trace/reader.hpp"

namespace {

constexpr std::size_t k_records = 2000;

// One JSONL line per record, ending in '\n', as the readers see them.
const std::vector<std::string>& lines() {
  static const std::vector<std::string> built = [] {
    std::vector<std::string> out;
    const std::string text = tokprof::bench::mixed_text(k_records * 2600);
    for (std::size_t i = 0; i < k_records; ++i) {
      const std::string id = std::to_string(i);
      const nlohmann::json record = {
          {"question_id", id},
          {"answer_id", id},
          {"model_id", "bench-model"},
          {"choices", {{{"index", 0}, {"turns", {{{"content", text.substr(i * 2600, 2600)}, {"token_len", 600}}}}}}},
          {"tstamp", 1718000000.25}};
      out.push_back(record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    }
    return out;
  }();
  return built;
}

std::int64_t total_bytes() {
  std::int64_t bytes = 0;
  for (const std::string& line : lines()) {
    bytes += static_cast<std::int64_t>(line.size());
  }
  return bytes;
}

void BM_jsonl_simdjson_dom(benchmark::State& state) {
  simdjson::dom::parser parser;
  for (auto _ : state) {
    std::size_t chars = 0;
    for (const std::string& line : lines()) {
      std::string_view content;
      if (parser.parse(line).at_pointer("/choices/0/turns/0/content").get_string().get(content) == simdjson::SUCCESS) {
        chars += content.size();
      }
    }
    benchmark::DoNotOptimize(chars);
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
}

void BM_jsonl_simdjson_ondemand(benchmark::State& state) {
  std::vector<simdjson::padded_string> padded;
  for (const std::string& line : lines()) {
    padded.emplace_back(line);
  }
  simdjson::ondemand::parser parser;
  for (auto _ : state) {
    std::size_t chars = 0;
    for (const simdjson::padded_string& line : padded) {
      auto doc = parser.iterate(line);
      std::string_view content;
      if (doc["choices"].at(0)["turns"].at(0)["content"].get_string().get(content) == simdjson::SUCCESS) {
        chars += content.size();
      }
    }
    benchmark::DoNotOptimize(chars);
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
}

void BM_jsonl_nlohmann_dom(benchmark::State& state) {
  for (auto _ : state) {
    std::size_t chars = 0;
    for (const std::string& line : lines()) {
      const auto json = nlohmann::json::parse(line);
      chars += json["choices"][0]["turns"][0]["content"].get_ref<const std::string&>().size();
    }
    benchmark::DoNotOptimize(chars);
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
}

// Keeps the string that follows the key "content": the least a SAX reader
// of this layout does.
struct ContentSax : nlohmann::json_sax<nlohmann::json> {
  bool want = false;
  std::size_t chars = 0;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t& value) override {
    chars += want ? value.size() : 0;
    want = false;
    return true;
  }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t& name) override {
    want = name == "content";
    return true;
  }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};

void BM_jsonl_nlohmann_sax(benchmark::State& state) {
  for (auto _ : state) {
    ContentSax sax;
    for (const std::string& line : lines()) {
      nlohmann::json::sax_parse(line, &sax);
    }
    benchmark::DoNotOptimize(sax.chars);
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
}

// tokprof's reader on a file of the same lines: format detection once, then
// simdjson DOM per line and the Arena-Hard record model.
void BM_trace_reader_arena_hard(benchmark::State& state) {
  const auto path = (std::filesystem::temp_directory_path() / "tokprof-bench-model_answer.jsonl").string();
  std::string all;
  for (const std::string& line : lines()) {
    all += line;
  }
  if (!tokprof::write_file_atomic(path, all)) {
    state.SkipWithError("cannot write the temporary trace");
    return;
  }
  for (auto _ : state) {
    auto stream = tokprof::trace::open_trace(path, tokprof::trace::ReadOptions{});
    std::size_t chars = 0;
    while (true) {
      auto record = (*stream)->next();
      if (!record || !*record) {
        break;
      }
      chars += (*record)->output_text.size();
    }
    benchmark::DoNotOptimize(chars);
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
  std::remove(path.c_str());
}

// Counting the answer texts with o200k_base: the work the JSON time sits beside.
void BM_count_answers_o200k(benchmark::State& state) {
  static const auto tokenizer = tokprof::tokenizer::Tokenizer::load("o200k_base").value();
  std::vector<std::string> texts;
  for (const std::string& line : lines()) {
    texts.push_back(nlohmann::json::parse(line)["choices"][0]["turns"][0]["content"].get<std::string>());
  }
  for (auto _ : state) {
    std::size_t tokens = 0;
    for (const std::string& text : texts) {
      tokens += tokenizer.count(text);
    }
    benchmark::DoNotOptimize(tokens);
  }
  state.SetBytesProcessed(state.iterations() * total_bytes());
}

BENCHMARK(BM_jsonl_simdjson_dom);
BENCHMARK(BM_jsonl_simdjson_ondemand);
BENCHMARK(BM_jsonl_nlohmann_dom);
BENCHMARK(BM_jsonl_nlohmann_sax);
BENCHMARK(BM_trace_reader_arena_hard);
BENCHMARK(BM_count_answers_o200k);

}  // namespace
