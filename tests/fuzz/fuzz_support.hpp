#pragma once
// Helpers shared by the fuzz targets: invariant checks that abort (so that
// libFuzzer and the replay driver both report them as crashes) and
// per-process temporary files for the readers that only take a path.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include <unistd.h>

namespace tokprof::fuzz {

// Aborts with `what` when `condition` is false. An abort, not an exception:
// libFuzzer saves the input that triggered it, the replay driver dies with
// a non-zero status, and ctest reports the test as failed.
inline void check(bool condition, std::string_view what) {
  if (!condition) {
    std::fprintf(stderr, "fuzz invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
    std::abort();
  }
}

// A file holding the fuzz input, removed when it goes out of scope. The name
// carries the process id so that parallel libFuzzer workers (-jobs=N) do not
// share one, and `suffix` so that readers choosing by extension (".jsonl",
// ".csv", ".gz") see what the target wants them to see.
class TempFile {
 public:
  TempFile(std::string_view bytes, std::string_view suffix) {
    const char* dir = std::getenv("TMPDIR");
    m_path = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/tokprof-fuzz-" +
             std::to_string(::getpid()) + std::string(suffix);
    std::FILE* file = std::fopen(m_path.c_str(), "wb");
    check(file != nullptr, "cannot create the temporary input file");
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
    check(std::fclose(file) == 0 && written, "cannot write the temporary input file");
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() { std::remove(m_path.c_str()); }

  [[nodiscard]] const std::string& path() const { return m_path; }

 private:
  std::string m_path;
};

// A file with an exact name, `directory/name`, under a per-process
// directory, removed with it when it goes out of scope: for readers that
// take facts from the path itself (lm-eval's samples_<task>_<date>.jsonl and
// the model directory above it), which a TempFile's name cannot carry.
class TempNamedFile {
 public:
  TempNamedFile(std::string_view bytes, std::string_view directory, std::string_view name) {
    const char* dir = std::getenv("TMPDIR");
    m_root = std::filesystem::path(dir != nullptr && *dir != '\0' ? dir : "/tmp") /
             ("tokprof-fuzz-" + std::to_string(::getpid()) + ".d");
    const std::filesystem::path parent = m_root / std::string(directory);
    std::error_code ignored;
    std::filesystem::create_directories(parent, ignored);
    m_path = (parent / std::string(name)).string();
    std::FILE* file = std::fopen(m_path.c_str(), "wb");
    check(file != nullptr, "cannot create the temporary input file");
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
    check(std::fclose(file) == 0 && written, "cannot write the temporary input file");
  }
  TempNamedFile(const TempNamedFile&) = delete;
  TempNamedFile& operator=(const TempNamedFile&) = delete;
  ~TempNamedFile() {
    std::error_code ignored;
    std::filesystem::remove_all(m_root, ignored);
  }

  [[nodiscard]] const std::string& path() const { return m_path; }

 private:
  std::filesystem::path m_root;
  std::string m_path;
};

}  // namespace tokprof::fuzz
