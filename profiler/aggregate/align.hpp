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

namespace tokprof::aggregate {

struct Alignment {
  std::vector<std::string> models;  // sample-based models, sorted
  std::vector<std::string> tasks;   // sorted
  std::vector<SampleKey> keys;      // sorted by (task, sample_id, epoch); ids: fill_key_ids
  std::vector<std::size_t> key_sample;    // per key: the index of a sample with it
  std::vector<std::size_t> sample_model;  // per input sample: index into models
  std::vector<std::size_t> sample_key;    // per input sample: index into keys
  std::vector<Coverage> coverage;         // per model
  std::int64_t common_keys = 0;
};

// The distinct values of one string field of the samples, in the order
// they first appear, and each sample's index into them.
struct FirstSeen {
  std::vector<std::string_view> values;  // views into the samples
  std::vector<std::uint32_t> of_sample;
};

// Numbers the values of `field` over `samples`. The samples of a run come
// file after file, so the previous sample's value is tried before a hash
// look-up, which would hash the value (a long path, for a file) per sample.
[[nodiscard]] FirstSeen number_first_seen(const std::vector<Sample>& samples,
                                          const std::string& (*field)(const Sample&));

// Returns the error for `second` repeating the (model, task, sample_id,
// epoch) of `first`, naming both places.
[[nodiscard]] Error duplicate_error(const Sample& first, const Sample& second);

// Indexes `samples` by model and key. Fails on an empty model name and on a
// duplicate (model, task, sample_id, epoch), naming both locations.
// The keys' sample ids stay empty until fill_key_ids.
[[nodiscard]] Result<Alignment> align_samples(const std::vector<Sample>& samples);

// Gives each key of `alignment` the sample id of its key_sample, copied.
// (Filled late so that a large run need not hold each id twice: see the
// overload below.)
void fill_key_ids(Alignment& alignment, const std::vector<Sample>& samples);

// The same, moving the ids out of `samples` instead of copying them: for a
// caller about to drop the samples. Those samples are left without an id.
void fill_key_ids(Alignment& alignment, std::vector<Sample>&& samples);

}  // namespace tokprof::aggregate
