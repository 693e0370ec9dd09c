#pragma once
// A small read-only ZIP archive reader, enough for Inspect AI's .eval logs.
//
// Debian's libzip predates zstd entries (method 93), which Inspect writes
// since 0.3.206, so the archive is read here with zlib and libzstd: the end
// of central directory record (and its ZIP64 variant), the central
// directory, and each entry's local header to find where its data starts.
// Sizes and CRCs are taken from the central directory, so entries written
// with data descriptors (bit 3) need no special case. Supported methods: 0
// (stored), 8 (deflate) and 93 (zstd, any number of frames). Every entry is
// checked against its CRC-32. Internal to tokprof_trace.
//
// Zip bombs are refused: an entry announcing more than `max_entry_size`
// bytes is not read, decompression stops one byte past the announced size
// (memory grows with what comes out, not with what the directory claims),
// and entries whose data overlap (many directory entries pointing at the
// same compressed bytes) make the archive unreadable, so the output stays
// proportional to the file.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace tokprof::trace {

// Inspect writes one sample per entry; no real one comes near this.
inline constexpr std::uint64_t k_default_max_zip_entry_size = std::uint64_t{1} << 30U;

struct ZipEntry {
  std::string name;
  std::uint16_t method = 0;
  std::uint32_t crc32 = 0;
  std::uint64_t compressed_size = 0;
  std::uint64_t size = 0;
  std::uint64_t local_header_offset = 0;
};

// Returns true when `prefix` starts with a ZIP local file header ("PK\3\4").
[[nodiscard]] bool has_zip_magic(std::string_view prefix);

class ZipArchive {
 public:
  // Reads the archive at `path` into memory and lists its entries. Errors
  // (ErrorKind::parse, located at `path`): no end of central directory, a
  // truncated or inconsistent central directory, entries whose data overlap,
  // a multi-disk archive. read() refuses entries larger than `max_entry_size`.
  [[nodiscard]] static Result<ZipArchive> open(const std::string& path,
                                               std::uint64_t max_entry_size = k_default_max_zip_entry_size);

  // Returns the entries in central directory order.
  [[nodiscard]] const std::vector<ZipEntry>& entries() const { return m_entries; }

  // Returns the entry named `name`, or nullptr.
  [[nodiscard]] const ZipEntry* find(std::string_view name) const;

  // Returns the uncompressed bytes of `entry`. Errors name the archive and
  // the entry: an unsupported method, an entry larger than the limit,
  // corrupt compressed data, a size or CRC-32 mismatch.
  [[nodiscard]] Result<std::string> read(const ZipEntry& entry) const;

  // Returns the path the archive was read from.
  [[nodiscard]] const std::string& path() const { return m_path; }

 private:
  [[nodiscard]] Result<void> read_directory();
  [[nodiscard]] Result<void> check_no_overlap() const;
  [[nodiscard]] Unexpected error(const std::string& message) const;

  std::string m_path;
  std::string m_bytes;
  std::vector<ZipEntry> m_entries;
  std::uint64_t m_max_entry_size = k_default_max_zip_entry_size;
};

}  // namespace tokprof::trace
