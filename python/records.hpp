#pragma once
// Python records (dicts) to profiles: the in-process equivalent of
// `tokprof profile`, `profile --partial` and `tokprof merge`.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>

namespace tokprof::python {

struct ProfileSettings {
  std::string tokenizer = "auto";  // "auto" or one tokenizer for every model
  std::string average = "macro";
  std::optional<double> correct_at;
  std::string tokens = "auto";
  std::size_t threads = 0;  // 0: every core
  // partial() only: sums and quantile sketches of this relative accuracy
  // instead of samples, as `tokprof profile --approx-quantiles=ALPHA`.
  std::optional<double> approx_quantiles;
};

// How the report of profile() and merge() is made.
struct ReportSettings {
  bool per_sample = false;     // per-sample rows in the report
  std::int64_t bootstrap = 0;  // bootstrap replicates; 0: no intervals
  std::uint64_t seed = 1;
  std::size_t threads = 0;     // bootstrap threads; the intervals do not depend on it
};

// Returns the JSON report ("tokprof.report/1") of `records` as a Python
// object. Each record is a dict: model (required), task, id, epoch, output,
// reasoning, score, cost, usage {input, output, reasoning, cache_read,
// cache_write}. Raises ValueError on a bad record or setting.
[[nodiscard]] pybind11::object profile_records(const pybind11::list& records, const ProfileSettings& settings,
                                               const ReportSettings& report);

// Returns the partial profile ("tokprof.partial/1" text) of `records`.
[[nodiscard]] std::string partial_of_records(const pybind11::list& records, const ProfileSettings& settings);

// Merges partial profile texts into the JSON report, as `tokprof merge`.
[[nodiscard]] pybind11::object merge_partial_texts(const std::vector<std::string>& partials,
                                                   const ReportSettings& report);

}  // namespace tokprof::python
