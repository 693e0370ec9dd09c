#include "registry.hpp"

#include <cctype>

#include <simdjson.h>

#include <fmt/format.h>

#include "base/file.hpp"
#include "encodings.hpp"
#include "hf_names.hpp"
#include "tokenizer.hpp"

namespace tokprof::tokenizer {

extern const std::string_view k_registry_json;  // registry_data.cpp, generated

namespace {

using simdjson::dom::element;

Result<std::string> string_field(const element& value, std::string_view key, std::string_view where,
                                 std::string_view source) {
  std::string_view text;
  if (value[key].get_string().get(text) != simdjson::SUCCESS) {
    return make_error_at(ErrorKind::invalid, fmt::format("{}: \"{}\" must be a string", where, key), std::string(source));
  }
  return std::string(text);
}

Result<TokenizerChoice> parse_choice(const element& value, std::string_view where, std::string_view source) {
  TokenizerChoice choice;
  TOKPROF_TRY_ASSIGN(choice.tokenizer, string_field(value, "tokenizer", where, source));
  bool exact = false;
  if (value["exact"].get_bool().get(exact) != simdjson::SUCCESS) {
    return make_error_at(ErrorKind::invalid, fmt::format("{}: \"exact\" must be true or false", where),
                         std::string(source));
  }
  choice.exact = exact;
  std::string_view reason;
  if (value["reason"].get_string().get(reason) == simdjson::SUCCESS) {
    choice.reason = std::string(reason);
  }
  return choice;
}

}  // namespace

Result<Registry> Registry::parse(std::string_view json, std::string_view source) {
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(json);
  element root;
  if (const auto code = parser.parse(padded).get(root); code != simdjson::SUCCESS) {
    return make_error_at(ErrorKind::parse, fmt::format("not valid JSON: {}", simdjson::error_message(code)),
                         std::string(source));
  }
  Registry registry;
  element fallback;
  if (root["default"].get(fallback) == simdjson::SUCCESS) {
    TOKPROF_TRY_ASSIGN(registry.m_default, parse_choice(fallback, "/default", source));
  }
  simdjson::dom::array entries;
  if (root["entries"].get_array().get(entries) != simdjson::SUCCESS) {
    return make_error_at(ErrorKind::invalid, "\"entries\" must be an array", std::string(source));
  }
  std::size_t i = 0;
  for (const element item : entries) {
    const std::string where = fmt::format("/entries/{}", i++);
    RegistryEntry entry;
    TOKPROF_TRY_ASSIGN(entry.pattern, string_field(item, "pattern", where, source));
    TOKPROF_TRY_ASSIGN(const TokenizerChoice choice, parse_choice(item, where, source));
    entry.tokenizer = choice.tokenizer;
    entry.exact = choice.exact;
    entry.reason = choice.reason;
    entry.source = std::string(source);
    registry.m_entries.push_back(std::move(entry));
  }
  return registry;
}

const Registry& Registry::builtin() {
  static const Registry registry = [] {
    auto parsed = parse(k_registry_json, "built-in");
    if (!parsed) {
      // registry.json is checked by the unit tests; a broken one is a build bug.
      throw std::logic_error("built-in registry.json: " + parsed.error().to_string());
    }
    return std::move(*parsed);
  }();
  return registry;
}

Result<Registry> Registry::with_overrides(const std::string& path) {
  TOKPROF_TRY_ASSIGN(const std::string content, read_file(path));
  TOKPROF_TRY_ASSIGN(Registry overrides, parse(content, path));
  Registry merged = builtin();
  merged.m_entries.insert(merged.m_entries.begin(), overrides.m_entries.begin(), overrides.m_entries.end());
  if (!overrides.m_default.tokenizer.empty()) {
    merged.m_default = overrides.m_default;
  }
  return merged;
}

std::string_view strip_provider(std::string_view model) {
  const std::size_t slash = model.rfind('/');
  return slash == std::string_view::npos ? model : model.substr(slash + 1);
}

bool glob_match(std::string_view pattern, std::string_view name) {
  // Iterative wildcard match with one backtrack point: linear in practice.
  std::size_t p = 0;
  std::size_t n = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_n = 0;
  const auto same = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  };
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_n = n;
    } else if (p < pattern.size() && same(pattern[p], name[n])) {
      ++p;
      ++n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++star_n;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

TokenizerChoice choose_tokenizer(std::string_view model, const Registry& registry) {
  const std::string_view bare = strip_provider(model);
  for (const RegistryEntry& entry : registry.entries()) {
    if (glob_match(entry.pattern, bare) || glob_match(entry.pattern, model)) {
      return {entry.tokenizer, entry.exact, entry.reason, entry.pattern};
    }
  }
  return registry.fallback();
}

std::vector<TokenizerRow> tokenizer_rows(const Registry& registry, std::string_view tokenizer_dir) {
  const std::vector<HfTokenizerInfo> hf = hf_tokenizers(tokenizer_dir);
  const auto installed = [&](const std::string& name) {
    if (find_encoding(name)) {
      return true;
    }
    for (const HfTokenizerInfo& info : hf) {
      if (info.name == name) {
        return info.installed;
      }
    }
    return false;
  };
  std::vector<TokenizerRow> rows;
  for (const RegistryEntry& entry : registry.entries()) {
    rows.push_back({entry.pattern, entry.tokenizer, entry.exact, installed(entry.tokenizer), entry.reason, entry.source});
  }
  const TokenizerChoice& fallback = registry.fallback();
  rows.push_back({"*", fallback.tokenizer, fallback.exact, installed(fallback.tokenizer), fallback.reason, "built-in"});
  return rows;
}

}  // namespace tokprof::tokenizer
