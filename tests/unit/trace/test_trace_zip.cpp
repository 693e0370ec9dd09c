#include <doctest/doctest.h>

#include "base/file.hpp"
#include "test_paths.hpp"
#include "trace/zip.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::traces_dir;
using tokprof::test::write_file;

namespace {

const std::string k_zstd_log = (traces_dir() / "inspect" / "2025-09-14T09-30-00+00-00_gsm8k_o3.eval").string();
const std::string k_deflate_log =
    (traces_dir() / "inspect" / "2024-12-29T10-00-00+00-00_gsm8k_claude.eval").string();

}  // namespace

TEST_CASE("trace::ZipArchive") {
  SUBCASE("zstd entries, several frames, data descriptors") {
    const auto archive = ZipArchive::open(k_zstd_log);
    REQUIRE(archive);
    const ZipEntry* sample = archive->find("samples/1_epoch_2.json");
    REQUIRE(sample != nullptr);
    CHECK(sample->method == 93);
    const auto text = archive->read(*sample);
    REQUIRE(text);
    CHECK(text->size() == sample->size);
    CHECK(text->find("\"epoch\": 2") != std::string::npos);
    CHECK(archive->find("header.json") != nullptr);
    CHECK(archive->find("nope.json") == nullptr);
  }
  SUBCASE("deflate entries") {
    const auto archive = ZipArchive::open(k_deflate_log);
    REQUIRE(archive);
    CHECK(archive->entries().size() == 6);
    const ZipEntry* header = archive->find("header.json");
    REQUIRE(header != nullptr);
    CHECK(header->method == 8);
    const auto text = archive->read(*header);
    REQUIRE(text);
    CHECK(text->find("claude-3-5-sonnet") != std::string::npos);
  }
  SUBCASE("a corrupt entry names the archive and the entry") {
    auto bytes = read_file(k_deflate_log);
    REQUIRE(bytes);
    const std::size_t at = bytes->find("samples/1_epoch_1.json") + 30;  // inside its compressed data
    (*bytes)[at] = static_cast<char>((*bytes)[at] ^ 0x55);
    const std::string path = write_file("corrupt.eval", *bytes);
    const auto archive = ZipArchive::open(path);
    REQUIRE(archive);
    const auto text = archive->read(*archive->find("samples/1_epoch_1.json"));
    REQUIRE_FALSE(text);
    CHECK(text.error().to_string().starts_with("corrupt.eval: entry \"samples/1_epoch_1.json\": "));
  }
  SUBCASE("not an archive") {
    const auto archive = ZipArchive::open(write_file("x.eval", "PK\x03\x04 and then nothing like a directory"));
    REQUIRE_FALSE(archive);
    CHECK(archive.error().to_string() == "x.eval: not a readable ZIP archive: no end of central directory record");
  }
}
