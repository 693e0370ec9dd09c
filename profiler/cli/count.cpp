// `tokprof count`: like wc, for tokens.

#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "args.hpp"
#include "base/file.hpp"
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
)";

struct FileCount {
  std::string path;
  std::size_t bytes = 0;
  std::size_t tokens = 0;
};

Result<FileCount> count_file(const std::string& path, const Tokenizer& tokenizer, Specials specials) {
  TOKPROF_TRY_ASSIGN(const std::string text, read_file(path));
  return FileCount{path == "-" ? "-" : path, text.size(), tokenizer.count(text, specials)};
}

// Prints the token count of the string at `pointer` in each line of `path`.
Result<void> count_jsonl(const std::string& path, const std::string& pointer, const Tokenizer& tokenizer,
                         Specials specials) {
  TOKPROF_TRY_ASSIGN(auto source, open_source(path));
  LineReader reader(std::move(source), path);
  simdjson::dom::parser parser;
  std::string_view line;
  while (true) {
    TOKPROF_TRY_ASSIGN(const bool more, reader.next(line));
    if (!more) {
      return {};
    }
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      continue;
    }
    simdjson::dom::element record;
    if (const auto error = parser.parse(line.data(), line.size()).get(record); error) {
      return make_error_at(ErrorKind::parse, fmt::format("invalid JSON ({})", simdjson::error_message(error)), path,
                           reader.line_number());
    }
    std::string_view text;
    if (const auto error = record.at_pointer(pointer).get_string().get(text); error) {
      return make_error_at(ErrorKind::invalid,
                           error == simdjson::INCORRECT_TYPE ? fmt::format("{} is not a string", pointer)
                                                             : fmt::format("no value at {}", pointer),
                           path, reader.line_number());
    }
    fmt::print("{}\n", tokenizer.count(text, specials));
  }
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
      if (auto done = count_jsonl(file, *pointer, *tokenizer, specials); !done) {
        std::fflush(stdout);
        print_error(done.error());
        return k_exit_error;
      }
    }
    return k_exit_ok;
  }
  std::vector<FileCount> counts;
  for (const std::string& file : files) {
    auto count = count_file(file, *tokenizer, specials);
    if (!count) {
      print_error(count.error());
      return k_exit_error;
    }
    counts.push_back(*count);
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
