// Fuzzes the ZIP reader behind Inspect AI's .eval logs (trace/zip.hpp)
// directly: open the archive from a real file, list its entries, read each.
//
// Invariants, beyond "no crash, no hang, no sanitizer report":
// - every Error names the archive;
// - an entry read back holds exactly the size its directory entry announced
//   (the reader checks the CRC-32 itself);
// - the output is bounded: no entry is larger than the limit the archive
//   was opened with, and all entries together are at most what the input's
//   bytes can expand to (each byte of the file backs at most one entry, so
//   an archive listing the same data many times, a zip bomb, is refused).

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "trace/zip.hpp"

using namespace tokprof;

namespace {

// Small enough that a zstd bomb (a few bytes per 128 KiB block) cannot push
// libFuzzer over its memory limit; real .eval entries are read with the
// library's default.
constexpr std::uint64_t k_max_entry_size = 16U << 20U;

// zstd's best ratio is one byte for a 128 KiB RLE block behind a 3-byte
// header; deflate's is about 1032. Every entry's output is backed by its
// own compressed bytes, so the total is bounded by the file's size.
constexpr std::uint64_t k_max_ratio = (128U << 10U) / 4U + 1U;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const tokprof::fuzz::TempFile file(bytes, ".eval");
  auto archive = trace::ZipArchive::open(file.path(), k_max_entry_size);
  if (!archive) {
    tokprof::fuzz::check(archive.error().file == file.path(), "an open error does not name the archive");
    return 0;
  }
  std::uint64_t total = 0;
  for (const trace::ZipEntry& entry : archive->entries()) {
    tokprof::fuzz::check(archive->find(entry.name) != nullptr, "a listed entry cannot be found by name");
    auto content = archive->read(entry);
    if (!content) {
      tokprof::fuzz::check(content.error().file == file.path(), "a read error does not name the archive");
      continue;
    }
    tokprof::fuzz::check(content->size() == entry.size, "an entry's size differs from its directory entry");
    tokprof::fuzz::check(content->size() <= k_max_entry_size, "an entry larger than the limit was read");
    total += content->size();
    tokprof::fuzz::check(total <= (size + 1) * k_max_ratio, "the entries expand beyond what the bytes can hold");
  }
  return 0;
}
