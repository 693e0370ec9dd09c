// `tokprof count`: like wc, for tokens.
//
// Threads (--threads N, default every core): files are counted in parallel,
// and each file is read block by block and cut where the tokenizer says the
// counts of the two sides add up (Tokenizer::last_safe_cut), so that one
// large file is counted on every thread too, in bounded memory. JSON Lines
// records are read in batches and parsed and counted in parallel, then
// printed in input order, so the output is the same for every N.

#include <algorithm>
#include <cstdio>
#include <future>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "args.hpp"
#include "base/file.hpp"
#include "base/parallel.hpp"
#include "base/strings.hpp"
#include "commands.hpp"
#include "diagnostics.hpp"
#include "run.hpp"
#include "tokenizer/tokenizer.hpp"

namespace tokprof::cli {
namespace {

using tokenizer::Specials;
using tokenizer::Tokenizer;

const std::vector<OptionSpec> k_options = {
    {"encoding", true},  {"tokenizer", true}, {"like", true}, {"special", false},
    {"json", false},     {"jsonl", false},    {"text", true}, {"help", false},
    {"threads", true},
};

constexpr std::string_view k_usage = R"(usage: tokprof count [OPTIONS] [FILE...]

Counts the tokens of each FILE (standard input when none is given) and prints
one line per file and a total, like wc.

  --encoding NAME      built-in encoding (default o200k_base); see `tokprof encodings`
  --tokenizer NAME|PATH  same as --encoding; also a path to a .tiktoken file
  --like NAME          the encoding whose split pattern and special tokens a
                       .tiktoken file follows (default: guessed from its file name)
  --special            recognise special-token text such as <|endoftext|>
                       (default: it counts as ordinary text, like encode_ordinary)
  --json               print JSON instead of a table
  --jsonl --text PTR   read each FILE as JSON Lines and print the token count of
                       the string at JSON pointer PTR in every record, one per line
  --threads N          counting threads (default: every core); output is the same for any N
)";

struct FileCount {
  std::string path;
  std::size_t bytes = 0;
  std::size_t tokens = 0;
};

// Returns the total count of `pieces`, counted on `threads` threads.
std::size_t count_pieces(const std::vector<std::string>& pieces, const Tokenizer& tokenizer, Specials specials,
                         std::size_t threads) {
  std::vector<std::size_t> counts(pieces.size());
  parallel_for(pieces.size(), threads, [&](std::size_t i) { counts[i] = tokenizer.count(pieces[i], specials); });
  std::size_t total = 0;
  for (const std::size_t count : counts) {
    total += count;
  }
  return total;
}

// Counts `path` in pieces of at least k_block bytes, cut where the
// tokenizer allows, k_batch_per_thread pieces per thread at a time; the next
// batch is read while one is counted. A text the tokenizer cannot cut
// (another split pattern, or no line break that qualifies) is held until
// its end, as it must be.
Result<FileCount> count_file(const std::string& path, const Tokenizer& tokenizer, Specials specials,
                             std::size_t threads) {
  constexpr std::size_t k_block = 1 << 20;
  constexpr std::size_t k_batch_per_thread = 8;
  TOKPROF_TRY_ASSIGN(auto source, open_source(path));
  FileCount result{path, 0, 0};
  std::string pending;
  std::vector<std::string> pieces;
  std::future<std::size_t> counting;  // the batch before `pieces`
  const auto finish_counting = [&] {
    if (counting.valid()) {
      result.tokens += counting.get();
    }
  };
  const auto start_counting = [&] {
    finish_counting();
    counting = std::async(std::launch::async, [&tokenizer, specials, threads, batch = std::move(pieces)] {
      return count_pieces(batch, tokenizer, specials, threads);
    });
    pieces.clear();
  };
  while (true) {
    const std::size_t filled = pending.size();
    pending.resize(filled + k_block);
    auto got = source->read(pending.data() + filled, k_block);
    if (!got) {
      finish_counting();
      return Unexpected(got.error());
    }
    pending.resize(filled + *got);
    result.bytes += *got;
    if (*got == 0) {
      break;
    }
    if (pending.size() < k_block) {
      continue;
    }
    if (const std::size_t cut = tokenizer.last_safe_cut(pending); cut > 0) {
      pieces.emplace_back(pending, 0, cut);
      pending.erase(0, cut);
      if (pieces.size() >= k_batch_per_thread * threads) {
        start_counting();
      }
    }
  }
  if (!pending.empty()) {
    pieces.push_back(std::move(pending));
  }
  finish_counting();
  result.tokens += count_pieces(pieces, tokenizer, specials, threads);
  return result;
}

// A batch of JSON Lines records: their bytes back to back, and per record
// its offset and line number. Bounded by k_batch_records and k_batch_bytes
// so that memory stays flat however large the file is.
struct LineBatch {
  std::string bytes;
  std::vector<std::size_t> starts;  // starts.size() == lines + 1
  std::vector<std::int64_t> line_numbers;
  void clear() {
    bytes.clear();
    starts.assign(1, 0);
    line_numbers.clear();
  }
  [[nodiscard]] std::size_t size() const { return line_numbers.size(); }
  [[nodiscard]] std::string_view line(std::size_t i) const {
    return std::string_view(bytes).substr(starts[i], starts[i + 1] - starts[i]);
  }
};

constexpr std::size_t k_batch_records = 4096;
constexpr std::size_t k_batch_bytes = 8 << 20;

// The count of one record, or why it has none (an error of the record's line).
struct RecordCount {
  std::size_t tokens = 0;
  std::string error;
  ErrorKind kind = ErrorKind::parse;
};

RecordCount count_record(std::string_view line, const std::string& pointer, const Tokenizer& tokenizer,
                         Specials specials) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element record;
  if (const auto error = parser.parse(line.data(), line.size()).get(record); error) {
    return {0, fmt::format("invalid JSON ({})", simdjson::error_message(error)), ErrorKind::parse};
  }
  std::string_view text;
  if (const auto error = record.at_pointer(pointer).get_string().get(text); error) {
    return {0,
            error == simdjson::INCORRECT_TYPE ? fmt::format("{} is not a string", pointer)
                                              : fmt::format("no value at {}", pointer),
            ErrorKind::invalid};
  }
  return {tokenizer.count(text, specials), {}, ErrorKind::parse};
}

// Counts `batch` on `threads` threads and prints the counts in order; the
// first bad record is the error (after the counts of the records before it).
Result<void> flush_batch(const LineBatch& batch, const std::string& path, const std::string& pointer,
                         const Tokenizer& tokenizer, Specials specials, std::size_t threads) {
  std::vector<RecordCount> counts(batch.size());
  parallel_for(
      batch.size(), threads, [&](std::size_t i) { counts[i] = count_record(batch.line(i), pointer, tokenizer, specials); },
      16);
  std::string out;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (!counts[i].error.empty()) {
      std::fputs(out.c_str(), stdout);
      return make_error_at(counts[i].kind, counts[i].error, path, batch.line_numbers[i]);
    }
    fmt::format_to(std::back_inserter(out), "{}\n", counts[i].tokens);
  }
  std::fputs(out.c_str(), stdout);
  return {};
}

// Prints the token count of the string at `pointer` in each line of `path`.
Result<void> count_jsonl(const std::string& path, const std::string& pointer, const Tokenizer& tokenizer,
                         Specials specials, std::size_t threads) {
  TOKPROF_TRY_ASSIGN(auto source, open_source(path));
  LineReader reader(std::move(source), path);
  LineBatch batch;
  batch.clear();
  std::string_view line;
  while (true) {
    TOKPROF_TRY_ASSIGN(const bool more, reader.next(line));
    if (!more) {
      break;
    }
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      continue;
    }
    batch.bytes += line;
    batch.starts.push_back(batch.bytes.size());
    batch.line_numbers.push_back(reader.line_number());
    if (batch.size() >= k_batch_records || batch.bytes.size() >= k_batch_bytes) {
      TOKPROF_TRY(flush_batch(batch, path, pointer, tokenizer, specials, threads));
      batch.clear();
    }
  }
  return flush_batch(batch, path, pointer, tokenizer, specials, threads);
}

void print_counts(const std::vector<FileCount>& counts, const Tokenizer& tokenizer, bool json) {
  std::size_t total_tokens = 0;
  std::size_t total_bytes = 0;
  for (const FileCount& count : counts) {
    total_tokens += count.tokens;
    total_bytes += count.bytes;
  }
  if (json) {
    nlohmann::ordered_json out;
    out["tokenizer"] = tokenizer.name();
    out["files"] = nlohmann::ordered_json::array();
    for (const FileCount& count : counts) {
      out["files"].push_back({{"path", count.path}, {"bytes", count.bytes}, {"tokens", count.tokens}});
    }
    out["total"] = {{"bytes", total_bytes}, {"tokens", total_tokens}};
    fmt::print("{}\n", out.dump(2));
    return;
  }
  const std::size_t width = std::max<std::size_t>(7, fmt::formatted_size("{}", total_tokens));
  for (const FileCount& count : counts) {
    fmt::print("{:>{}} {}\n", count.tokens, width, count.path);
  }
  if (counts.size() > 1) {
    fmt::print("{:>{}} total\n", total_tokens, width);
  }
}

// Returns --threads (0: every core).
Result<std::size_t> parse_threads(const Args& args) {
  const auto text = args.value("threads");
  if (!text) {
    return std::size_t{0};
  }
  const auto value = parse_int(*text);
  if (!value || *value < 1) {
    return make_error(ErrorKind::usage, fmt::format("--threads needs a positive number, not \"{}\"", *text));
  }
  return static_cast<std::size_t>(*value);
}

}  // namespace

int count_command(const std::vector<std::string>& argv) {
  auto args = Args::parse(argv, k_options);
  if (!args) {
    print_error(args.error());
    return k_exit_usage;
  }
  if (args->flag("help")) {
    fmt::print("{}", k_usage);
    return k_exit_ok;
  }
  const std::string name = args->value("tokenizer").value_or(args->value("encoding").value_or("o200k_base"));
  auto tokenizer = Tokenizer::load(name, args->value("like").value_or(""));
  if (!tokenizer) {
    print_error(tokenizer.error());
    return tokenizer.error().kind == ErrorKind::usage ? k_exit_usage : k_exit_error;
  }
  const Specials specials = args->flag("special") ? Specials::recognise : Specials::as_text;
  const auto threads = parse_threads(*args);
  if (!threads) {
    print_error(threads.error());
    return k_exit_usage;
  }
  std::vector<std::string> files = args->positional();
  if (files.empty()) {
    files.emplace_back("-");
  }
  if (args->flag("jsonl")) {
    const auto pointer = args->value("text");
    if (!pointer) {
      print_error("--jsonl needs --text POINTER (for example --text /choices/0/turns/0/content)");
      return k_exit_usage;
    }
    for (const std::string& file : files) {
      if (auto done = count_jsonl(file, *pointer, *tokenizer, specials, *threads); !done) {
        std::fflush(stdout);
        print_error(done.error());
        return k_exit_error;
      }
    }
    return k_exit_ok;
  }
  // Files are counted in parallel, each on its share of the threads; the
  // first failing file in argument order is the one reported, as without
  // threads.
  const std::size_t all_threads = *threads == 0 ? available_cpus() : *threads;
  const std::size_t per_file = std::max<std::size_t>(1, all_threads / files.size());
  std::vector<Result<FileCount>> results(files.size(), FileCount{});
  parallel_for(files.size(), all_threads,
               [&](std::size_t i) { results[i] = count_file(files[i], *tokenizer, specials, per_file); });
  std::vector<FileCount> counts;
  for (auto& count : results) {
    if (!count) {
      print_error(count.error());
      return k_exit_error;
    }
    counts.push_back(std::move(*count));
  }
  print_counts(counts, *tokenizer, args->flag("json"));
  return k_exit_ok;
}

int encodings_command(const std::vector<std::string>& argv) {
  if (!argv.empty()) {
    print_error("tokprof encodings takes no arguments");
    return k_exit_usage;
  }
  for (const auto& info : tokenizer::builtin_encodings()) {
    fmt::print("{:<14} {:<9} {}\n", info.name, info.embedded ? "built-in" : "", info.description);
  }
  return k_exit_ok;
}

}  // namespace tokprof::cli
