// `tokprof tokenizers`: the model -> tokenizer registry and what is installed.

#include <fmt/format.h>

#include "args.hpp"
#include "commands.hpp"
#include "diagnostics.hpp"
#include "run.hpp"
#include "tokenizer/registry.hpp"
#include "tokenizer/tokenizer.hpp"

namespace tokprof::cli {

int tokenizers_command(const std::vector<std::string>& argv) {
  const std::vector<OptionSpec> options = {{"registry", true}, {"tokenizer-dir", true}, {"help", false}};
  auto args = Args::parse(argv, options);
  if (!args) {
    print_error(args.error());
    return k_exit_usage;
  }
  if (args->flag("help")) {
    fmt::print(
        "usage: tokprof tokenizers [--registry FILE] [--tokenizer-dir DIR]\n\n"
        "Lists which tokenizer counts which models (first matching pattern wins),\n"
        "whether the count is exact, and whether the tokenizer is installed.\n");
    return k_exit_ok;
  }
  tokenizer::Registry registry = tokenizer::Registry::builtin();
  if (const auto file = args->value("registry")) {
    auto loaded = tokenizer::Registry::with_overrides(*file);
    if (!loaded) {
      print_error(loaded.error());
      return k_exit_error;
    }
    registry = std::move(*loaded);
  }
  const std::string dir = args->value("tokenizer-dir").value_or("");
  fmt::print("{:<22} {:<14} {:<11} {:<13} {}\n", "model pattern", "tokenizer", "count", "installed", "why");
  for (const auto& row : tokenizer::tokenizer_rows(registry, dir)) {
    fmt::print("{:<22} {:<14} {:<11} {:<13} {}\n", row.pattern, row.tokenizer, row.exact ? "exact" : "approximate",
               row.installed ? "yes" : "no", row.reason);
  }
  fmt::print("\ntokenizer directory: {}\n", dir.empty() ? tokenizer::default_tokenizer_dir() : dir);
  return k_exit_ok;
}

}  // namespace tokprof::cli
