#include "file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include <fmt/format.h>

#include "compressed.hpp"

namespace tokprof {
namespace {

Unexpected io_error(const std::string& path, std::string_view what) {
  return make_error_at(ErrorKind::io, fmt::format("{}: {}", what, std::strerror(errno)), path);
}

class FdSource final : public ByteSource {
 public:
  FdSource(int fd, bool owned, std::string path) : m_fd(fd), m_owned(owned), m_path(std::move(path)) {}
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;
  ~FdSource() override {
    if (m_owned) {
      ::close(m_fd);
    }
  }

  Result<std::size_t> read(char* buffer, std::size_t size) override {
    while (true) {
      const ssize_t got = ::read(m_fd, buffer, size);
      if (got >= 0) {
        return static_cast<std::size_t>(got);
      }
      if (errno != EINTR) {
        return io_error(m_path, "cannot read");
      }
    }
  }

 private:
  int m_fd;
  bool m_owned;
  std::string m_path;
};

Result<int> open_fd(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return io_error(path, "cannot open");
  }
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    return make_error_at(ErrorKind::io, "is a directory", path);
  }
  return fd;
}

}  // namespace

Result<std::string> read_file(const std::string& path) {
  TOKPROF_TRY_ASSIGN(auto source, open_source(path));
  std::string content;
  std::size_t size = 0;
  content.resize(1 << 16);
  while (true) {
    if (size == content.size()) {
      content.resize(content.size() * 2);
    }
    TOKPROF_TRY_ASSIGN(const std::size_t got, source->read(content.data() + size, content.size() - size));
    if (got == 0) {
      break;
    }
    size += got;
  }
  content.resize(size);
  return content;
}

Result<void> write_file_atomic(const std::string& path, std::string_view content) {
  const std::filesystem::path target(path);
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::string temp = (dir / fmt::format(".{}.tmp.XXXXXX", target.filename().string())).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    return io_error(path, "cannot create a temporary file beside");
  }
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      auto error = io_error(path, "cannot write");
      ::close(fd);
      ::unlink(temp.c_str());
      return error;
    }
    written += static_cast<std::size_t>(n);
  }
  // Reports are ordinary user files: 0644 less the umask, not mkstemp's 0600.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    auto error = io_error(path, "cannot write");
    ::unlink(temp.c_str());
    return error;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    auto error = io_error(path, "cannot rename into place");
    ::unlink(temp.c_str());
    return error;
  }
  return {};
}

Result<std::unique_ptr<ByteSource>> open_source(const std::string& path) {
  std::unique_ptr<ByteSource> raw;
  if (path == "-") {
    raw = std::make_unique<FdSource>(STDIN_FILENO, false, "<stdin>");
  } else {
    TOKPROF_TRY_ASSIGN(const int fd, open_fd(path));
    raw = std::make_unique<FdSource>(fd, true, path);
  }
  return wrap_decompressor(std::move(raw), path);
}

LineReader::LineReader(std::unique_ptr<ByteSource> source, std::string path)
    : m_source(std::move(source)), m_path(std::move(path)) {
  m_buffer.resize(1 << 20);
}

Result<bool> LineReader::next(std::string_view& line) {
  std::size_t scan_from = m_begin;
  while (true) {
    const char* start = m_buffer.data() + scan_from;
    const void* newline = std::memchr(start, '\n', m_end - scan_from);
    if (newline != nullptr) {
      const std::size_t stop = static_cast<std::size_t>(static_cast<const char*>(newline) - m_buffer.data());
      std::size_t length = stop - m_begin;
      if (length > 0 && m_buffer[m_begin + length - 1] == '\r') {
        --length;
      }
      line = std::string_view(m_buffer.data() + m_begin, length);
      m_begin = stop + 1;
      ++m_line_number;
      m_unterminated = false;
      return true;
    }
    if (m_eof) {
      if (m_begin == m_end) {
        return false;
      }
      line = std::string_view(m_buffer.data() + m_begin, m_end - m_begin);
      m_begin = m_end;
      ++m_line_number;
      m_unterminated = true;
      return true;
    }
    // Keep the partial line, move it to the front, and grow the buffer only
    // when one line is longer than it.
    const std::size_t pending = m_end - m_begin;
    if (m_begin > 0) {
      std::memmove(m_buffer.data(), m_buffer.data() + m_begin, pending);
      m_begin = 0;
      m_end = pending;
    }
    if (m_end == m_buffer.size()) {
      m_buffer.resize(m_buffer.size() * 2);
    }
    scan_from = m_end;
    auto got = m_source->read(m_buffer.data() + m_end, m_buffer.size() - m_end);
    if (!got) {
      return Unexpected(got.error().at(m_path, m_line_number + 1));
    }
    if (*got == 0) {
      m_eof = true;
    }
    m_end += *got;
  }
}

}  // namespace tokprof
