// approx_sums and the merging of approximate partial profiles (approx.hpp).

#include "approx.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "rows.hpp"

namespace tokprof::aggregate {
namespace {

QuantileSketch empty_sketch(double alpha) {
  return QuantileSketch::create(alpha).value();  // alpha is checked by approx_sums and the parser
}

void add_max(std::optional<std::int64_t>& max, std::optional<std::int64_t> value) {
  if (value) {
    max = max ? std::max(*max, *value) : *value;
  }
}

// Adds the cost parts of cost_of_usage (prices.hpp), clamped per sample as
// it clamps them.
void add_cost_parts(const Sample& sample, GroupSums& sums) {
  const ReportedUsage& usage = sample.usage;
  if (usage.input) {
    const std::int64_t cache_read = usage.cache_read.value_or(0);
    const std::int64_t cache_write = usage.cache_write.value_or(0);
    ++sums.input_samples;
    sums.uncached_input += std::max<std::int64_t>(0, *usage.input - cache_read - cache_write);
    sums.cache_read += cache_read;
    sums.cache_write += cache_write;
  }
  const std::int64_t output = usage.output.value_or(sample.counted_output_tokens);
  if (usage.reasoning) {
    sums.priced_output_with_reasoning += output;
    sums.priced_reasoning += std::min(*usage.reasoning, output);
  } else {
    sums.priced_output += output;
  }
}

void add_sample(const Sample& sample, double correct_at, GroupSums& sums) {
  ++sums.samples;
  sums.counted_output += sample.counted_output_tokens;
  sums.counted_reasoning += sample.counted_reasoning_tokens;
  if (sample.usage.output) {
    ++sums.reported_output_samples;
    sums.reported_output += *sample.usage.output;
    sums.counted_of_reported += sample.counted_output_tokens;
  }
  if (sample.usage.reasoning) {
    ++sums.reported_reasoning_samples;
    sums.reported_reasoning += *sample.usage.reasoning;
  }
  if (sample.score) {
    ++sums.scored;
    sums.correct += *sample.score >= correct_at ? 1 : 0;
    sums.non_binary_scores += *sample.score == 0.0 || *sample.score == 1.0 ? 0 : 1;
    sums.score.add(*sample.score);
  }
  if (sample.reported_cost_usd) {
    ++sums.reported_cost_samples;
    sums.reported_cost.add(*sample.reported_cost_usd);
  }
  add_cost_parts(sample, sums);
}

Result<void> add_to_cell(const Sample& sample, double correct_at, ApproxCell& cell) {
  add_sample(sample, correct_at, cell.all);
  if (sample.score) {
    add_sample(sample, correct_at, cell.scored);
  }
  add_max(cell.max_counted, sample.counted_output_tokens);
  add_max(cell.max_reported, sample.usage.output);
  TOKPROF_TRY(cell.counted.add(static_cast<double>(sample.counted_output_tokens)));
  if (sample.usage.output) {
    TOKPROF_TRY(cell.reported.add(static_cast<double>(*sample.usage.output)));
  }
  return {};
}

bool same_sketch(const QuantileSketch& a, const QuantileSketch& b) {
  return a.alpha() == b.alpha() && a.zeros() == b.zeros() && a.buckets() == b.buckets();
}

}  // namespace

void GroupSums::add(const GroupSums& other) {
  samples += other.samples;
  counted_output += other.counted_output;
  counted_reasoning += other.counted_reasoning;
  reported_output_samples += other.reported_output_samples;
  reported_output += other.reported_output;
  counted_of_reported += other.counted_of_reported;
  reported_reasoning_samples += other.reported_reasoning_samples;
  reported_reasoning += other.reported_reasoning;
  scored += other.scored;
  correct += other.correct;
  non_binary_scores += other.non_binary_scores;
  score.merge(other.score);
  reported_cost_samples += other.reported_cost_samples;
  reported_cost.merge(other.reported_cost);
  input_samples += other.input_samples;
  uncached_input += other.uncached_input;
  cache_read += other.cache_read;
  cache_write += other.cache_write;
  priced_output += other.priced_output;
  priced_output_with_reasoning += other.priced_output_with_reasoning;
  priced_reasoning += other.priced_reasoning;
}

ApproxCell::ApproxCell(double alpha) : counted(empty_sketch(alpha)), reported(empty_sketch(alpha)) {}

Result<void> ApproxCell::merge(const ApproxCell& other) {
  TOKPROF_TRY(counted.merge(other.counted));
  TOKPROF_TRY(reported.merge(other.reported));
  all.add(other.all);
  scored.add(other.scored);
  add_max(max_counted, other.max_counted);
  add_max(max_reported, other.max_reported);
  return {};
}

bool ApproxCell::operator==(const ApproxCell& other) const {
  return all == other.all && scored == other.scored && max_counted == other.max_counted &&
         max_reported == other.max_reported && same_sketch(counted, other.counted) &&
         same_sketch(reported, other.reported);
}

Result<void> ApproxSums::merge(const ApproxSums& other) {
  if (other.alpha != alpha) {
    return make_error(ErrorKind::invalid, fmt::format("quantile sketches of relative accuracy {} and {} (use the same "
                                                      "--approx-quantiles for every shard)",
                                                      other.alpha, alpha));
  }
  for (const auto& [key, cell] : other.cells) {
    TOKPROF_TRY(cells.try_emplace(key, alpha).first->second.merge(cell));
  }
  for (const auto& [model, counting] : other.models) {
    const auto [it, added] = models.try_emplace(model, counting);
    if (!added) {
      it->second.tokenizers.insert(counting.tokenizers.begin(), counting.tokenizers.end());
      it->second.tokenizer_exact = it->second.tokenizer_exact && counting.tokenizer_exact;
    }
  }
  return {};
}

Result<ApproxSums> approx_sums(const std::vector<Sample>& samples, double alpha, double correct_at) {
  TOKPROF_TRY(QuantileSketch::create(alpha));
  ApproxSums sums;
  sums.alpha = alpha;
  for (const Sample& sample : samples) {
    TOKPROF_TRY(validate_sample(sample));
    ApproxCell& cell = sums.cells.try_emplace({sample.model, sample.task}, alpha).first->second;
    TOKPROF_TRY(add_to_cell(sample, correct_at, cell));
    ModelCounting& counting = sums.models[sample.model];
    counting.tokenizers.insert(sample.tokenizer);
    counting.tokenizer_exact = counting.tokenizer_exact && sample.tokenizer_exact;
  }
  return sums;
}

}  // namespace tokprof::aggregate
