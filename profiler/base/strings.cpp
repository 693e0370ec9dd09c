#include "strings.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace tokprof {
namespace {

constexpr std::array<std::int8_t, 256> make_base64_table() {
  std::array<std::int8_t, 256> table{};
  table.fill(-1);
  constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < alphabet.size(); ++i) {
    table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
  }
  return table;
}

constexpr auto k_base64 = make_base64_table();

}  // namespace

bool decode_base64(std::string_view text, std::string& out) {
  out.clear();
  if (text.empty() || text.size() % 4 != 0) {
    return false;
  }
  std::size_t padding = 0;
  if (text.back() == '=') {
    ++padding;
    if (text[text.size() - 2] == '=') {
      ++padding;
    }
  }
  std::uint32_t buffer = 0;
  for (std::size_t i = 0; i < text.size() - padding; ++i) {
    const std::int8_t value = k_base64[static_cast<unsigned char>(text[i])];
    if (value < 0) {
      return false;
    }
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    if (i % 4 == 3) {
      out.push_back(static_cast<char>(buffer >> 16));
      out.push_back(static_cast<char>(buffer >> 8));
      out.push_back(static_cast<char>(buffer));
      buffer = 0;
    }
  }
  if (padding == 1) {
    out.push_back(static_cast<char>(buffer >> 10));
    out.push_back(static_cast<char>(buffer >> 2));
  } else if (padding == 2) {
    out.push_back(static_cast<char>(buffer >> 4));
  }
  return true;
}


std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

Result<std::int64_t> parse_int(std::string_view text) {
  const std::string_view trimmed = trim(text);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  if (trimmed.empty() || ec != std::errc() || end != trimmed.data() + trimmed.size()) {
    return make_error(ErrorKind::invalid, fmt::format("not an integer: \"{}\"", text));
  }
  return value;
}

Result<double> parse_double(std::string_view text) {
  const std::string_view trimmed = trim(text);
  double value = 0;
  const auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  if (trimmed.empty() || ec != std::errc() || end != trimmed.data() + trimmed.size() || !std::isfinite(value)) {
    return make_error(ErrorKind::invalid, fmt::format("not a number: \"{}\"", text));
  }
  return value;
}

std::string human_count(double value) {
  const double magnitude = std::fabs(value);
  if (magnitude < 1000) {
    return value == std::floor(value) ? fmt::format("{:.0f}", value) : fmt::format("{:.1f}", value);
  }
  static constexpr std::string_view k_suffixes[] = {"k", "M", "B", "T"};
  double scaled = value;
  std::size_t index = 0;
  scaled /= 1000;
  while (std::fabs(scaled) >= 999.5 && index + 1 < std::size(k_suffixes)) {
    scaled /= 1000;
    ++index;
  }
  const double abs_scaled = std::fabs(scaled);
  if (abs_scaled >= 99.5) {
    return fmt::format("{:.0f}{}", scaled, k_suffixes[index]);
  }
  if (abs_scaled >= 9.95) {
    return fmt::format("{:.0f}{}", scaled, k_suffixes[index]);
  }
  return fmt::format("{:.1f}{}", scaled, k_suffixes[index]);
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t stop = text.find(separator, start);
    if (stop == std::string_view::npos) {
      fields.push_back(text.substr(start));
      return fields;
    }
    fields.push_back(text.substr(start, stop - start));
    start = stop + 1;
  }
}

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char byte : bytes) {
    hash = (hash ^ static_cast<unsigned char>(byte)) * 0x100000001b3ULL;
  }
  return hash;
}

const std::string& SharedString::empty_string() {
  static const std::string empty;
  return empty;
}

}  // namespace tokprof
