// merge_partials (partial.hpp): concatenation, guarded by the checks that
// make a merged profile trustworthy. Duplicates inside one partial are left
// for build_profile, which reports them exactly as a single run would.

#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "partial.hpp"

namespace tokprof::aggregate {
namespace {

using SampleKeyTuple = std::tuple<std::string, std::string, std::string, std::int64_t>;

struct Origin {
  std::size_t partial = 0;
  std::size_t index = 0;
};

bool same_usage(const ReportedUsage& a, const ReportedUsage& b) {
  return a.input == b.input && a.output == b.output && a.reasoning == b.reasoning && a.cache_read == b.cache_read &&
         a.cache_write == b.cache_write;
}

bool same_sample(const Sample& a, const Sample& b) {
  return a.model == b.model && a.task == b.task && a.sample_id == b.sample_id && a.epoch == b.epoch &&
         a.counted_output_tokens == b.counted_output_tokens &&
         a.counted_reasoning_tokens == b.counted_reasoning_tokens && same_usage(a.usage, b.usage) &&
         a.score == b.score && a.reported_cost_usd == b.reported_cost_usd && a.tokenizer == b.tokenizer &&
         a.tokenizer_exact == b.tokenizer_exact && a.file == b.file && a.line == b.line;
}

bool same_summary(const SummaryRow& a, const SummaryRow& b) {
  return a.model == b.model && a.score == b.score && a.output_tokens == b.output_tokens && a.cost_usd == b.cost_usd &&
         a.tasks == b.tasks && a.file == b.file && a.line == b.line;
}

std::string describe_score(const std::optional<double>& value) {
  return value ? fmt::format("{}", *value) : "none";
}

// Appends the elements of `from` not yet in `seen` to `to`, in order.
template <typename T, typename Key>
void append_unique(std::vector<T>& to, const std::vector<T>& from, std::set<Key>& seen, Key (*key)(const T&)) {
  for (const T& item : from) {
    if (seen.insert(key(item)).second) {
      to.push_back(item);
    }
  }
}

std::string string_key(const std::string& text) { return text; }
std::pair<std::string, std::string> skipped_key(const SkippedEntry& entry) { return {entry.where, entry.reason}; }

class Merger {
 public:
  Merger(const std::vector<Partial>& partials, const std::vector<std::string>& names, const WarningKey& warning_key)
      : m_partials(partials), m_names(names), m_warning_key(warning_key) {}

  Result<void> add(const Partial& partial, std::size_t index) {
    TOKPROF_TRY(check_settings(partial, index));
    TOKPROF_TRY(add_model_scores(partial, index));
    if (partial.approx) {
      TOKPROF_TRY(add_approx(partial, index));
    } else {
      m_exact.push_back(index);
    }
    for (std::size_t i = 0; i < partial.samples.size(); ++i) {
      TOKPROF_TRY(add_sample(partial.samples[i], {index, i}));
    }
    for (const SummaryRow& row : partial.summaries) {
      add_summary(row);
    }
    append_unique(m_result.inputs, partial.inputs, m_seen_inputs, &string_key);
    add_warnings(partial.warnings);
    append_unique(m_result.skipped, partial.skipped, m_seen_skipped, &skipped_key);
    return {};
  }

  // Returns the merged partial; approximate when any partial was.
  Result<Partial> take() {
    if (m_result.approx) {
      TOKPROF_TRY(reduce_exact_samples());
    }
    m_result.reading = m_partials.empty() ? std::map<std::string, std::string>{} : m_partials.front().reading;
    return std::move(m_result);
  }

 private:
  Result<void> check_settings(const Partial& partial, std::size_t index) {
    if (index == 0) {
      m_result.settings = partial.settings;
      return {};
    }
    if (const auto difference = settings_difference(m_result.settings, partial.settings)) {
      return make_error(ErrorKind::invalid,
                        fmt::format("cannot merge {} with {}: they were made with different settings ({})",
                                    m_names[index], m_names[0], *difference));
    }
    return {};
  }

  // The same shard merged twice is kept once, as the same record is; any
  // other overlap of approximate partials is out of sight (no keys).
  Result<void> add_approx(const Partial& partial, std::size_t index) {
    for (const std::size_t earlier : m_approx) {
      if (m_partials[earlier].inputs == partial.inputs && *m_partials[earlier].approx == *partial.approx) {
        return {};
      }
    }
    if (!m_result.approx) {
      m_result.approx = *partial.approx;
    } else if (auto merged = m_result.approx->merge(*partial.approx); !merged) {
      return make_error(ErrorKind::invalid,
                        fmt::format("cannot merge {} with {}: {}", m_names[index], m_names[m_approx.front()],
                                    merged.error().message));
    }
    TOKPROF_TRY(check_approx_tokenizers(*partial.approx, index));
    m_approx.push_back(index);
    return {};
  }

  // As check_tokenizer for samples: a model counted with other tokenizers
  // in another partial is an error.
  Result<void> check_approx_tokenizers(const ApproxSums& sums, std::size_t index) {
    for (const auto& [model, counting] : sums.models) {
      for (const std::string& tokenizer : counting.tokenizers) {
        const auto [it, added] = m_tokenizers.try_emplace(model, tokenizer, index);
        if (!added && it->second.first != tokenizer) {
          return make_error(ErrorKind::invalid, fmt::format("cannot merge: model \"{}\" was counted with {} in {} and with {} in {} (use the same "
                          "--tokenizer, --registry and installed tokenizers for every shard)",
                          model, it->second.first, m_names[it->second.second], tokenizer, m_names[index]));
        }
      }
    }
    return {};
  }

  // Reduces the merged samples of the exact partials to approximate sums.
  Result<void> reduce_exact_samples() {
    if (m_exact.empty()) {
      return {};
    }
    TOKPROF_TRY_ASSIGN(const ApproxSums reduced, approx_sums(m_result.samples, m_result.approx->alpha,
                                                             m_result.settings.correct_at.value_or(1.0)));
    TOKPROF_TRY(m_result.approx->merge(reduced));
    m_result.samples.clear();
    std::vector<std::string> exact_names;
    for (const std::size_t index : m_exact) {
      exact_names.push_back(m_names[index]);
    }
    m_result.warnings.push_back(fmt::format("{} {} exact, merged with approximate partials: {} samples were reduced "
                                            "to sketches of relative accuracy {}",
                                            fmt::join(exact_names, ", "), exact_names.size() == 1 ? "is" : "are",
                                            exact_names.size() == 1 ? "its" : "their", m_result.approx->alpha));
    return {};
  }

  Result<void> add_model_scores(const Partial& partial, std::size_t index) {
    for (const auto& [model, score] : partial.model_scores) {
      const auto [it, added] = m_result.model_scores.try_emplace(model, score);
      if (!added && it->second != score) {
        return make_error(ErrorKind::invalid,
                          fmt::format("cannot merge {}: it gives model \"{}\" the leaderboard score {}, an earlier "
                                      "partial {}",
                                      m_names[index], model, score, it->second));
      }
    }
    return {};
  }

  Result<void> check_tokenizer(const Sample& sample, Origin origin) {
    const auto [it, added] = m_tokenizers.try_emplace(sample.model, sample.tokenizer, origin.partial);
    if (!added && it->second.first != sample.tokenizer) {
      return make_error(ErrorKind::invalid,
                        fmt::format("cannot merge: model \"{}\" was counted with {} in {} and with {} in {} (use the "
                                    "same --tokenizer, --registry and installed tokenizers for every shard)",
                                    sample.model, it->second.first, m_names[it->second.second], sample.tokenizer,
                                    m_names[origin.partial]));
    }
    return {};
  }

  Result<void> add_sample(const Sample& sample, Origin origin) {
    TOKPROF_TRY(check_tokenizer(sample, origin));
    const auto [it, added] =
        m_keys.try_emplace(SampleKeyTuple{sample.model, sample.task, sample.sample_id, sample.epoch}, origin);
    if (!added && it->second.partial != origin.partial) {
      const Sample& first = m_partials[it->second.partial].samples[it->second.index];
      if (same_sample(first, sample)) {
        return {};
      }
      return make_error(ErrorKind::invalid,
                        fmt::format("sample (model \"{}\", task \"{}\", id \"{}\", epoch {}) is in {} ({}) and in {} "
                                    "({}) with different values",
                                    sample.model, sample.task, sample.sample_id, sample.epoch,
                                    m_names[it->second.partial], format_location(first.file, first.line),
                                    m_names[origin.partial], format_location(sample.file, sample.line)));
    }
    m_result.samples.push_back(sample);
    return {};
  }

  void add_warnings(const std::vector<std::string>& warnings) {
    for (const std::string& warning : warnings) {
      if (m_seen_warnings.insert(m_warning_key ? m_warning_key(warning) : warning).second) {
        m_result.warnings.push_back(warning);
      }
    }
  }

  void add_summary(const SummaryRow& row) {
    for (const SummaryRow& kept : m_result.summaries) {
      if (same_summary(kept, row)) {
        return;
      }
    }
    m_result.summaries.push_back(row);
  }

  const std::vector<Partial>& m_partials;
  const std::vector<std::string>& m_names;
  const WarningKey& m_warning_key;
  Partial m_result;
  std::map<SampleKeyTuple, Origin> m_keys;
  std::map<std::string, std::pair<std::string, std::size_t>> m_tokenizers;
  std::set<std::string> m_seen_inputs;
  std::set<std::string> m_seen_warnings;
  std::set<std::pair<std::string, std::string>> m_seen_skipped;
  std::vector<std::size_t> m_exact;   // indices of the exact partials
  std::vector<std::size_t> m_approx;  // of the approximate ones, once each
};

}  // namespace

std::optional<std::string> settings_difference(const PartialSettings& a, const PartialSettings& b) {
  const auto join = [](const std::vector<std::string>& items) { return fmt::format("[{}]", fmt::join(items, ", ")); };
  const auto correct = [](const std::optional<double>& value) { return describe_score(value); };
  const std::vector<std::tuple<const char*, std::string, std::string>> fields = {
      {"tokprof version", a.tool_version, b.tool_version},
      {"--tokenizer", a.tokenizer, b.tokenizer},
      {"--registry", a.registry, b.registry},
      {"--scores", join(a.scores), join(b.scores)},
      {"--scorer", a.scorer.empty() ? "(default)" : a.scorer, b.scorer.empty() ? "(default)" : b.scorer},
      {"--average", std::string(to_string(a.average)), std::string(to_string(b.average))},
      {"--correct-at", correct(a.correct_at), correct(b.correct_at)},
      {"--tokens", std::string(to_string(a.tokens)), std::string(to_string(b.tokens))}};
  for (const auto& [name, left, right] : fields) {
    if (left != right) {
      return fmt::format("{}: {} vs {}", name, left, right);
    }
  }
  return std::nullopt;
}

Result<Partial> merge_partials(const std::vector<Partial>& partials, const std::vector<std::string>& names,
                               const WarningKey& warning_key) {
  Merger merger(partials, names, warning_key);
  for (std::size_t i = 0; i < partials.size(); ++i) {
    TOKPROF_TRY(merger.add(partials[i], i));
  }
  return merger.take();
}

std::optional<std::string> reading_differences(const std::vector<Partial>& partials,
                                               const std::vector<std::string>& names) {
  std::set<std::string> options;
  for (const Partial& partial : partials) {
    for (const auto& [option, value] : partial.reading) {
      options.insert(option);
    }
  }
  std::vector<std::string> differences;
  for (const std::string& option : options) {
    std::vector<std::string> values;
    std::set<std::string> distinct;
    for (std::size_t i = 0; i < partials.size(); ++i) {
      const auto found = partials[i].reading.find(option);
      const std::string value = found == partials[i].reading.end() ? "none" : fmt::format("\"{}\"", found->second);
      distinct.insert(value);
      values.push_back(fmt::format("{} in {}", value, names[i]));
    }
    if (distinct.size() > 1) {
      differences.push_back(fmt::format("{}: {}", option, fmt::join(values, ", ")));
    }
  }
  if (differences.empty()) {
    return std::nullopt;
  }
  return fmt::format("{}", fmt::join(differences, "; "));
}

}  // namespace tokprof::aggregate
