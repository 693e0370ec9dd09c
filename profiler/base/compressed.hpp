#pragma once
// Transparent decompression of gzip and zstd streams (large eval logs are
// usually stored compressed).

#include <memory>
#include <string>

#include "file.hpp"

namespace tokprof {

// Returns `raw` unchanged, or wrapped in a gzip or zstd decompressor when its
// first bytes carry that format's magic number. `path` names the input in
// errors. A truncated or corrupt stream is an Error, never a short read.
[[nodiscard]] Result<std::unique_ptr<ByteSource>> wrap_decompressor(std::unique_ptr<ByteSource> raw,
                                                                    const std::string& path);

}  // namespace tokprof
