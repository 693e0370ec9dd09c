// ZIP reading per PKWARE's APPNOTE.TXT: find the end of central directory
// record by scanning back from the end (it is followed only by a comment of
// at most 64 KiB), switch to the ZIP64 record when a field is saturated,
// then walk the central directory. Entry data is located through the local
// header, whose name and extra lengths may differ from the central copy.

#include "zip.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include <fmt/format.h>
#include <zlib.h>
#include <zstd.h>

#include "base/file.hpp"

namespace tokprof::trace {
namespace {

constexpr std::uint32_t k_local_signature = 0x04034b50;
constexpr std::uint32_t k_central_signature = 0x02014b50;
constexpr std::uint32_t k_end_signature = 0x06054b50;
constexpr std::uint32_t k_zip64_end_signature = 0x06064b50;
constexpr std::uint32_t k_zip64_locator_signature = 0x07064b50;
constexpr std::size_t k_end_size = 22;
constexpr std::size_t k_zip64_locator_size = 20;
constexpr std::size_t k_central_size = 46;
constexpr std::size_t k_local_size = 30;
constexpr std::size_t k_zip64_end_size = 56;
constexpr std::size_t k_max_comment = 0xffff;
constexpr std::uint16_t k_zip64_extra_id = 0x0001;
constexpr std::uint16_t k_method_stored = 0;
constexpr std::uint16_t k_method_deflate = 8;
constexpr std::uint16_t k_method_zstd = 93;

// Reads little-endian integers at an offset the caller has bounds-checked.
std::uint64_t read_le(std::string_view bytes, std::size_t offset, std::size_t width) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    value |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[offset + i])) << (8 * i);
  }
  return value;
}
std::uint16_t u16(std::string_view bytes, std::size_t offset) {
  return static_cast<std::uint16_t>(read_le(bytes, offset, 2));
}
std::uint32_t u32(std::string_view bytes, std::size_t offset) {
  return static_cast<std::uint32_t>(read_le(bytes, offset, 4));
}
std::uint64_t u64(std::string_view bytes, std::size_t offset) {
  return read_le(bytes, offset, 8);
}

// Replaces the saturated 32-bit fields of `entry` with the values of its
// ZIP64 extra field, which lists only the saturated ones, in this order.
void apply_zip64_extra(std::string_view extra, ZipEntry& entry) {
  std::size_t at = 0;
  while (at + 4 <= extra.size()) {
    const std::uint16_t id = u16(extra, at);
    const std::size_t size = u16(extra, at + 2);
    const std::string_view data = extra.substr(at + 4, std::min(size, extra.size() - at - 4));
    at += 4 + size;
    if (id != k_zip64_extra_id) {
      continue;
    }
    std::size_t field = 0;
    for (std::uint64_t* value : {&entry.size, &entry.compressed_size, &entry.local_header_offset}) {
      if (*value == 0xffffffffU && field + 8 <= data.size()) {
        *value = u64(data, field);
        field += 8;
      }
    }
  }
}

// Decompressors write in chunks, growing the output as it comes, up to one
// byte past the announced size: that byte shows an entry larger than its
// directory entry says without decompressing the rest of a bomb.
constexpr std::size_t k_output_chunk = std::size_t{1} << 20U;
constexpr std::size_t k_max_zlib_input = std::numeric_limits<uInt>::max();

// Makes room for the next chunk of output and returns where it starts.
char* grow_output(std::string& out, std::uint64_t limit, std::size_t& room) {
  const std::size_t used = out.size();
  room = static_cast<std::size_t>(std::min<std::uint64_t>(k_output_chunk, limit - used));
  out.resize(used + room);
  return out.data() + used;
}

// The output limit for an entry of `size` bytes: one more, unless that overflows.
std::uint64_t output_limit(std::uint64_t size) {
  return size < std::numeric_limits<std::uint64_t>::max() ? size + 1 : size;
}

Result<std::string> size_exceeded(std::uint64_t size) {
  return make_error(ErrorKind::parse, fmt::format("more than the {} bytes the directory announces", size));
}

Result<std::string> inflate_raw(std::string_view in, std::uint64_t size) {
  z_stream stream{};
  // Negative window bits: raw deflate, as ZIP stores it (no zlib header).
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) {
    return make_error(ErrorKind::io, "cannot start zlib");
  }
  const std::uint64_t limit = output_limit(size);
  std::string out;
  std::size_t fed = 0;
  int status = Z_OK;
  while (status == Z_OK && out.size() < limit) {
    if (stream.avail_in == 0 && fed < in.size()) {
      // zlib counts input in uInt: feed an entry over 4 GiB in slices.
      const std::size_t slice = std::min(in.size() - fed, k_max_zlib_input);
      stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + fed));
      stream.avail_in = static_cast<uInt>(slice);
      fed += slice;
    }
    std::size_t room = 0;
    stream.next_out = reinterpret_cast<Bytef*>(grow_output(out, limit, room));
    stream.avail_out = static_cast<uInt>(room);
    status = inflate(&stream, Z_NO_FLUSH);
    out.resize(out.size() - stream.avail_out);
  }
  inflateEnd(&stream);
  if (out.size() > size) {
    return size_exceeded(size);
  }
  if (status == Z_BUF_ERROR) {
    return make_error(ErrorKind::parse, "truncated deflate data");
  }
  if (status != Z_STREAM_END) {
    return make_error(ErrorKind::parse, fmt::format("corrupt deflate data (zlib status {})", status));
  }
  return out;
}

// Decompresses every zstd frame of `in`: Inspect splits large entries into
// several frames, which ZSTD_decompressStream reads back to back.
Result<std::string> unzstd(std::string_view in, std::uint64_t size) {
  ZSTD_DCtx* context = ZSTD_createDCtx();
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  const std::uint64_t limit = output_limit(size);
  std::string out;
  std::size_t hint = 1;
  while (out.size() < limit) {
    std::size_t room = 0;
    ZSTD_outBuffer output{grow_output(out, limit, room), room, 0};
    hint = ZSTD_decompressStream(context, &output, &input);
    out.resize(out.size() - room + output.pos);
    if (ZSTD_isError(hint) != 0U) {
      const std::string reason = ZSTD_getErrorName(hint);
      ZSTD_freeDCtx(context);
      return make_error(ErrorKind::parse, fmt::format("corrupt zstd data ({})", reason));
    }
    // All input read and room left over: the decoder has flushed everything.
    if (input.pos == input.size && output.pos < room) {
      break;
    }
  }
  ZSTD_freeDCtx(context);
  if (out.size() > size) {
    return size_exceeded(size);
  }
  if (hint != 0) {
    return make_error(ErrorKind::parse, "truncated zstd data");
  }
  return out;
}

}  // namespace

bool has_zip_magic(std::string_view prefix) {
  return prefix.size() >= 4 && u32(prefix, 0) == k_local_signature;
}

Unexpected ZipArchive::error(const std::string& message) const {
  return make_error_at(ErrorKind::parse, fmt::format("not a readable ZIP archive: {}", message), m_path);
}

Result<ZipArchive> ZipArchive::open(const std::string& path, std::uint64_t max_entry_size) {
  ZipArchive archive;
  archive.m_path = path;
  archive.m_max_entry_size = max_entry_size;
  TOKPROF_TRY_ASSIGN(archive.m_bytes, read_file(path));
  TOKPROF_TRY(archive.read_directory());
  TOKPROF_TRY(archive.check_no_overlap());
  return archive;
}

// Each byte of the archive backs at most one entry. Without this check a
// small file can list one highly compressed entry thousands of times (an
// overlapping zip bomb) and expand without bound. An entry spans at least
// its local header and its compressed data; the name and extra field that
// follow the header only make it longer, so real archives always pass.
Result<void> ZipArchive::check_no_overlap() const {
  std::vector<const ZipEntry*> by_offset;
  by_offset.reserve(m_entries.size());
  for (const ZipEntry& entry : m_entries) {
    by_offset.push_back(&entry);
  }
  std::sort(by_offset.begin(), by_offset.end(),
            [](const ZipEntry* a, const ZipEntry* b) { return a->local_header_offset < b->local_header_offset; });
  for (std::size_t i = 1; i < by_offset.size(); ++i) {
    const ZipEntry& before = *by_offset[i - 1];
    const std::uint64_t next = by_offset[i]->local_header_offset;
    const std::uint64_t start = before.local_header_offset;
    if (next - start < k_local_size || next - start - k_local_size < before.compressed_size) {
      return error(fmt::format("entries \"{}\" and \"{}\" overlap", before.name, by_offset[i]->name));
    }
  }
  return {};
}

Result<void> ZipArchive::read_directory() {
  const std::string_view bytes = m_bytes;
  if (bytes.size() < k_end_size) {
    return error("too short");
  }
  const std::size_t lowest = bytes.size() > k_end_size + k_max_comment ? bytes.size() - k_end_size - k_max_comment : 0;
  std::size_t end = bytes.size() - k_end_size;
  while (u32(bytes, end) != k_end_signature) {
    if (end == lowest) {
      return error("no end of central directory record");
    }
    --end;
  }
  if (u16(bytes, end + 4) != 0 || u16(bytes, end + 6) != 0) {
    return error("multi-disk archives are not supported");
  }
  std::uint64_t count = u16(bytes, end + 10);
  std::uint64_t directory_size = u32(bytes, end + 12);
  std::uint64_t directory_offset = u32(bytes, end + 16);
  const bool saturated = count == 0xffff || directory_size == 0xffffffffU || directory_offset == 0xffffffffU;
  if (saturated && end >= k_zip64_locator_size && u32(bytes, end - k_zip64_locator_size) == k_zip64_locator_signature) {
    const std::uint64_t record = u64(bytes, end - k_zip64_locator_size + 8);
    if (bytes.size() < k_zip64_end_size || record > bytes.size() - k_zip64_end_size ||
        u32(bytes, record) != k_zip64_end_signature) {
      return error("bad ZIP64 end of central directory record");
    }
    count = u64(bytes, record + 32);
    directory_size = u64(bytes, record + 40);
    directory_offset = u64(bytes, record + 48);
  }
  if (directory_offset > bytes.size() || directory_size > bytes.size() - directory_offset) {
    return error("central directory out of bounds");
  }
  std::size_t at = directory_offset;
  for (std::uint64_t i = 0; i < count; ++i) {
    if (at + k_central_size > bytes.size() || u32(bytes, at) != k_central_signature) {
      return error(fmt::format("bad central directory entry {}", i + 1));
    }
    const std::size_t name_size = u16(bytes, at + 28);
    const std::size_t extra_size = u16(bytes, at + 30);
    const std::size_t comment_size = u16(bytes, at + 32);
    if (at + k_central_size + name_size + extra_size + comment_size > bytes.size()) {
      return error(fmt::format("truncated central directory entry {}", i + 1));
    }
    ZipEntry entry;
    entry.method = u16(bytes, at + 10);
    entry.crc32 = u32(bytes, at + 16);
    entry.compressed_size = u32(bytes, at + 20);
    entry.size = u32(bytes, at + 24);
    entry.local_header_offset = u32(bytes, at + 42);
    entry.name = std::string(bytes.substr(at + k_central_size, name_size));
    apply_zip64_extra(bytes.substr(at + k_central_size + name_size, extra_size), entry);
    m_entries.push_back(std::move(entry));
    at += k_central_size + name_size + extra_size + comment_size;
  }
  return {};
}

const ZipEntry* ZipArchive::find(std::string_view name) const {
  const auto found = std::find_if(m_entries.begin(), m_entries.end(), [&](const auto& e) { return e.name == name; });
  return found == m_entries.end() ? nullptr : &*found;
}

Result<std::string> ZipArchive::read(const ZipEntry& entry) const {
  const auto fail = [&](const std::string& message) {
    return make_error_at(ErrorKind::parse, fmt::format("entry \"{}\": {}", entry.name, message), m_path);
  };
  if (entry.size > m_max_entry_size) {
    return fail(fmt::format("{} bytes uncompressed, more than the {} tokprof reads from one entry", entry.size,
                            m_max_entry_size));
  }
  const std::string_view bytes = m_bytes;
  const std::uint64_t header = entry.local_header_offset;
  if (header > bytes.size() || bytes.size() - header < k_local_size || u32(bytes, header) != k_local_signature) {
    return fail("bad local header");
  }
  const std::uint64_t data = header + k_local_size + u16(bytes, header + 26) + u16(bytes, header + 28);
  if (data > bytes.size() || entry.compressed_size > bytes.size() - data) {
    return fail("data out of bounds (truncated archive?)");
  }
  const std::string_view packed = bytes.substr(data, entry.compressed_size);
  Result<std::string> content = std::string();
  if (entry.method == k_method_stored) {
    content = std::string(packed);
  } else if (entry.method == k_method_deflate) {
    content = inflate_raw(packed, entry.size);
  } else if (entry.method == k_method_zstd) {
    content = unzstd(packed, entry.size);
  } else {
    return fail(fmt::format("unsupported compression method {} (tokprof reads 0, 8 and 93)", entry.method));
  }
  if (!content) {
    return fail(content.error().message);
  }
  if (content->size() != entry.size) {
    return fail(fmt::format("{} bytes after decompression, the directory says {}", content->size(), entry.size));
  }
  const auto checksum = crc32_z(crc32_z(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(content->data()),
                                content->size());
  if (checksum != entry.crc32) {
    return fail(fmt::format("CRC-32 mismatch ({:08x}, the directory says {:08x})", checksum, entry.crc32));
  }
  return content;
}

}  // namespace tokprof::trace
