#pragma once
// Helpers shared by the fuzz targets: invariant checks that abort (so that
// libFuzzer and the replay driver both report them as crashes) and a
// per-process temporary file for the readers that only take a path.

#include <cstdio>
#include <cstdlib>
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

}  // namespace tokprof::fuzz
