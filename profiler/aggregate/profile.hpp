#pragma once
// The result of aggregation: every figure a report shows, computed once.
// Report writers only format these; they never recompute a statistic.

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "pareto.hpp"
#include "stats.hpp"

namespace tokprof::aggregate {

// How a model's overall score weighs its samples.
enum class Average {
  macro,  // mean over tasks of the per-task mean: each task weighs the same
  micro,  // mean over samples: each sample weighs the same
};

// Which output-token count the figures and the frontier use.
enum class TokensMode {
  automatic,  // reported when every sample of the model has it, else counted
  reported,   // API-reported output tokens; an error if a sample lacks them
  counted,    // BPE count of the visible output
};

// Where a model's output tokens come from.
enum class TokensSource { reported, counted, summary };

// Where a model's cost comes from.
enum class CostSource {
  none,     // unpriced
  prices,   // the price table, applied to usage
  trace,    // costs the traces report, when every sample has one
  summary,  // the summary table's published cost
};

// Which samples the headline figures cover.
enum class SampleSet {
  common,  // the (task, sample_id, epoch) keys every sample-based model has
  all,     // every sample: used only when the models share no key at all
};

// Returns the lower-case name of each enumerator ("macro", "reported", ...).
[[nodiscard]] std::string_view to_string(Average average);
[[nodiscard]] std::string_view to_string(TokensMode mode);
[[nodiscard]] std::string_view to_string(TokensSource source);
[[nodiscard]] std::string_view to_string(CostSource source);
[[nodiscard]] std::string_view to_string(SampleSet set);

// The figures of one group of samples (a model, or a model on one task).
struct Figures {
  std::int64_t samples = 0;
  std::int64_t scored = 0;   // samples with a score
  std::int64_t correct = 0;  // scored samples at or above the threshold
  std::optional<double> score;

  TokenStats output;  // output tokens from the model's TokensSource

  std::int64_t counted_output = 0;     // BPE count of visible output
  std::int64_t counted_reasoning = 0;  // its visible reasoning part
  std::int64_t reported_output_samples = 0;
  std::int64_t reported_output = 0;
  std::int64_t reported_reasoning_samples = 0;
  std::int64_t reported_reasoning = 0;
  // Sum of (reported - counted) output over samples with reported output:
  // the tokens the API billed but the trace does not show.
  std::optional<std::int64_t> hidden_reasoning;

  // Output tokens of scored samples / correct answers.
  std::optional<double> tokens_per_correct;
  // score / (output.total / 1e6).
  std::optional<double> score_per_million_tokens;

  std::optional<double> cost_usd;             // total
  std::optional<double> cost_per_sample_usd;  // "cost per task" in AA's sense
  std::optional<double> cost_per_correct_usd;
  std::int64_t cost_output_only_samples = 0;   // no reported input: output priced only
  std::int64_t cost_from_counted_samples = 0;  // no reported output: counted tokens priced
  std::optional<double> reported_cost_usd;     // when every sample reports a cost
};

// A percentile bootstrap confidence interval (bootstrap.hpp).
struct Interval {
  double low = 0;
  double high = 0;
};

// Intervals for the figures of one group that vary between resamples; each
// is empty when the figure is absent in too many resamples (bootstrap.hpp).
struct FigureIntervals {
  std::optional<Interval> score;
  std::optional<Interval> output_total;
  std::optional<Interval> output_mean;
  std::optional<Interval> tokens_per_correct;
  std::optional<Interval> score_per_million_tokens;
  std::optional<Interval> cost_usd;
  std::optional<Interval> cost_per_sample_usd;
  std::optional<Interval> cost_per_correct_usd;
};

struct TaskFigures {
  std::string task;
  Figures figures;
  std::optional<FigureIntervals> intervals = std::nullopt;  // with a bootstrap
};

// How a model's samples line up with the other models'.
struct Coverage {
  std::int64_t samples = 0;  // all its samples
  std::int64_t common = 0;   // of them, in the common set
  std::int64_t missing = 0;  // keys another model has and it lacks
  std::int64_t extra = 0;    // its keys outside the common set
};

// Ratios to the baseline model (model / baseline).
struct BaselineDelta {
  std::optional<double> tokens_ratio;
  std::optional<double> score_difference;  // model - baseline
  std::optional<double> cost_ratio;
  // Paired bootstrap intervals of the three figures above.
  std::optional<Interval> tokens_ratio_interval;
  std::optional<Interval> score_difference_interval;
  std::optional<Interval> cost_ratio_interval;
};

// A paired comparison of `model` against `reference` (model / reference).
struct Comparison {
  std::string model;
  std::string reference;
  BaselineDelta delta;
};

// Share of bootstrap resamples in which a model is on each frontier.
struct FrontierStability {
  std::optional<double> tokens;  // empty when the model is not eligible
  std::optional<double> cost;
};

// The monthly cost at Profile::volume_per_month: cost per sample x volume.
struct Projection {
  double monthly_usd = 0;
  std::optional<Interval> interval;
};

// How the intervals were made (bootstrap.hpp).
struct BootstrapInfo {
  std::int64_t replicates = 0;
  std::uint64_t seed = 0;
  double confidence = 0.95;
  std::int64_t keys = 0;  // keys resampled per replicate
};

struct ModelProfile {
  std::string model;
  bool from_summary = false;
  TokensSource tokens_source = TokensSource::counted;
  CostSource cost_source = CostSource::none;
  std::string price_key;                // the price table key used, if any
  std::vector<std::string> tokenizers;  // distinct encodings of its samples
  bool tokenizer_exact = false;         // every sample used the model's own
  std::optional<std::int64_t> summary_tasks;
  bool score_from_table = false;  // the score is a per-model leaderboard score (Options::model_scores)
  std::string source;  // "file:line" of a summary row

  Figures figures;                 // on Profile::sample_set
  Figures all;                     // on every sample of the model
  std::vector<TaskFigures> tasks;  // on Profile::sample_set, sorted by task
  Coverage coverage;
  std::optional<BaselineDelta> vs_baseline;

  // Filled by a bootstrap (bootstrap.hpp); empty for summary models.
  std::optional<FigureIntervals> intervals;
  std::optional<FrontierStability> stability;
  // With a volume and a cost per sample; its interval needs a bootstrap.
  std::optional<Projection> projection;
};

// An optional number held in the number's own bytes: the empty value is
// one a row never holds, NaN for a double (rows hold finite scores and
// costs only: validate_sample) and the lowest int64 for a token count
// (never negative). Why: a Row has five optional numbers and a run has a
// row per sample; std::optional's flag and padding took 40 of a row's 144
// bytes.
template <typename T>
class CompactOptional {
 public:
  CompactOptional() = default;
  CompactOptional(std::nullopt_t) {}                     // NOLINT(google-explicit-constructor)
  CompactOptional(T value) : m_value(value) {}          // NOLINT(google-explicit-constructor)
  CompactOptional(const std::optional<T>& value)        // NOLINT(google-explicit-constructor)
      : m_value(value ? *value : empty_value()) {}

  [[nodiscard]] bool has_value() const {
    if constexpr (std::is_floating_point_v<T>) {
      return m_value == m_value;  // false for NaN only
    } else {
      return m_value != empty_value();
    }
  }
  explicit operator bool() const { return has_value(); }
  const T& operator*() const { return m_value; }
  [[nodiscard]] T value_or(T fallback) const { return has_value() ? m_value : fallback; }
  [[nodiscard]] std::optional<T> get() const { return has_value() ? std::optional<T>(m_value) : std::nullopt; }

 private:
  static constexpr T empty_value() {
    if constexpr (std::is_floating_point_v<T>) {
      return std::numeric_limits<T>::quiet_NaN();
    } else {
      return std::numeric_limits<T>::min();
    }
  }

  T m_value = empty_value();
};

// One sample after its tokens source, correctness and cost are settled.
// Rows are the unit that figures are computed from (see figures.hpp).
// A run has a row per sample, so size counts: 96 bytes.
struct Row {
  std::uint32_t model = 0;  // index into Profile::models
  std::uint32_t task = 0;   // index into Profile::tasks
  std::uint32_t key = 0;    // index into Profile::keys
  // Where the sample was read: Profile::files[file], line (0: unknown). An
  // index, not a "file:line" string.
  std::uint32_t file = 0;
  std::int64_t line = 0;
  std::int64_t tokens = 0;
  std::int64_t counted = 0;
  std::int64_t counted_reasoning = 0;
  CompactOptional<std::int64_t> reported;
  CompactOptional<std::int64_t> reported_reasoning;
  CompactOptional<double> score;
  CompactOptional<double> cost_usd;
  CompactOptional<double> reported_cost_usd;
  bool correct = false;
  bool cost_output_only = false;
  bool cost_from_counted = false;
};

// One (task, sample_id, epoch) key shared by the models' rows.
struct SampleKey {
  std::uint32_t task = 0;  // index into Profile::tasks
  std::string_view sample_id;  // into Profile::key_ids
  std::int64_t epoch = 1;
  bool common = false;  // every sample-based model has it
};

struct Profile {
  // The settings the figures were computed with.
  Average average = Average::macro;
  double correct_at = 1.0;
  TokensMode tokens_mode = TokensMode::automatic;
  std::string price_source;  // empty without a price table
  std::optional<std::string> baseline;

  SampleSet sample_set = SampleSet::common;
  std::int64_t common_keys = 0;
  std::int64_t all_keys = 0;

  std::vector<std::string> tasks;      // sorted
  std::vector<ModelProfile> models;    // sorted by name
  Frontier tokens_frontier;            // x = figures.output.total
  std::optional<Frontier> cost_frontier;  // x = figures.cost_usd; when any model is priced
  std::vector<std::string> warnings;

  std::optional<BootstrapInfo> bootstrap;  // set when intervals were computed
  std::optional<double> volume_per_month;  // samples per month, for projections
  std::vector<Comparison> comparisons;     // pairs beyond the baseline, on request

  // Set in approximate mode (--approx-quantiles, approx_profile.hpp): the
  // relative accuracy of the sketched median and p90. Such a profile has
  // no keys, rows, alignment or bootstrap.
  std::optional<double> quantile_accuracy;

  std::vector<SampleKey> keys;  // sorted by (task, sample_id, epoch)
  // Owns the bytes of the keys' ids: the arena of the SampleTable the
  // profile was built from (a run's ids, stored once).
  std::shared_ptr<const void> key_ids;
  std::vector<Row> rows;        // sorted by (model, key): independent of input order
  std::vector<std::string> files;  // the files the rows were read from (Row::file)
};

}  // namespace tokprof::aggregate
