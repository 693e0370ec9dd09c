#include "snapshot_file.hpp"

#include "base/file.hpp"

namespace tokprof::cli {

Result<aggregate::Snapshot> read_snapshot_file(const std::string& path) {
  TOKPROF_TRY_ASSIGN(const std::string text, read_file(path));
  return aggregate::parse_snapshot(text, path);
}

}  // namespace tokprof::cli
