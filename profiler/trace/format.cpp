#include "format.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>

namespace tokprof::trace {
namespace {

struct FormatName {
  std::string_view name;
  Format format;
};

// Canonical names first; the aliases after them are accepted but never printed.
constexpr std::array k_format_names{
    FormatName{"auto", Format::automatic},        FormatName{"mapped", Format::mapped},
    FormatName{"openai", Format::openai},         FormatName{"anthropic", Format::anthropic},
    FormatName{"arena-hard", Format::arena_hard}, FormatName{"summary", Format::summary},
    FormatName{"inspect", Format::inspect},       FormatName{"lm-eval", Format::lm_eval},
    FormatName{"otel", Format::otel},             FormatName{"gemini", Format::gemini},
    FormatName{"automatic", Format::automatic},   FormatName{"map", Format::mapped},
    FormatName{"arena_hard", Format::arena_hard}, FormatName{"lm_eval", Format::lm_eval},
    // OpenRouter responses are OpenAI-shaped; the OpenAI reader reads their additions.
    FormatName{"openrouter", Format::openai},
};
constexpr std::size_t k_canonical_count = 10;

}  // namespace

Result<Format> parse_format(std::string_view name) {
  for (const auto& entry : k_format_names) {
    if (entry.name == name) {
      return entry.format;
    }
  }
  std::string known;
  for (std::size_t i = 0; i < k_canonical_count; ++i) {
    known += (i == 0 ? "" : ", ");
    known += k_format_names[i].name;
  }
  return make_error(ErrorKind::usage, fmt::format("unknown trace format \"{}\" (known: {})", name, known));
}

std::string_view format_name(Format format) {
  for (std::size_t i = 0; i < k_canonical_count; ++i) {
    if (k_format_names[i].format == format) {
      return k_format_names[i].name;
    }
  }
  return "unknown";
}

std::string Warning::to_string() const {
  if (file.empty()) {
    return message;
  }
  if (line == 0) {
    return fmt::format("{}: {}", file, message);
  }
  return fmt::format("{}:{}: {}", file, line, message);
}

}  // namespace tokprof::trace
