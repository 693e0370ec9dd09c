// ZipArchive against hostile archives, each one a finding of the fuzz_zip
// campaign or of reading zip.cpp for it (issue 6): output bounded by the
// limit and by the announced sizes, overlapping entries, a ZIP64 record
// that would end past the file. The archives are built byte by byte here.

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "trace/zip.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::write_file;

namespace {

void put_le(std::string& out, std::uint64_t value, int width) {
  for (int i = 0; i < width; ++i) {
    out += static_cast<char>((value >> (8 * i)) & 0xffU);
  }
}

struct Member {
  std::string name;
  std::uint16_t method = 0;
  std::string data;       // as stored in the archive
  std::uint32_t crc = 0;  // unchecked by the tests below unless they read successfully
  std::uint32_t size = 0;
};

// Writes `members` as local header + data each, then a central directory
// whose entries point at `offsets` (the members' own offsets when empty),
// then the end of central directory record.
std::string build_zip(const std::vector<Member>& members, std::vector<std::uint32_t> offsets = {}) {
  std::string out;
  std::vector<std::uint32_t> own;
  for (const Member& m : members) {
    own.push_back(static_cast<std::uint32_t>(out.size()));
    put_le(out, 0x04034b50, 4);
    put_le(out, 20, 2);  // version needed
    put_le(out, 0, 2);   // flags
    put_le(out, m.method, 2);
    put_le(out, 0, 4);  // time, date
    put_le(out, m.crc, 4);
    put_le(out, m.data.size(), 4);
    put_le(out, m.size, 4);
    put_le(out, m.name.size(), 2);
    put_le(out, 0, 2);
    out += m.name;
    out += m.data;
  }
  if (offsets.empty()) {
    offsets = own;
  }
  const std::size_t directory = out.size();
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    const Member& m = members[i % members.size()];
    put_le(out, 0x02014b50, 4);
    put_le(out, 20, 2);
    put_le(out, 20, 2);
    put_le(out, 0, 2);
    put_le(out, m.method, 2);
    put_le(out, 0, 4);
    put_le(out, m.crc, 4);
    put_le(out, m.data.size(), 4);
    put_le(out, m.size, 4);
    put_le(out, m.name.size(), 2);
    put_le(out, 0, 2);   // extra
    put_le(out, 0, 2);   // comment
    put_le(out, 0, 4);   // disk, internal attributes
    put_le(out, 0, 4);   // external attributes
    put_le(out, offsets[i], 4);
    out += m.name;
  }
  put_le(out, 0x06054b50, 4);
  put_le(out, 0, 4);
  put_le(out, offsets.size(), 2);
  put_le(out, offsets.size(), 2);
  put_le(out, out.size() - directory - 12, 4);
  put_le(out, directory, 4);
  put_le(out, 0, 2);
  return out;
}

// A raw deflate stream holding `text` in one stored block (BFINAL, BTYPE 00).
std::string stored_deflate(const std::string& text) {
  std::string out(1, '\x01');
  put_le(out, text.size(), 2);
  put_le(out, ~text.size() & 0xffffU, 2);
  return out + text;
}

}  // namespace

TEST_CASE("trace::ZipArchive refuses zip bombs") {
  SUBCASE("an entry announcing more than the limit is not read") {
    const std::string path = write_file("big.eval", build_zip({{"a.json", 0, std::string(200, 'x'), 0, 200}}));
    const auto archive = ZipArchive::open(path, 100);
    REQUIRE(archive);
    const auto text = archive->read(archive->entries().at(0));
    REQUIRE_FALSE(text);
    CHECK(text.error().to_string() ==
          "big.eval: entry \"a.json\": 200 bytes uncompressed, more than the 100 tokprof reads from one entry");
  }
  SUBCASE("deflate data expanding past the announced size stops one byte after it") {
    const std::string path =
        write_file("liar.eval", build_zip({{"a.json", 8, stored_deflate(std::string(1000, 'x')), 0, 10}}));
    const auto archive = ZipArchive::open(path);
    REQUIRE(archive);
    const auto text = archive->read(archive->entries().at(0));
    REQUIRE_FALSE(text);
    CHECK(text.error().to_string() ==
          "liar.eval: entry \"a.json\": more than the 10 bytes the directory announces");
  }
  SUBCASE("deflate data ending early is truncated") {
    std::string cut = stored_deflate(std::string(100, 'x'));
    cut.resize(50);
    const std::string path = write_file("cut.eval", build_zip({{"a.json", 8, cut, 0, 100}}));
    const auto archive = ZipArchive::open(path);
    REQUIRE(archive);
    const auto text = archive->read(archive->entries().at(0));
    REQUIRE_FALSE(text);
    CHECK(text.error().to_string() == "cut.eval: entry \"a.json\": truncated deflate data");
  }
  SUBCASE("an entry announcing 4 GiB of a few bytes allocates nothing like it") {
    // The announced size used to be allocated up front; now it only bounds
    // the output, and the stream ends long before.
    const std::string path =
        write_file("huge.eval", build_zip({{"a.json", 8, stored_deflate("{}"), 0, 0xfffffffeU}}));
    const auto archive = ZipArchive::open(path, std::uint64_t{8} << 30U);
    REQUIRE(archive);
    const auto text = archive->read(archive->entries().at(0));
    REQUIRE_FALSE(text);
    CHECK(text.error().to_string() ==
          "huge.eval: entry \"a.json\": 2 bytes after decompression, the directory says 4294967294");
  }
  SUBCASE("directory entries sharing compressed data make the archive unreadable") {
    const Member member{"a.json", 8, stored_deflate("{}"), 0, 2};
    const auto archive = ZipArchive::open(write_file("overlap.eval", build_zip({member, member}, {0, 0})));
    REQUIRE_FALSE(archive);
    CHECK(archive.error().to_string() ==
          "overlap.eval: not a readable ZIP archive: entries \"a.json\" and \"a.json\" overlap");
  }
  SUBCASE("distinct entries side by side are fine") {
    const Member a{"a.json", 0, "{}", 0, 2};
    const Member b{"b.json", 0, "[]", 0, 2};
    const auto archive = ZipArchive::open(write_file("two.eval", build_zip({a, b})));
    REQUIRE(archive);
    CHECK(archive->entries().size() == 2);
  }
  SUBCASE("a ZIP64 record that would end past a short file") {
    // ZIP64 end signature, locator pointing at it, end record with
    // saturated fields: 46 bytes, fewer than the record's 56.
    std::string bytes;
    put_le(bytes, 0x06064b50, 4);
    put_le(bytes, 0x07064b50, 4);
    put_le(bytes, 0, 4);
    put_le(bytes, 0, 8);  // the ZIP64 record is at offset 0
    put_le(bytes, 1, 4);
    put_le(bytes, 0x06054b50, 4);
    put_le(bytes, 0, 4);
    put_le(bytes, 0xffff, 2);
    put_le(bytes, 0xffff, 2);
    put_le(bytes, 0xffffffffU, 4);
    put_le(bytes, 0xffffffffU, 4);
    put_le(bytes, 0, 2);
    REQUIRE(bytes.size() == 46);
    const auto archive = ZipArchive::open(write_file("short64.eval", bytes));
    REQUIRE_FALSE(archive);
    CHECK(archive.error().to_string() ==
          "short64.eval: not a readable ZIP archive: bad ZIP64 end of central directory record");
  }
}
