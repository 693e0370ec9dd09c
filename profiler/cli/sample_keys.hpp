#pragma once
// SampleKeys: the checks build_profile makes on every sample, for a run that
// keeps no samples (--approx-quantiles reduces each counted batch to sums
// and sketches at once, so that memory stays flat however large the run).
// A repeated key (model, task, sample_id, epoch) is the same error
// build_profile gives, naming both places.
//
// Memory, per sample: a 16-byte slot of an open-addressing table (96 bits
// of the key's hash and the sample's number), kept at most 70% full, and
// the sample's place (12 bytes); about 35-60 bytes in all. (An
// unordered_map of a 128-bit hash to the place took about 75: a node of 48
// bytes, its allocation's overhead and a bucket pointer.) Two different
// keys share 96 bits of hash with a probability of about n^2 / 2^97
// (6e-16 for ten million samples).

#include <cstdint>
#include <string>
#include <vector>

#include "aggregate/sample.hpp"
#include "aggregate/sample_table.hpp"
#include "base/error.hpp"

namespace tokprof::cli {

class SampleKeys {
 public:
  // Remembers `sample`'s key. An Error when it has no model name or an
  // earlier sample had the same key.
  [[nodiscard]] Result<void> add(const aggregate::Sample& sample);

  [[nodiscard]] std::size_t size() const { return m_lines.size(); }

 private:
  static constexpr std::uint32_t k_empty = 0xFFFFFFFF;

  struct Slot {
    std::uint64_t hash = 0;  // picks the slot
    std::uint32_t check = 0;  // 32 more bits of an unrelated hash
    std::uint32_t sample = k_empty;  // index into m_files and m_lines
  };

  void grow();
  // The slot that holds (hash, check), or the empty slot where it belongs.
  Slot& find(std::uint64_t hash, std::uint32_t check);

  std::vector<Slot> m_slots;  // a power of two of them, or none
  std::vector<std::uint32_t> m_files;  // per sample: index into m_file_names
  std::vector<std::int64_t> m_lines;   // per sample
  aggregate::NameIndex m_file_names;
};

}  // namespace tokprof::cli
