// Shared pieces of the eval-log readers: the queue stream and the
// non-finite number literals Python writes.

#include "eval_logs.hpp"

#include <array>

namespace tokprof::trace {
namespace {

constexpr std::array<std::string_view, 3> k_nonfinite = {"-Infinity", "Infinity", "NaN"};

// Returns the length of the non-finite literal at `at`, or 0.
std::size_t nonfinite_at(std::string_view json, std::size_t at) {
  for (const auto literal : k_nonfinite) {
    if (json.substr(at, literal.size()) == literal) {
      return literal.size();
    }
  }
  return 0;
}

}  // namespace

Result<std::optional<TraceRecord>> QueueStream::next() {
  while (m_queue.empty() && !m_done) {
    auto more = fill(m_queue);
    if (!more) {
      // Only unreadable bytes end the stream; fill() consumed any other bad batch.
      m_done = more.error().kind == ErrorKind::io;
      return Unexpected(std::move(more).error());
    }
    m_done = !*more;
  }
  if (m_queue.empty()) {
    return std::nullopt;
  }
  Result<TraceRecord> record = std::move(m_queue.front());
  m_queue.pop_front();
  if (!record) {
    return Unexpected(std::move(record).error());
  }
  return std::optional<TraceRecord>(std::move(*record));
}

std::string quote_nonfinite(std::string_view json) {
  if (json.find("NaN") == std::string_view::npos && json.find("Infinity") == std::string_view::npos) {
    return std::string(json);
  }
  std::string out;
  out.reserve(json.size() + 64);
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < json.size()) {
        out += json[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (const std::size_t length = nonfinite_at(json, i); length > 0) {
      out += '"';
      out += json.substr(i, length);
      out += '"';
      i += length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

bool looks_like_inspect_json(std::string_view prefix) {
  const std::size_t first = prefix.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || prefix[first] != '{') {
    return false;
  }
  return prefix.find("\"version\"") != std::string_view::npos && prefix.find("\"eval\"") != std::string_view::npos &&
         prefix.find("\"task\"") != std::string_view::npos;
}

}  // namespace tokprof::trace
