#include "align.hpp"

#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

namespace tokprof::aggregate {

namespace {

using KeyTuple = std::tuple<std::string, std::string, std::int64_t>;

template <typename T>
std::map<T, std::size_t> index_sorted(const std::set<T>& values) {
  std::map<T, std::size_t> index;
  for (const T& value : values) {
    index.emplace(value, index.size());
  }
  return index;
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

void count_coverage(Alignment& alignment, const std::vector<std::set<std::size_t>>& model_keys) {
  std::vector<std::size_t> holders(alignment.keys.size(), 0);
  for (const auto& keys : model_keys) {
    for (const std::size_t key : keys) {
      ++holders[key];
    }
  }
  for (std::size_t key = 0; key < alignment.keys.size(); ++key) {
    alignment.keys[key].common = holders[key] == alignment.models.size();
    alignment.common_keys += alignment.keys[key].common ? 1 : 0;
  }
  const auto all_keys = static_cast<std::int64_t>(alignment.keys.size());
  for (std::size_t model = 0; model < alignment.models.size(); ++model) {
    Coverage& coverage = alignment.coverage[model];
    for (const std::size_t key : model_keys[model]) {
      coverage.common += alignment.keys[key].common ? 1 : 0;
    }
    const auto own = static_cast<std::int64_t>(model_keys[model].size());
    coverage.samples = own;
    coverage.missing = all_keys - own;
    coverage.extra = own - coverage.common;
  }
}

}  // namespace

Result<Alignment> align_samples(const std::vector<Sample>& samples) {
  std::set<std::string> model_names;
  std::set<std::string> task_names;
  std::set<KeyTuple> key_tuples;
  for (const Sample& sample : samples) {
    if (sample.model.empty()) {
      return make_error_at(ErrorKind::invalid, "sample without a model name", sample.file,
                           sample.line);
    }
    model_names.insert(sample.model);
    task_names.insert(sample.task);
    key_tuples.emplace(sample.task, sample.sample_id, sample.epoch);
  }
  const auto model_index = index_sorted(model_names);
  const auto task_index = index_sorted(task_names);
  const auto key_index = index_sorted(key_tuples);

  Alignment alignment;
  alignment.models.assign(model_names.begin(), model_names.end());
  alignment.tasks.assign(task_names.begin(), task_names.end());
  for (const auto& [tuple, index] : key_index) {
    alignment.keys.push_back(
        SampleKey{task_index.at(std::get<0>(tuple)), std::get<1>(tuple), std::get<2>(tuple), false});
  }
  alignment.coverage.resize(alignment.models.size());

  // (model, key) -> first sample with it, to name both places of a duplicate.
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> seen;
  std::vector<std::set<std::size_t>> model_keys(alignment.models.size());
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const Sample& sample = samples[i];
    const std::size_t model = model_index.at(sample.model);
    const std::size_t key = key_index.at(KeyTuple{sample.task, sample.sample_id, sample.epoch});
    const auto [it, inserted] = seen.emplace(std::pair{model, key}, i);
    if (!inserted) {
      return tl::unexpected(duplicate_error(samples[it->second], sample));
    }
    model_keys[model].insert(key);
    alignment.sample_model.push_back(model);
    alignment.sample_key.push_back(key);
  }
  count_coverage(alignment, model_keys);
  return alignment;
}

}  // namespace tokprof::aggregate
