#include "run.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "diagnostics.hpp"
#include "version.hpp"

namespace tokprof::cli {
namespace {

constexpr std::string_view k_usage = R"(usage: tokprof COMMAND [OPTIONS] [ARGS]

Token-efficiency profiler: counts output tokens with exact BPE tokenizers and
reports what each model spends for its score.

commands:
  profile     read traces, count output tokens, report the score-per-token frontier
  merge       merge partial profiles (profile --partial) into one report
  diff        compare two JSON reports: changes per model and task, beyond noise
  check       CI gate: exit 4 when a report breaks token, score or cost limits
  count       count the tokens of files or of a field of JSON Lines records
  encodings   list the built-in encodings
  tokenizers  list the model -> tokenizer registry and what is installed
  version     print the version

`tokprof COMMAND --help` describes each command.
)";

}  // namespace

int run(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    fmt::print("{}", k_usage);
    return args.empty() ? k_exit_usage : k_exit_ok;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "count") {
    return count_command(args);
  }
  if (command == "profile") {
    return profile_command(args);
  }
  if (command == "merge") {
    return merge_command(args);
  }
  if (command == "diff") {  // issue 9
    return diff_command(args);
  }
  if (command == "check") {  // issue 9
    return check_command(args);
  }
  if (command == "tokenizers") {
    return tokenizers_command(args);
  }
  if (command == "encodings") {
    return encodings_command(args);
  }
  if (command == "version" || command == "--version") {
    fmt::print("tokprof {}\n", k_tokprof_version);
    return k_exit_ok;
  }
  print_error(fmt::format("unknown command \"{}\" (see tokprof --help)", command));
  return k_exit_usage;
}

}  // namespace tokprof::cli
