// tokprof_ext: tokprof's tokenizer behind the peer-bench `--ext` protocol
// (../shared/tools/peer-bench/README.md), so that bench.mjs measures it
// exactly as it measures the npm peers:
//
//   tokprof_ext <encoding> <corpus.txt> <docs.tsv> <runs> [--threads N]
//     counts every document of docs.tsv separately, `runs` times; prints
//     {"encoding":..,"load_ms":..,"runs_ms":[..],"tokens":N,"per_doc":FILE}
//     with FILE holding the per-document counts as little-endian uint32.
//   tokprof_ext <encoding> --patho-file FILE
//     counts FILE as one document; prints {"ms":..,"tokens":..}.
//
// Loading the vocabulary and reading the corpus are not timed, as for the
// peers. --threads N (not part of the protocol; default 1) spreads the
// documents over N threads, to measure the speed-up on the same corpus.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>

#include "base/file.hpp"
#include "base/parallel.hpp"
#include "tokenizer/tokenizer.hpp"

namespace {

using tokprof::tokenizer::Tokenizer;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

[[noreturn]] void die(const std::string& message) {
  fmt::print(stderr, "tokprof_ext: {}\n", message);
  std::exit(2);
}

struct Doc {
  std::size_t offset;
  std::size_t length;
};

std::vector<Doc> read_docs(const std::string& path, std::size_t corpus_size) {
  std::ifstream in(path);
  std::vector<Doc> docs;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) {
      continue;
    }
    char* end = nullptr;
    const std::size_t offset = std::strtoull(line.c_str(), &end, 10);
    const std::size_t length = std::strtoull(end, nullptr, 10);
    if (offset + length > corpus_size) {
      die(fmt::format("{}: document at {} ({} bytes) is past the corpus end", path, offset, length));
    }
    docs.push_back({offset, length});
  }
  return docs;
}

int run_patho(const Tokenizer& tokenizer, const std::string& path) {
  const auto text = tokprof::read_file(path);
  if (!text) {
    die(text.error().message);
  }
  const auto start = Clock::now();
  const std::size_t tokens = tokenizer.count(*text);
  fmt::print("{{\"ms\":{:.3f},\"tokens\":{}}}\n", ms_since(start), tokens);
  return 0;
}

int run_corpus(const Tokenizer& tokenizer, const std::string& encoding, double load_ms, char** argv,
               std::size_t threads) {
  const auto corpus = tokprof::read_file(argv[2]);
  if (!corpus) {
    die(corpus.error().message);
  }
  const std::vector<Doc> docs = read_docs(argv[3], corpus->size());
  const int runs = std::max(1, std::atoi(argv[4]));
  std::vector<std::uint32_t> counts(docs.size());
  std::vector<double> runs_ms;
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    tokprof::parallel_for(docs.size(), threads, [&](std::size_t i) {
      counts[i] = static_cast<std::uint32_t>(tokenizer.count(std::string_view(*corpus).substr(docs[i].offset, docs[i].length)));
    });
    runs_ms.push_back(ms_since(start));
  }
  std::size_t total = 0;
  for (const std::uint32_t count : counts) {
    total += count;
  }
  const std::string per_doc = fmt::format("/tmp/tokprof_ext.{}.{}.u32", encoding, ::getpid());
  std::FILE* out = std::fopen(per_doc.c_str(), "wb");
  if (out == nullptr || std::fwrite(counts.data(), sizeof(std::uint32_t), counts.size(), out) != counts.size()) {
    die("cannot write " + per_doc);
  }
  std::fclose(out);
  fmt::print("{{\"encoding\":\"{}\",\"load_ms\":{:.3f},\"runs_ms\":[{:.3f}],\"tokens\":{},\"per_doc\":\"{}\",\"threads\":{}}}\n",
             encoding, load_ms, fmt::join(runs_ms, ","), total, per_doc, threads);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    die("usage: tokprof_ext ENCODING CORPUS.txt DOCS.tsv RUNS [--threads N] | ENCODING --patho-file FILE");
  }
  const std::string encoding = argv[1];
  const auto start = Clock::now();
  auto tokenizer = Tokenizer::load(encoding);
  if (!tokenizer) {
    die(tokenizer.error().message);
  }
  static_cast<void>(tokenizer->count("warm up"));
  const double load_ms = ms_since(start);
  if (std::string(argv[2]) == "--patho-file") {
    return run_patho(*tokenizer, argv[3]);
  }
  if (argc < 5) {
    die("missing RUNS");
  }
  std::size_t threads = 1;
  if (argc >= 7 && std::string(argv[5]) == "--threads") {
    threads = std::strtoull(argv[6], nullptr, 10);
  }
  return run_corpus(*tokenizer, encoding, load_ms, argv, threads);
}
