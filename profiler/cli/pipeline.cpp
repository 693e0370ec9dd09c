#include "pipeline.hpp"

#include <cmath>

#include <fmt/format.h>

#include "base/parallel.hpp"

namespace tokprof::cli {
namespace {

// Records are counted in batches: big enough that threads stay busy, small
// enough that memory stays flat however large the trace is.
constexpr std::size_t k_batch_records = 2048;
constexpr std::size_t k_batch_bytes = 16 << 20;

aggregate::ReportedUsage to_reported(const trace::Usage& usage) {
  return {usage.input, usage.output, usage.reasoning, usage.cache_read, usage.cache_write};
}

std::string location(const trace::SourceLocation& where) {
  return where.line > 0 ? fmt::format("{}:{}", where.file, where.line) : where.file;
}

class Scanner {
 public:
  Scanner(const ScanOptions& options, TokenizerCache& tokenizers, ScanResult& result)
      : m_options(options), m_tokenizers(tokenizers), m_result(result) {}

  Result<void> scan_file(const std::string& path) {
    TOKPROF_TRY_ASSIGN(const trace::Format format, forced_or_detected(path));
    if (format == trace::Format::summary) {
      return read_summary(path);
    }
    TOKPROF_TRY_ASSIGN(auto stream, trace::open_trace(path, m_options.read));
    while (true) {
      auto record = stream->next();
      drain_warnings(*stream);
      if (!record) {
        if (!m_options.keep_going) {
          return Unexpected(record.error());
        }
        skip(path, record.error());
        continue;
      }
      if (!*record) {
        break;
      }
      m_batch_bytes += (*record)->output_text.size() + (*record)->reasoning_text.size();
      m_batch.push_back(std::move(**record));
      if (m_batch.size() >= k_batch_records || m_batch_bytes >= k_batch_bytes) {
        TOKPROF_TRY(flush());
      }
    }
    return flush();
  }

 private:
  Result<trace::Format> forced_or_detected(const std::string& path) {
    if (m_options.read.format != trace::Format::automatic) {
      return m_options.read.format;
    }
    return trace::detect_format(path);
  }

  Result<void> read_summary(const std::string& path) {
    TOKPROF_TRY_ASSIGN(const auto rows, trace::read_summary_table(path));
    for (const trace::ModelSummary& row : rows) {
      aggregate::SummaryRow out;
      out.model = row.model;
      out.score = row.score;
      out.cost_usd = row.cost_usd;
      out.tasks = row.task_count;
      out.file = row.where.file;
      out.line = row.where.line;
      out.output_tokens = static_cast<std::int64_t>(std::llround(row.output_tokens));
      if (row.output_tokens_per_task) {
        m_per_task_summaries.push_back(location(row.where));
      }
      m_result.summaries.push_back(std::move(out));
    }
    return {};
  }

  void drain_warnings(trace::RecordStream& stream) {
    for (const trace::Warning& warning : stream.take_warnings()) {
      m_result.warnings.push_back(warning.to_string());
    }
  }

  void skip(const std::string& path, const Error& error) {
    m_result.skipped.push_back({error.line > 0 ? fmt::format("{}:{}", error.file, error.line) : error.file,
                                error.message});
    ++m_result.skipped_per_file[path];
  }

  void join_scores(trace::TraceRecord& record) const {
    for (const trace::ScoreTable& table : m_options.scores) {
      if (const auto score = table.sample_score(record.model, record.sample_id)) {
        record.score = score;
      }
    }
  }

  // Counts the batch on every thread and appends its samples in order.
  Result<void> flush() {
    if (m_batch.empty()) {
      return {};
    }
    std::vector<CountingTokenizer> counters(m_batch.size());
    for (std::size_t i = 0; i < m_batch.size(); ++i) {
      TOKPROF_TRY_ASSIGN(counters[i], m_tokenizers.for_model(m_batch[i].model));
      join_scores(m_batch[i]);
    }
    std::vector<aggregate::Sample> samples(m_batch.size());
    parallel_for(
        m_batch.size(), m_options.threads,
        [&](std::size_t i) { samples[i] = to_sample(m_batch[i], counters[i]); }, 16);
    for (auto& sample : samples) {
      m_result.samples.push_back(std::move(sample));
    }
    m_result.records += static_cast<std::int64_t>(m_batch.size());
    m_result.bytes_of_text += static_cast<std::int64_t>(m_batch_bytes);
    for (std::string& warning : m_tokenizers.take_warnings()) {
      m_result.warnings.push_back(std::move(warning));
    }
    m_batch.clear();
    m_batch_bytes = 0;
    return {};
  }

  static aggregate::Sample to_sample(const trace::TraceRecord& record, const CountingTokenizer& counter) {
    aggregate::Sample sample;
    sample.model = record.model;
    sample.task = record.task;
    sample.sample_id = record.sample_id;
    sample.epoch = record.epoch;
    const auto reasoning = static_cast<std::int64_t>(counter.tokenizer->count(record.reasoning_text));
    sample.counted_reasoning_tokens = reasoning;
    sample.counted_output_tokens = static_cast<std::int64_t>(counter.tokenizer->count(record.output_text)) + reasoning;
    sample.usage = to_reported(record.usage);
    sample.score = record.score;
    sample.reported_cost_usd = record.cost_usd;
    sample.tokenizer = counter.tokenizer->name();
    sample.tokenizer_exact = counter.exact;
    sample.file = record.where.file;
    sample.line = record.where.line;
    return sample;
  }

 public:
  [[nodiscard]] const std::vector<std::string>& per_task_summaries() const { return m_per_task_summaries; }

 private:
  const ScanOptions& m_options;
  TokenizerCache& m_tokenizers;
  ScanResult& m_result;
  std::vector<trace::TraceRecord> m_batch;
  std::size_t m_batch_bytes = 0;
  std::vector<std::string> m_per_task_summaries;
};

}  // namespace

Result<ScanResult> scan_traces(const std::vector<std::string>& files, const ScanOptions& options,
                               TokenizerCache& tokenizers) {
  ScanResult result;
  Scanner scanner(options, tokenizers, result);
  for (const std::string& file : files) {
    TOKPROF_TRY(scanner.scan_file(file));
  }
  if (!scanner.per_task_summaries().empty() && !result.samples.empty()) {
    return make_error(ErrorKind::invalid,
                      fmt::format("{}: the summary table gives output tokens per task without a task count, so its "
                                  "models cannot share a frontier with models read from traces (add a task count "
                                  "column, or profile the table on its own)",
                                  scanner.per_task_summaries().front()));
  }
  return result;
}

}  // namespace tokprof::cli
