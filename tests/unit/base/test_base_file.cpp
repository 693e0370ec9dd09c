#include <doctest/doctest.h>

#include <zlib.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/file.hpp"

using namespace tokprof;

namespace {

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::vector<std::string> read_lines(const std::string& path) {
  auto source = open_source(path);
  REQUIRE(source);
  LineReader reader(std::move(*source), path);
  std::vector<std::string> lines;
  std::string_view line;
  while (reader.next(line).value()) {
    lines.emplace_back(line);
  }
  return lines;
}

std::string gzip(const std::string& data) {
  z_stream stream{};
  REQUIRE(deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(data.size() + 1024, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

}  // namespace

TEST_CASE("base::LineReader splits on \\n only") {
  write_bytes("a.jsonl", "one\ntwo\r\nthree\xE2\x80\xA8still three\nlast");
  const auto lines = read_lines("a.jsonl");
  REQUIRE(lines.size() == 4);
  CHECK(lines[1] == "two");
  CHECK(lines[2] == "three\xE2\x80\xA8still three");
  CHECK(lines[3] == "last");
}

TEST_CASE("base::LineReader handles lines longer than its buffer") {
  const std::string long_line(3 << 20, 'x');
  write_bytes("long.jsonl", "a\n" + long_line + "\nb\n");
  const auto lines = read_lines("long.jsonl");
  REQUIRE(lines.size() == 3);
  CHECK(lines[1] == long_line);
  CHECK(lines[2] == "b");
}

TEST_CASE("base::open_source decompresses gzip and zstd") {
  const std::string text = "{\"a\":1}\n{\"a\":2}\n";
  write_bytes("t.jsonl.gz", gzip(text));
  CHECK(read_file("t.jsonl.gz").value() == text);

  std::string compressed(ZSTD_compressBound(text.size()), '\0');
  compressed.resize(ZSTD_compress(compressed.data(), compressed.size(), text.data(), text.size(), 3));
  write_bytes("t.jsonl.zst", compressed);
  CHECK(read_file("t.jsonl.zst").value() == text);

  SUBCASE("a truncated stream is an error, not a short file") {
    write_bytes("cut.zst", compressed.substr(0, compressed.size() - 3));
    const auto result = read_file("cut.zst");
    REQUIRE_FALSE(result);
    CHECK(result.error().to_string() == "cut.zst: truncated zstd stream");
    const std::string gz = gzip(text);
    write_bytes("cut.gz", gz.substr(0, gz.size() / 2));
    CHECK_FALSE(read_file("cut.gz"));
  }
}

TEST_CASE("base::read_file names the path in errors") {
  const auto result = read_file("missing.txt");
  REQUIRE_FALSE(result);
  CHECK(result.error().to_string() == "missing.txt: cannot open: No such file or directory");
}

TEST_CASE("base::write_file_atomic replaces the file whole") {
  write_bytes("report.json", "old");
  REQUIRE(write_file_atomic("report.json", "new content"));
  CHECK(read_file("report.json").value() == "new content");
  int leftovers = 0;
  for (const auto& entry : std::filesystem::directory_iterator(".")) {
    leftovers += entry.path().filename().string().find(".tmp.") != std::string::npos ? 1 : 0;
  }
  CHECK(leftovers == 0);
}
