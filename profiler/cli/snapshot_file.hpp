#pragma once
// Reading a JSON report back as a Snapshot: the input of `tokprof diff` and
// of `tokprof check`.

#include <string>

#include "aggregate/diff.hpp"
#include "base/error.hpp"

namespace tokprof::cli {

// Reads the JSON report at `path` into a Snapshot; an error names `path`.
[[nodiscard]] Result<aggregate::Snapshot> read_snapshot_file(const std::string& path);

}  // namespace tokprof::cli
