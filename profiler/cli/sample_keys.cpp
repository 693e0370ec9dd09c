#include "sample_keys.hpp"

#include <functional>
#include <string_view>

#include <fmt/format.h>

#include "aggregate/aggregate.hpp"
#include "base/strings.hpp"

namespace tokprof::cli {
std::uint32_t SampleKeys::file_index(const std::string& file) {
  const auto [it, inserted] = m_file_indices.try_emplace(file, static_cast<std::uint32_t>(m_files.size()));
  if (inserted) {
    m_files.push_back(file);
  }
  return it->second;
}

Result<void> SampleKeys::add(const aggregate::Sample& sample) {
  if (sample.model.empty()) {
    return make_error_at(ErrorKind::invalid, "sample without a model name", sample.file, sample.line);
  }
  // Each field with its length, so that no two keys spell the same bytes.
  const std::string bytes = fmt::format("{}:{}\n{}:{}\n{}:{}\n{}", sample.model.size(), sample.model, sample.task.size(),
                                        sample.task, sample.sample_id.size(), sample.sample_id, sample.epoch);
  // Two unrelated 64-bit hashes: the standard library's (Murmur-based) and FNV-1a.
  const Key key{std::hash<std::string_view>{}(bytes), fnv1a64(bytes)};
  const auto [it, inserted] = m_seen.try_emplace(key, Place{file_index(sample.file), sample.line});
  if (!inserted) {
    aggregate::Sample first;
    first.file = m_files[it->second.file];
    first.line = it->second.line;
    return Unexpected(aggregate::duplicate_error(first, sample));
  }
  return {};
}

}  // namespace tokprof::cli
