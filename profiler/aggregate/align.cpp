#include "align.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>
#include <string_view>
#include <optional>
#include <utility>

#include <fmt/format.h>

namespace tokprof::aggregate {

namespace {

// Memory and time: this runs on every sample of a run (330k for 1 GB of
// traces). The first version spent about 500 bytes per sample on std::set
// and std::map nodes and string copies; the second sorted sample indices by
// comparing the samples' strings, and 80% of its 1 s went to those compares
// and the cache misses behind them. So the sort runs on small entries that
// hold numbers (the table numbers the names) and the head of the sample id.

// The distinct values of one name field, sorted, and the rank of each
// value the table numbered.
struct Names {
  std::vector<std::string> sorted;
  std::vector<std::uint32_t> rank;  // by the table's number
};

Names sort_names(const std::vector<std::string>& names) {
  std::vector<std::uint32_t> by_name(names.size());
  std::iota(by_name.begin(), by_name.end(), std::uint32_t{0});
  std::sort(by_name.begin(), by_name.end(), [&](std::uint32_t a, std::uint32_t b) { return names[a] < names[b]; });
  Names sorted;
  sorted.rank.resize(names.size());
  for (std::uint32_t r = 0; r < by_name.size(); ++r) {
    sorted.rank[by_name[r]] = r;
    sorted.sorted.push_back(names[by_name[r]]);
  }
  return sorted;
}

// The first 8 bytes of `id` as a big-endian number, zero-padded: ids whose
// heads differ compare as their heads do, so most comparisons of the sort
// need not read the id itself.
std::uint64_t id_head(std::string_view id) {
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
  std::uint32_t sample = 0;  // index into the input
  std::uint32_t task = 0;    // index into Alignment::tasks
  std::uint32_t model = 0;   // index into Alignment::models
};

// Returns -1, 0 or 1 as the key (task, sample_id, epoch) of `a` is before,
// the same as or after that of `b`.
int compare_keys(const KeyEntry& a, const KeyEntry& b, const SampleTable& samples) {
  if (a.task != b.task) {
    return a.task < b.task ? -1 : 1;
  }
  if (a.id_head != b.id_head) {
    return a.id_head < b.id_head ? -1 : 1;
  }
  if (const int c = samples[a.sample].sample_id().compare(samples[b.sample].sample_id()); c != 0) {
    return c < 0 ? -1 : 1;
  }
  if (a.epoch != b.epoch) {
    return a.epoch < b.epoch ? -1 : 1;
  }
  return 0;
}

// The samples ordered by key (task, sample_id, epoch), then model, then
// position in the input.
std::vector<KeyEntry> key_order(const SampleTable& samples, const Alignment& alignment,
                                const std::vector<std::uint32_t>& task_rank) {
  std::vector<KeyEntry> order(samples.size());
  for (std::uint32_t i = 0; i < samples.size(); ++i) {
    const SampleTable::Entry& sample = samples[i];
    order[i] = KeyEntry{id_head(sample.sample_id()), sample.epoch, i, task_rank[sample.task],
                        alignment.sample_model[i]};
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

Error duplicate_error(const Sample& first, const Sample& second) {
  return Error{ErrorKind::invalid,
               fmt::format("duplicate sample: model \"{}\", task \"{}\", id \"{}\", epoch {} "
                           "appears at {} and at {}",
                           second.model, second.task, second.sample_id, second.epoch,
                           format_location(first.file, first.line),
                           format_location(second.file, second.line)),
               second.file, second.line, 0};
}

Result<Alignment> align_samples(const SampleTable& samples) {
  if (samples.size() > std::numeric_limits<std::uint32_t>::max()) {
    return make_error(ErrorKind::invalid, fmt::format("{} samples: more than a profile can hold", samples.size()));
  }
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (samples.models()[samples[i].model].empty()) {
      const Sample sample = samples.sample(i);
      return make_error_at(ErrorKind::invalid, "sample without a model name", sample.file, sample.line);
    }
  }
  Alignment alignment;
  Names models = sort_names(samples.models());
  const Names tasks = sort_names(samples.tasks());
  alignment.models = std::move(models.sorted);
  alignment.tasks = tasks.sorted;
  alignment.sample_model.resize(samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i) {
    alignment.sample_model[i] = models.rank[samples[i].model];
  }
  alignment.coverage.resize(alignment.models.size());
  alignment.sample_key.resize(samples.size());
  const std::vector<KeyEntry> order = key_order(samples, alignment, tasks.rank);
  // The keys are counted first: grown by doubling, their vector would hold
  // up to twice its size (a key per sample in a large run of one model's
  // samples per key).
  std::vector<bool> new_key(order.size());
  std::size_t key_count = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    new_key[i] = i == 0 || compare_keys(order[i - 1], order[i], samples) != 0;
    key_count += new_key[i] ? 1 : 0;
  }
  alignment.keys.reserve(key_count);
  // A duplicate is a run of one (key, model); the one reported is the one
  // whose second occurrence comes first in the input, with its first.
  std::uint32_t duplicate_first = 0;
  std::optional<std::uint32_t> duplicate_second;
  for (std::size_t i = 0, run_start = 0; i < order.size(); ++i) {
    const KeyEntry& entry = order[i];
    if (new_key[i]) {
      alignment.keys.push_back(SampleKey{entry.task, samples[entry.sample].sample_id(), entry.epoch, false});
    }
    if (new_key[i] || order[i - 1].model != entry.model) {
      run_start = i;
    } else if (!duplicate_second || entry.sample < *duplicate_second) {
      duplicate_first = order[run_start].sample;
      duplicate_second = entry.sample;
    }
    alignment.sample_key[entry.sample] = static_cast<std::uint32_t>(alignment.keys.size() - 1);
  }
  if (duplicate_second) {
    return tl::unexpected(duplicate_error(samples.sample(duplicate_first), samples.sample(*duplicate_second)));
  }
  count_coverage(alignment, order);
  return alignment;
}

}  // namespace tokprof::aggregate
