#include "stats_options.hpp"

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "base/strings.hpp"

namespace tokprof::cli {

namespace {

Unexpected usage_error(std::string_view option, std::string_view text, std::string_view wanted) {
  return make_error(ErrorKind::usage, fmt::format("--{} needs {}, not \"{}\"", option, wanted, text));
}

}  // namespace

Result<double> parse_volume(std::string_view text) {
  std::string_view number = text;
  for (const std::string_view suffix : {"/month", "/mo"}) {
    if (number.size() > suffix.size() && number.ends_with(suffix)) {
      number.remove_suffix(suffix.size());
    }
  }
  double scale = 1;
  if (!number.empty()) {
    const char last = number.back();
    scale = last == 'k' || last == 'K' ? 1e3 : last == 'M' ? 1e6 : last == 'B' ? 1e9 : 1;
    if (scale != 1) {
      number.remove_suffix(1);
    }
  }
  const auto value = parse_double(number);
  if (!value || !(*value > 0) || !std::isfinite(*value * scale)) {
    return usage_error("volume", text, "a positive number of samples a month");
  }
  return *value * scale;
}

Result<void> apply_stats_options(const Args& args, std::size_t threads,
                                 aggregate::Options& options) {
  aggregate::BootstrapOptions bootstrap;
  bootstrap.threads = threads;
  if (const auto text = args.value("bootstrap")) {
    const auto value = parse_int(*text);
    if (!value || *value < 0) {
      return usage_error("bootstrap", *text, "a number of replicates (0 for none)");
    }
    bootstrap.replicates = *value;
  }
  if (const auto text = args.value("seed")) {
    const auto value = parse_int(*text);
    if (!value || *value < 0) {
      return usage_error("seed", *text, "a non-negative integer");
    }
    bootstrap.seed = static_cast<std::uint64_t>(*value);
  }
  if (const auto text = args.value("confidence")) {
    const auto value = parse_double(*text);
    if (!value || !(*value > 0 && *value < 1)) {
      return usage_error("confidence", *text, "a level between 0 and 1, such as 0.95");
    }
    bootstrap.confidence = *value;
  }
  if (const auto text = args.value("pairs")) {
    if (*text != "all" && *text != "baseline") {
      return usage_error("pairs", *text, "all or baseline");
    }
    bootstrap.all_pairs = *text == "all";
  }
  const bool off = args.value("bootstrap") && bootstrap.replicates == 0;
  options.bootstrap = off ? std::nullopt : std::optional(bootstrap);
  if (const auto text = args.value("volume")) {
    TOKPROF_TRY_ASSIGN(options.volume_per_month, parse_volume(*text));
  }
  return {};
}

}  // namespace tokprof::cli
