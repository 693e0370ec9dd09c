#include "compressed.hpp"

#include <zlib.h>
#include <zstd.h>

#include <array>
#include <cstring>
#include <vector>

#include <fmt/format.h>

namespace tokprof {
namespace {

constexpr std::size_t k_chunk = 1 << 16;

// Hands out bytes already read (while sniffing the magic) before the rest.
class PrefixedSource final : public ByteSource {
 public:
  PrefixedSource(std::unique_ptr<ByteSource> inner, std::string prefix)
      : m_inner(std::move(inner)), m_prefix(std::move(prefix)) {}

  Result<std::size_t> read(char* buffer, std::size_t size) override {
    if (m_offset < m_prefix.size()) {
      const std::size_t n = std::min(size, m_prefix.size() - m_offset);
      std::memcpy(buffer, m_prefix.data() + m_offset, n);
      m_offset += n;
      return n;
    }
    return m_inner->read(buffer, size);
  }

 private:
  std::unique_ptr<ByteSource> m_inner;
  std::string m_prefix;
  std::size_t m_offset = 0;
};

class GzipSource final : public ByteSource {
 public:
  GzipSource(std::unique_ptr<ByteSource> inner, std::string path)
      : m_inner(std::move(inner)), m_path(std::move(path)), m_in(k_chunk) {
    // 15 + 32: accept a gzip or zlib header, detected automatically.
    m_ok = inflateInit2(&m_stream, 15 + 32) == Z_OK;
  }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;
  ~GzipSource() override { inflateEnd(&m_stream); }

  Result<std::size_t> read(char* buffer, std::size_t size) override {
    if (!m_ok) {
      return make_error_at(ErrorKind::io, "cannot initialise gzip decompression", m_path);
    }
    m_stream.next_out = reinterpret_cast<Bytef*>(buffer);
    m_stream.avail_out = static_cast<uInt>(std::min<std::size_t>(size, 1U << 30));
    while (m_stream.avail_out > 0 && !m_done) {
      if (m_stream.avail_in == 0) {
        TOKPROF_TRY_ASSIGN(const std::size_t got, m_inner->read(m_in.data(), m_in.size()));
        if (got == 0) {
          if (m_member_done) {
            m_done = true;
            break;
          }
          return make_error_at(ErrorKind::parse, "truncated gzip stream", m_path);
        }
        m_stream.next_in = reinterpret_cast<Bytef*>(m_in.data());
        m_stream.avail_in = static_cast<uInt>(got);
      }
      m_member_done = false;
      const int rc = inflate(&m_stream, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        // Concatenated gzip members (as `cat a.gz b.gz` makes) continue.
        m_member_done = true;
        inflateReset(&m_stream);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return make_error_at(ErrorKind::parse,
                             fmt::format("corrupt gzip stream ({})", m_stream.msg ? m_stream.msg : "inflate failed"),
                             m_path);
      }
    }
    return size - m_stream.avail_out;
  }

 private:
  std::unique_ptr<ByteSource> m_inner;
  std::string m_path;
  std::vector<char> m_in;
  z_stream m_stream{};
  bool m_ok = false;
  bool m_done = false;
  bool m_member_done = false;
};

class ZstdSource final : public ByteSource {
 public:
  ZstdSource(std::unique_ptr<ByteSource> inner, std::string path)
      : m_inner(std::move(inner)), m_path(std::move(path)), m_in(ZSTD_DStreamInSize()) {}
  ZstdSource(const ZstdSource&) = delete;
  ZstdSource& operator=(const ZstdSource&) = delete;
  ~ZstdSource() override { ZSTD_freeDCtx(m_ctx); }

  Result<std::size_t> read(char* buffer, std::size_t size) override {
    ZSTD_outBuffer out{buffer, size, 0};
    while (out.pos < out.size) {
      if (m_input.pos == m_input.size) {
        TOKPROF_TRY_ASSIGN(const std::size_t got, m_inner->read(m_in.data(), m_in.size()));
        if (got == 0) {
          if (m_last_hint != 0) {
            return make_error_at(ErrorKind::parse, "truncated zstd stream", m_path);
          }
          break;
        }
        m_input = ZSTD_inBuffer{m_in.data(), got, 0};
      }
      const std::size_t hint = ZSTD_decompressStream(m_ctx, &out, &m_input);
      if (ZSTD_isError(hint) != 0U) {
        return make_error_at(ErrorKind::parse, fmt::format("corrupt zstd stream ({})", ZSTD_getErrorName(hint)),
                             m_path);
      }
      m_last_hint = hint;
    }
    return out.pos;
  }

 private:
  std::unique_ptr<ByteSource> m_inner;
  std::string m_path;
  std::vector<char> m_in;
  ZSTD_DCtx* m_ctx = ZSTD_createDCtx();
  ZSTD_inBuffer m_input{nullptr, 0, 0};
  std::size_t m_last_hint = 0;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> wrap_decompressor(std::unique_ptr<ByteSource> raw, const std::string& path) {
  std::string magic(4, '\0');
  std::size_t have = 0;
  while (have < magic.size()) {
    TOKPROF_TRY_ASSIGN(const std::size_t got, raw->read(magic.data() + have, magic.size() - have));
    if (got == 0) {
      break;
    }
    have += got;
  }
  magic.resize(have);
  auto prefixed = std::make_unique<PrefixedSource>(std::move(raw), magic);
  const auto starts_with = [&](std::string_view bytes) { return magic.compare(0, bytes.size(), bytes) == 0; };
  if (have >= 2 && starts_with("\x1f\x8b")) {
    return std::unique_ptr<ByteSource>(std::make_unique<GzipSource>(std::move(prefixed), path));
  }
  if (have >= 4 && starts_with("\x28\xb5\x2f\xfd")) {
    return std::unique_ptr<ByteSource>(std::make_unique<ZstdSource>(std::move(prefixed), path));
  }
  return std::unique_ptr<ByteSource>(std::move(prefixed));
}

}  // namespace tokprof
