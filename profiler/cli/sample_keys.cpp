#include "sample_keys.hpp"

#include <functional>
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "aggregate/aggregate.hpp"
#include "base/strings.hpp"

namespace tokprof::cli {

SampleKeys::Slot& SampleKeys::find(std::uint64_t hash, std::uint32_t check) {
  const std::size_t mask = m_slots.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {  // linear probing
    Slot& slot = m_slots[i];
    if (slot.sample == k_empty || (slot.hash == hash && slot.check == check)) {
      return slot;
    }
  }
}

void SampleKeys::grow() {
  std::vector<Slot> old(m_slots.empty() ? 1024 : m_slots.size() * 2);
  old.swap(m_slots);
  for (const Slot& slot : old) {
    if (slot.sample != k_empty) {
      find(slot.hash, slot.check) = slot;
    }
  }
}

Result<void> SampleKeys::add(const aggregate::Sample& sample) {
  if (sample.model.empty()) {
    return make_error_at(ErrorKind::invalid, "sample without a model name", sample.file, sample.line);
  }
  if (m_lines.size() >= k_empty) {
    return make_error_at(ErrorKind::invalid, "more samples than one run can check for repeats", sample.file,
                         sample.line);
  }
  // Each field with its length, so that no two keys spell the same bytes.
  const std::string bytes = fmt::format("{}:{}\n{}:{}\n{}:{}\n{}", sample.model.size(), sample.model, sample.task.size(),
                                        sample.task, sample.sample_id.size(), sample.sample_id, sample.epoch);
  // Two unrelated hashes: the standard library's (Murmur-based) picks the
  // slot, FNV-1a checks it.
  const std::uint64_t hash = std::hash<std::string_view>{}(bytes);
  const auto check = static_cast<std::uint32_t>(fnv1a64(bytes) >> 32);
  if ((m_lines.size() + 1) * 10 > m_slots.size() * 7) {
    grow();
  }
  Slot& slot = find(hash, check);
  if (slot.sample != k_empty) {
    aggregate::Sample first;
    first.file = m_file_names.names()[m_files[slot.sample]];
    first.line = m_lines[slot.sample];
    return Unexpected(aggregate::duplicate_error(first, sample));
  }
  slot = Slot{hash, check, static_cast<std::uint32_t>(m_lines.size())};
  m_files.push_back(m_file_names.add(sample.file.str()));
  m_lines.push_back(sample.line);
  return {};
}

}  // namespace tokprof::cli
