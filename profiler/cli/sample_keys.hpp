#pragma once
// SampleKeys: the checks build_profile makes on every sample, for a run that
// keeps no samples (--approx-quantiles reduces each counted batch to sums
// and sketches at once, so that memory stays flat however large the run).
// A sample's key (model, task, sample_id, epoch) is kept as a 128-bit hash
// with the place it was read, about 50 bytes a sample instead of the sample;
// a repeat is the same error build_profile gives, naming both places. Two
// different keys share a hash with a probability of about n^2 / 2^129
// (1e-27 for a million samples).

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "aggregate/sample.hpp"
#include "base/error.hpp"

namespace tokprof::cli {

class SampleKeys {
 public:
  // Remembers `sample`'s key. An Error when it has no model name or an
  // earlier sample had the same key.
  [[nodiscard]] Result<void> add(const aggregate::Sample& sample);

 private:
  struct Key {
    std::uint64_t high;
    std::uint64_t low;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const { return key.low; }
  };
  struct Place {
    std::uint32_t file;
    std::int64_t line;
  };

  std::uint32_t file_index(const std::string& file);

  std::unordered_map<Key, Place, KeyHash> m_seen;
  std::vector<std::string> m_files;
  std::unordered_map<std::string, std::uint32_t> m_file_indices;
};

}  // namespace tokprof::cli
