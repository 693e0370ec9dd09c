#include "file_kind.hpp"

#include <cctype>
#include <filesystem>

namespace tokprof::trace {
namespace {

std::string lower(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

}  // namespace

std::string content_extension(std::string_view path) {
  std::filesystem::path name = std::filesystem::path(path).filename();
  std::string extension = lower(name.extension().string());
  if (extension == ".gz" || extension == ".zst") {
    extension = lower(name.stem().extension().string());
  }
  return extension;
}

bool is_jsonl_name(std::string_view path) {
  const std::string extension = content_extension(path);
  return extension == ".jsonl" || extension == ".ndjson" || extension == ".jsonlines";
}

bool is_table_name(std::string_view path) {
  const std::string extension = content_extension(path);
  return extension == ".csv" || extension == ".tsv";
}

}  // namespace tokprof::trace
