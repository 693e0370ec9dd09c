#pragma once
// Where the unit tests find the repository's data (golden files, sample
// traces, ../shared). The build passes the source directory in.

#include <filesystem>

namespace tokprof::test {

inline std::filesystem::path source_dir() { return TOKPROF_SOURCE_DIR; }
inline std::filesystem::path golden_dir() { return source_dir() / "tests" / "golden"; }
inline std::filesystem::path traces_dir() { return source_dir() / "traces"; }
// The shared reference data beside the checkout (../shared).
inline std::filesystem::path shared_dir() { return source_dir().parent_path() / "shared"; }

}  // namespace tokprof::test
