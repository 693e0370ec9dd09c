#include "json_text.hpp"

#include <cstdint>
#include <optional>

#include "base/utf8.hpp"

namespace tokprof::trace {
namespace {

// Stand-in for raw byte B (0x80..0xFF): U+10FF00+B, i.e. F4 8F (BE|BF) (80|B&3F).
constexpr unsigned char k_lead = 0xF4;
constexpr unsigned char k_second = 0x8F;

void append_stand_in(std::string& out, unsigned char byte) {
  out += static_cast<char>(k_lead);
  out += static_cast<char>(k_second);
  out += static_cast<char>(byte >= 0xC0 ? 0xBF : 0xBE);
  out += static_cast<char>(0x80 | (byte & 0x3F));
}

std::optional<std::uint32_t> hex4(std::string_view text, std::size_t pos) {
  if (pos + 4 > text.size()) {
    return std::nullopt;
  }
  std::uint32_t value = 0;
  for (std::size_t i = pos; i < pos + 4; ++i) {
    const char c = text[i];
    std::uint32_t digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<std::uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<std::uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      digit = static_cast<std::uint32_t>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
    value = value * 16 + digit;
  }
  return value;
}

bool is_high(std::uint32_t unit) {
  return unit >= 0xD800 && unit <= 0xDBFF;
}
bool is_low(std::uint32_t unit) {
  return unit >= 0xDC00 && unit <= 0xDFFF;
}

// Appends the replacement for the lone surrogate escape `unit`.
void append_lone(std::string& out, std::uint32_t unit) {
  if (unit >= 0xDC80 && unit <= 0xDCFF) {
    append_stand_in(out, static_cast<unsigned char>(unit & 0xFF));
  } else {
    out += "\\ufffd";
  }
}

}  // namespace

std::string repair_invalid_utf8(std::string_view json) {
  std::size_t pos = utf8::first_invalid(json);
  if (pos == json.size()) {
    return {};
  }
  std::string out(json.substr(0, pos));
  out.reserve(json.size() + 64);
  while (pos < json.size()) {
    std::size_t length = 0;
    if (utf8::decode(json, pos, length) == utf8::k_invalid) {
      append_stand_in(out, static_cast<unsigned char>(json[pos]));
    } else {
      out.append(json, pos, length);
    }
    pos += length;
  }
  return out;
}

std::string repair_lone_surrogates(std::string_view json) {
  std::string out;
  bool changed = false;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] != '\\' || i + 1 >= json.size()) {
      out += json[i];
      continue;
    }
    const auto unit = json[i + 1] == 'u' ? hex4(json, i + 2) : std::nullopt;
    if (!unit || (!is_high(*unit) && !is_low(*unit))) {
      out.append(json, i, 2);  // any other escape, copied whole so "\\u" stays literal
      ++i;
      continue;
    }
    const bool paired = is_high(*unit) && i + 12 <= json.size() && json.substr(i + 6, 2) == "\\u" &&
                        hex4(json, i + 8) && is_low(*hex4(json, i + 8));
    if (paired) {
      out.append(json, i, 12);
      i += 11;
      continue;
    }
    append_lone(out, *unit);
    changed = true;
    i += 5;
  }
  return changed ? out : std::string();
}

void restore_raw_bytes(std::string& text) {
  std::size_t write = 0;
  for (std::size_t read = 0; read < text.size();) {
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    if (read + 3 < text.size() && byte(read) == k_lead && byte(read + 1) == k_second &&
        (byte(read + 2) == 0xBE || byte(read + 2) == 0xBF) && (byte(read + 3) & 0xC0) == 0x80) {
      const unsigned high = byte(read + 2) == 0xBF ? 0xC0 : 0x80;
      text[write++] = static_cast<char>(high | (byte(read + 3) & 0x3F));
      read += 4;
    } else {
      text[write++] = text[read++];
    }
  }
  text.resize(write);
}

}  // namespace tokprof::trace
