#pragma once
// Common-sample alignment: which (task, sample_id, epoch) keys each model
// has, which keys every model shares, and duplicate detection.
//
// Rule: the common set is the intersection of the key sets of all
// sample-based models. The headline figures use the common set whenever it
// is non-empty (then every model has at least one common sample, since the
// intersection is inside each key set), so that models are compared on the
// same items; each model's figures over all of its samples are kept beside.
// When the models share no key at all, the figures fall back to all samples
// and a warning says they are not directly comparable. Summary-table models
// have no samples and take no part.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "profile.hpp"
#include "sample.hpp"
#include "sample_table.hpp"

namespace tokprof::aggregate {

struct Alignment {
  std::vector<std::string> models;  // sample-based models, sorted
  std::vector<std::string> tasks;   // sorted
  // Sorted by (task, sample_id, epoch); the ids are views into the table's
  // IdArena, which the caller keeps alive (Profile::key_ids).
  std::vector<SampleKey> keys;
  std::vector<std::uint32_t> sample_model;  // per input sample: index into models
  std::vector<std::uint32_t> sample_key;    // per input sample: index into keys
  std::vector<Coverage> coverage;         // per model
  std::int64_t common_keys = 0;
};

// Returns the error for `second` repeating the (model, task, sample_id,
// epoch) of `first`, naming both places.
[[nodiscard]] Error duplicate_error(const Sample& first, const Sample& second);

// Indexes `samples` by model and key. Fails on an empty model name and on a
// duplicate (model, task, sample_id, epoch), naming both locations.
[[nodiscard]] Result<Alignment> align_samples(const SampleTable& samples);

}  // namespace tokprof::aggregate
