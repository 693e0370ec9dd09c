#include "align.hpp"

#include <algorithm>
#include <numeric>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace tokprof::aggregate {

namespace {

// Memory: this runs on every sample of a run (330k for 1 GB of traces), so
// it holds views into the samples and one sorted index vector, not sets and
// maps of copied strings: the first version spent about 500 bytes per sample
// on std::set/std::map nodes and string copies, more than the samples.

// Returns the distinct values of `field` over `samples`, sorted.
std::vector<std::string> sorted_distinct(const std::vector<Sample>& samples, std::string Sample::*field) {
  std::vector<std::string_view> views;
  views.reserve(samples.size());
  for (const Sample& sample : samples) {
    views.emplace_back(sample.*field);
  }
  std::sort(views.begin(), views.end());
  views.erase(std::unique(views.begin(), views.end()), views.end());
  return {views.begin(), views.end()};
}

std::size_t index_in(const std::vector<std::string>& sorted, const std::string& value) {
  return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), value) - sorted.begin());
}

bool same_key(const Sample& a, const Sample& b) {
  return a.epoch == b.epoch && a.sample_id == b.sample_id && a.task == b.task;
}

// Sample indices ordered by key (task, sample_id, epoch), then model, then
// position in the input.
std::vector<std::size_t> key_order(const std::vector<Sample>& samples, const std::vector<std::size_t>& sample_model) {
  std::vector<std::size_t> order(samples.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Sample& x = samples[a];
    const Sample& y = samples[b];
    if (const int c = x.task.compare(y.task); c != 0) {
      return c < 0;
    }
    if (const int c = x.sample_id.compare(y.sample_id); c != 0) {
      return c < 0;
    }
    if (x.epoch != y.epoch) {
      return x.epoch < y.epoch;
    }
    return std::pair{sample_model[a], a} < std::pair{sample_model[b], b};
  });
  return order;
}

void count_coverage(Alignment& alignment, const std::vector<std::size_t>& order) {
  std::vector<std::int64_t> own(alignment.models.size(), 0);
  std::vector<std::int64_t> own_common(alignment.models.size(), 0);
  for (std::size_t begin = 0; begin < order.size();) {
    const std::size_t key = alignment.sample_key[order[begin]];
    std::size_t end = begin;
    while (end < order.size() && alignment.sample_key[order[end]] == key) {
      ++end;
    }
    // No duplicates are left: each sample of the run is another model.
    const bool common = end - begin == alignment.models.size();
    alignment.keys[key].common = common;
    alignment.common_keys += common ? 1 : 0;
    for (std::size_t i = begin; i < end; ++i) {
      const std::size_t model = alignment.sample_model[order[i]];
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

Result<Alignment> align_samples(const std::vector<Sample>& samples) {
  for (const Sample& sample : samples) {
    if (sample.model.empty()) {
      return make_error_at(ErrorKind::invalid, "sample without a model name", sample.file, sample.line);
    }
  }
  Alignment alignment;
  alignment.models = sorted_distinct(samples, &Sample::model);
  alignment.tasks = sorted_distinct(samples, &Sample::task);
  alignment.coverage.resize(alignment.models.size());
  alignment.sample_model.resize(samples.size());
  alignment.sample_key.resize(samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i) {
    alignment.sample_model[i] = index_in(alignment.models, samples[i].model);
  }
  const std::vector<std::size_t> order = key_order(samples, alignment.sample_model);
  // A duplicate is a run of one (key, model); the one reported is the one
  // whose second occurrence comes first in the input, with its first.
  std::size_t duplicate_first = samples.size();
  std::size_t duplicate_second = samples.size();
  for (std::size_t i = 0, run_start = 0; i < order.size(); ++i) {
    const Sample& sample = samples[order[i]];
    const bool new_key = i == 0 || !same_key(samples[order[i - 1]], sample);
    if (new_key) {
      alignment.keys.push_back(SampleKey{index_in(alignment.tasks, sample.task), {}, sample.epoch, false});
      alignment.key_sample.push_back(order[i]);
    }
    if (new_key || alignment.sample_model[order[i - 1]] != alignment.sample_model[order[i]]) {
      run_start = i;
    } else if (order[i] < duplicate_second) {
      duplicate_first = order[run_start];
      duplicate_second = order[i];
    }
    alignment.sample_key[order[i]] = alignment.keys.size() - 1;
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
