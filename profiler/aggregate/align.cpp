#include "align.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

namespace tokprof::aggregate {

namespace {

// Memory and time: this runs on every sample of a run (330k for 1 GB of
// traces). The first version spent about 500 bytes per sample on std::set
// and std::map nodes and string copies; the second sorted sample indices by
// comparing the samples' strings, and 80% of its 1 s went to those compares
// and the cache misses behind them. So names are numbered once, and the sort
// runs on small entries that hold numbers and the head of the sample id.

// The distinct values of one string field over the samples, sorted, and
// each sample's index into them.
struct Names {
  std::vector<std::string> sorted;
  std::vector<std::size_t> of_sample;
};

// Returns `field`'s Names over `samples`: numbered in order of first
// appearance (a run has few models and tasks), then ranked.
Names index_names(const std::vector<Sample>& samples, const std::string& (*field)(const Sample&)) {
  const FirstSeen seen = number_first_seen(samples, field);
  std::vector<std::size_t> by_value(seen.values.size());
  std::iota(by_value.begin(), by_value.end(), std::size_t{0});
  std::sort(by_value.begin(), by_value.end(),
            [&](std::size_t a, std::size_t b) { return seen.values[a] < seen.values[b]; });
  std::vector<std::size_t> rank(seen.values.size());
  Names names;
  for (std::size_t r = 0; r < by_value.size(); ++r) {
    rank[by_value[r]] = r;
    names.sorted.emplace_back(seen.values[by_value[r]]);
  }
  names.of_sample.reserve(samples.size());
  for (const std::uint32_t index : seen.of_sample) {
    names.of_sample.push_back(rank[index]);
  }
  return names;
}

// The first 8 bytes of `id` as a big-endian number, zero-padded: ids whose
// heads differ compare as their heads do, so most comparisons of the sort
// need not read the id itself.
std::uint64_t id_head(const std::string& id) {
  unsigned char bytes[8] = {};
  std::memcpy(bytes, id.data(), std::min(id.size(), sizeof bytes));
  std::uint64_t head = 0;
  for (const unsigned char byte : bytes) {
    head = head << 8 | byte;
  }
  return head;
}

// One sample as the key sort sees it.
struct KeyEntry {
  std::uint64_t id_head = 0;
  std::int64_t epoch = 1;
  std::size_t sample = 0;  // index into the input
  std::uint32_t task = 0;  // index into Alignment::tasks
  std::uint32_t model = 0; // index into Alignment::models
};

// Returns -1, 0 or 1 as the key (task, sample_id, epoch) of `a` is before,
// the same as or after that of `b`.
int compare_keys(const KeyEntry& a, const KeyEntry& b, const std::vector<Sample>& samples) {
  if (a.task != b.task) {
    return a.task < b.task ? -1 : 1;
  }
  if (a.id_head != b.id_head) {
    return a.id_head < b.id_head ? -1 : 1;
  }
  if (const int c = samples[a.sample].sample_id.compare(samples[b.sample].sample_id); c != 0) {
    return c < 0 ? -1 : 1;
  }
  if (a.epoch != b.epoch) {
    return a.epoch < b.epoch ? -1 : 1;
  }
  return 0;
}

// The samples ordered by key (task, sample_id, epoch), then model, then
// position in the input.
std::vector<KeyEntry> key_order(const std::vector<Sample>& samples, const Alignment& alignment,
                                const std::vector<std::size_t>& sample_task) {
  std::vector<KeyEntry> order(samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i) {
    order[i] = KeyEntry{id_head(samples[i].sample_id), samples[i].epoch, i,
                        static_cast<std::uint32_t>(sample_task[i]),
                        static_cast<std::uint32_t>(alignment.sample_model[i])};
  }
  std::sort(order.begin(), order.end(), [&](const KeyEntry& a, const KeyEntry& b) {
    if (const int c = compare_keys(a, b, samples); c != 0) {
      return c < 0;
    }
    return std::pair{a.model, a.sample} < std::pair{b.model, b.sample};
  });
  return order;
}

void count_coverage(Alignment& alignment, const std::vector<KeyEntry>& order) {
  std::vector<std::int64_t> own(alignment.models.size(), 0);
  std::vector<std::int64_t> own_common(alignment.models.size(), 0);
  for (std::size_t begin = 0; begin < order.size();) {
    const std::size_t key = alignment.sample_key[order[begin].sample];
    std::size_t end = begin;
    while (end < order.size() && alignment.sample_key[order[end].sample] == key) {
      ++end;
    }
    // No duplicates are left: each sample of the run is another model.
    const bool common = end - begin == alignment.models.size();
    alignment.keys[key].common = common;
    alignment.common_keys += common ? 1 : 0;
    for (std::size_t i = begin; i < end; ++i) {
      const std::size_t model = order[i].model;
      ++own[model];
      own_common[model] += common ? 1 : 0;
    }
    begin = end;
  }
  const auto all_keys = static_cast<std::int64_t>(alignment.keys.size());
  for (std::size_t model = 0; model < alignment.models.size(); ++model) {
    Coverage& coverage = alignment.coverage[model];
    coverage.samples = own[model];
    coverage.common = own_common[model];
    coverage.missing = all_keys - own[model];
    coverage.extra = own[model] - own_common[model];
  }
}

}  // namespace

FirstSeen number_first_seen(const std::vector<Sample>& samples, const std::string& (*field)(const Sample&)) {
  FirstSeen seen;
  seen.of_sample.resize(samples.size());
  std::unordered_map<std::string_view, std::uint32_t> index;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const std::string& value = field(samples[i]);
    if (i > 0 && (&value == &field(samples[i - 1]) || value == field(samples[i - 1]))) {
      seen.of_sample[i] = seen.of_sample[i - 1];
      continue;
    }
    const auto [found, added] = index.try_emplace(value, static_cast<std::uint32_t>(seen.values.size()));
    if (added) {
      seen.values.emplace_back(value);
    }
    seen.of_sample[i] = found->second;
  }
  return seen;
}

Error duplicate_error(const Sample& first, const Sample& second) {
  return Error{ErrorKind::invalid,
               fmt::format("duplicate sample: model \"{}\", task \"{}\", id \"{}\", epoch {} "
                           "appears at {} and at {}",
                           second.model, second.task, second.sample_id, second.epoch,
                           format_location(first.file, first.line),
                           format_location(second.file, second.line)),
               second.file, second.line, 0};
}

Result<Alignment> align_samples(const std::vector<Sample>& samples) {
  for (const Sample& sample : samples) {
    if (sample.model.empty()) {
      return make_error_at(ErrorKind::invalid, "sample without a model name", sample.file, sample.line);
    }
  }
  Alignment alignment;
  Names models = index_names(samples, [](const Sample& sample) -> const std::string& { return sample.model; });
  Names tasks = index_names(samples, [](const Sample& sample) -> const std::string& { return sample.task; });
  alignment.models = std::move(models.sorted);
  alignment.tasks = std::move(tasks.sorted);
  alignment.sample_model = std::move(models.of_sample);
  alignment.coverage.resize(alignment.models.size());
  alignment.sample_key.resize(samples.size());
  const std::vector<KeyEntry> order = key_order(samples, alignment, tasks.of_sample);
  // A duplicate is a run of one (key, model); the one reported is the one
  // whose second occurrence comes first in the input, with its first.
  std::size_t duplicate_first = samples.size();
  std::size_t duplicate_second = samples.size();
  for (std::size_t i = 0, run_start = 0; i < order.size(); ++i) {
    const KeyEntry& entry = order[i];
    const bool new_key = i == 0 || compare_keys(order[i - 1], entry, samples) != 0;
    if (new_key) {
      alignment.keys.push_back(SampleKey{entry.task, {}, entry.epoch, false});
      alignment.key_sample.push_back(entry.sample);
    }
    if (new_key || order[i - 1].model != entry.model) {
      run_start = i;
    } else if (entry.sample < duplicate_second) {
      duplicate_first = order[run_start].sample;
      duplicate_second = entry.sample;
    }
    alignment.sample_key[entry.sample] = alignment.keys.size() - 1;
  }
  if (duplicate_second < samples.size()) {
    return tl::unexpected(duplicate_error(samples[duplicate_first], samples[duplicate_second]));
  }
  count_coverage(alignment, order);
  return alignment;
}
void fill_key_ids(Alignment& alignment, const std::vector<Sample>& samples) {
  for (std::size_t key = 0; key < alignment.keys.size(); ++key) {
    alignment.keys[key].sample_id = samples[alignment.key_sample[key]].sample_id;
  }
}

void fill_key_ids(Alignment& alignment, std::vector<Sample>&& samples) {
  for (std::size_t key = 0; key < alignment.keys.size(); ++key) {
    alignment.keys[key].sample_id = std::move(samples[alignment.key_sample[key]].sample_id);
  }
}

}  // namespace tokprof::aggregate
