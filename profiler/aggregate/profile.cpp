#include "profile.hpp"

#include <fmt/format.h>

#include "sample.hpp"

namespace tokprof::aggregate {

std::string format_location(const std::string& file, std::int64_t line) {
  if (file.empty()) {
    return {};
  }
  return line > 0 ? fmt::format("{}:{}", file, line) : file;
}

std::string_view to_string(Average average) {
  return average == Average::macro ? "macro" : "micro";
}

std::string_view to_string(TokensMode mode) {
  switch (mode) {
    case TokensMode::automatic:
      return "auto";
    case TokensMode::reported:
      return "reported";
    case TokensMode::counted:
      return "counted";
  }
  return "auto";
}

std::string_view to_string(TokensSource source) {
  switch (source) {
    case TokensSource::reported:
      return "reported";
    case TokensSource::counted:
      return "counted";
    case TokensSource::summary:
      return "summary";
  }
  return "counted";
}

std::string_view to_string(CostSource source) {
  switch (source) {
    case CostSource::none:
      return "none";
    case CostSource::prices:
      return "prices";
    case CostSource::trace:
      return "trace";
    case CostSource::summary:
      return "summary";
  }
  return "none";
}

std::string_view to_string(SampleSet set) {
  return set == SampleSet::common ? "common" : "all";
}

}  // namespace tokprof::aggregate
