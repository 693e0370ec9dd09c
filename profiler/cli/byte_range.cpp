#include "byte_range.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <unistd.h>

#include "base/strings.hpp"

namespace tokprof::cli {
namespace {

constexpr std::size_t k_chunk = 1 << 20;

bool compressed(const std::string& path, const std::string& head) {
  const bool gzip = head.size() >= 2 && head[0] == '\x1f' && head[1] == '\x8b';
  const bool zstd = head.size() >= 4 && head.compare(0, 4, "\x28\xb5\x2f\xfd") == 0;
  return gzip || zstd || path.ends_with(".gz") || path.ends_with(".zst");
}

// Returns the offset of the first line start at or after `offset` (a line
// starts at 0 and after every '\n'), or `size` when there is none.
std::uint64_t snap_to_line(std::ifstream& in, std::uint64_t offset, std::uint64_t size) {
  if (offset == 0 || offset >= size) {
    return std::min(offset, size);
  }
  in.clear();
  in.seekg(static_cast<std::streamoff>(offset - 1));
  std::string chunk(k_chunk, '\0');
  std::uint64_t position = offset - 1;
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    const auto newline = std::find(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(got), '\n');
    if (newline != chunk.begin() + static_cast<std::ptrdiff_t>(got)) {
      return position + static_cast<std::uint64_t>(newline - chunk.begin()) + 1;
    }
    position += got;
  }
  return size;
}

// Returns how many '\n' the first `length` bytes of `in` hold.
std::uint64_t count_lines(std::ifstream& in, std::uint64_t length) {
  in.clear();
  in.seekg(0);
  std::string chunk(k_chunk, '\0');
  std::uint64_t lines = 0;
  while (length > 0 && in) {
    in.read(chunk.data(), static_cast<std::streamsize>(std::min<std::uint64_t>(length, chunk.size())));
    const auto got = static_cast<std::size_t>(in.gcount());
    lines += static_cast<std::uint64_t>(std::count(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(got), '\n'));
    length -= got;
  }
  return lines;
}

std::string temporary_name(const std::string& original) {
  static std::atomic<int> counter{0};
  const std::string extension = std::filesystem::path(original).extension().string();
  const auto name = fmt::format("tokprof-range-{}-{}{}", getpid(), counter++, extension);
  return (std::filesystem::temp_directory_path() / name).string();
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) {  // issue 6: an empty `from` matches everywhere, forever
    return;
  }
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

}  // namespace

Result<ByteRange> parse_byte_range(const std::string& text) {
  const auto colon = text.find(':');
  const auto bad = [&] {
    return make_error(ErrorKind::usage, fmt::format("--byte-range needs START:END in bytes, not \"{}\"", text));
  };
  if (colon == std::string::npos) {
    return bad();
  }
  ByteRange range;
  const auto start = parse_int(text.substr(0, colon));
  if (!start || *start < 0) {
    return bad();
  }
  range.start = static_cast<std::uint64_t>(*start);
  if (colon + 1 < text.size()) {
    const auto end = parse_int(text.substr(colon + 1));
    if (!end || *end < *start) {
      return bad();
    }
    range.end = static_cast<std::uint64_t>(*end);
  }
  return range;
}

RangeFile::~RangeFile() {
  if (!m_temporary.empty()) {
    std::error_code ignored;
    std::filesystem::remove(m_temporary, ignored);
  }
}

Result<void> RangeFile::open(const std::string& path, const ByteRange& range) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error_at(ErrorKind::io, "cannot open", path);
  }
  std::string head(4, '\0');
  in.read(head.data(), 4);
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (compressed(path, head)) {
    return make_error_at(ErrorKind::unsupported, "--byte-range needs an uncompressed JSON Lines file", path);
  }
  const std::uint64_t size = std::filesystem::file_size(path);
  const std::uint64_t begin = snap_to_line(in, range.start, size);
  const std::uint64_t end = std::max(begin, snap_to_line(in, range.end.value_or(size), size));
  m_original = path;
  m_temporary = temporary_name(path);
  std::ofstream out(m_temporary, std::ios::binary | std::ios::trunc);
  out << std::string(count_lines(in, begin), '\n');
  in.clear();
  in.seekg(static_cast<std::streamoff>(begin));
  std::string chunk(k_chunk, '\0');
  for (std::uint64_t left = end - begin; left > 0 && in;) {
    in.read(chunk.data(), static_cast<std::streamsize>(std::min<std::uint64_t>(left, chunk.size())));
    const auto got = static_cast<std::size_t>(in.gcount());
    m_empty = m_empty && trim(std::string_view(chunk.data(), got)).empty();
    out.write(chunk.data(), static_cast<std::streamsize>(got));
    left -= got;
  }
  if (!out.flush()) {
    return make_error_at(ErrorKind::io, "cannot write temporary file", m_temporary);
  }
  return {};
}

void RangeFile::relocate(ScanResult& scanned) const {
  if (m_temporary.empty()) {  // no --byte-range: nothing was moved
    return;
  }
  scanned.samples.rename_file(m_temporary, m_original);
  for (aggregate::SummaryRow& row : scanned.summaries) {
    if (row.file == m_temporary) {
      row.file = m_original;
    }
  }
  for (std::string& warning : scanned.warnings) {
    replace_all(warning, m_temporary, m_original);
  }
  for (SkippedRecord& skipped : scanned.skipped) {
    replace_all(skipped.where, m_temporary, m_original);
    replace_all(skipped.reason, m_temporary, m_original);
    replace_all(skipped.file, m_temporary, m_original);
  }
}

}  // namespace tokprof::cli
