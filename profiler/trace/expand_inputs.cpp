// expand_inputs: command-line paths -> the trace files to read.

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "file_kind.hpp"
#include "reader.hpp"

namespace tokprof::trace {
namespace {

namespace fs = std::filesystem;

bool is_hidden(const fs::path& path) {
  return path.filename().string().starts_with(".");
}

bool is_input_name(const fs::path& path) {
  const std::string extension = content_extension(path.string());
  // .eval: Inspect AI's ZIP logs (issue 7).
  return extension == ".json" || extension == ".jsonl" || extension == ".csv" || extension == ".eval";
}

Result<void> walk(const std::string& root, std::vector<std::string>& files) {
  std::error_code error;
  std::vector<std::string> found;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const fs::path& path = it->path();
    if (is_hidden(path)) {
      if (it->is_directory(error)) {
        it.disable_recursion_pending();
      }
      continue;
    }
    if (it->is_regular_file(error) && is_input_name(path)) {
      found.push_back(path.string());
    }
  }
  if (error) {
    return make_error_at(ErrorKind::io, fmt::format("cannot list directory: {}", error.message()), root);
  }
  if (found.empty()) {
    return make_error_at(ErrorKind::io, "directory holds no .json, .jsonl, .csv or .eval file", root);
  }
  std::sort(found.begin(), found.end());
  files.insert(files.end(), found.begin(), found.end());
  return {};
}

}  // namespace

Result<std::vector<std::string>> expand_inputs(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code error;
    if (path == "-") {
      files.push_back(path);
    } else if (fs::is_directory(path, error)) {
      TOKPROF_TRY(walk(path, files));
    } else if (fs::exists(path, error)) {
      files.push_back(path);
    } else {
      return make_error_at(ErrorKind::io, "no such file or directory", path);
    }
  }
  return files;
}

}  // namespace tokprof::trace
