#include "pipeline.hpp"

#include <cmath>
#include <future>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <fmt/format.h>

#include "base/parallel.hpp"
#include "sample_keys.hpp"
#include "signals.hpp"

namespace tokprof::cli {
namespace {

// Records are counted in batches: big enough that threads stay busy, small
// enough that memory stays flat however large the trace is. Reading (JSON
// parsing, on this thread) overlaps counting: while one batch is counted on
// the worker threads, the next one is read, so at most two batches are in
// memory and the reader is idle only when counting is the bottleneck. The
// counting threads wait for the reader only to swap batches: each record is
// readied for counting as it is read, and a counted batch's samples are
// stored (or reduced, --approx-quantiles) after the next batch has started.
//
// Not done: parsing on the worker threads. trace::RecordStream reads one
// record at a time; splitting a JSONL file into record-aligned chunks needs
// a reader over a byte range in memory, which the trace module does not
// have yet (--byte-range copies the slice to a temporary file).
constexpr std::size_t k_batch_records = 2048;
constexpr std::size_t k_batch_bytes = 16 << 20;

aggregate::ReportedUsage to_reported(const trace::Usage& usage) {
  return {usage.input, usage.output, usage.reasoning, usage.cache_read, usage.cache_write};
}

// Returns the pages of freed heap memory to the system where the C library
// can (glibc's malloc_trim), and does nothing elsewhere.
void release_free_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
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
      TOKPROF_TRY(check_interrupted());  // issue 6: stop cleanly on SIGINT/SIGTERM
      auto record = stream->next();
      drain_warnings(*stream);
      if (!record) {
        // --keep-going skips bad records, not unreadable bytes: a read error
        // mid-file (a truncated .gz) would otherwise pass for an early end.
        if (!m_options.keep_going || record.error().kind == ErrorKind::io) {
          return Unexpected(record.error());
        }
        skip(path, record.error());
        continue;
      }
      if (!*record) {
        break;
      }
      TOKPROF_TRY(add_to_batch(std::move(**record)));
      if (m_batch.size() >= k_batch_records || m_batch_bytes >= k_batch_bytes) {
        TOKPROF_TRY(flush());
      }
    }
    TOKPROF_TRY(flush());  // starts counting the file's last batch
    return flush();         // and keeps its samples
  }

 private:
  Result<trace::Format> forced_or_detected(const std::string& path) {
    if (m_options.read.format != trace::Format::automatic) {
      return m_options.read.format;
    }
    // A mapping that names the model reads any JSON (reader.hpp); detecting
    // a vendor format first would refuse the records it is meant for.
    const auto& mapping = m_options.read.mapping;
    if (mapping && mapping->find(trace::MappedField::model) != nullptr) {
      return trace::Format::mapped;
    }
    return trace::detect_format(path);
  }

  Result<void> read_summary(const std::string& path) {
    TOKPROF_TRY_ASSIGN(const auto rows, trace::read_summary_table(path));
    for (const trace::ModelSummary& row : rows) {
      aggregate::SummaryRow out{};
      out.model = row.model;
      apply_alias(out.model);
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
                                error.message, path});
  }

  // Renames `model` by --alias before anything is keyed on the name
  // (tokenizer choice, score joins, alignment).
  void apply_alias(std::string& model) const {
    if (const auto found = m_options.model_aliases.find(model); found != m_options.model_aliases.end()) {
      model = found->second;
    }
  }

  void join_scores(trace::TraceRecord& record) const {
    for (const trace::ScoreTable& table : m_options.scores) {
      if (const auto score = table.sample_score(record.model, record.sample_id)) {
        record.score = score;
      }
    }
  }

  // Readies `record` for counting (its --alias name, default task, counter
  // and --scores score) and adds it to the batch being read: done here, on
  // the reading thread while the previous batch is counted, not when the
  // batch is handed over, when the counting threads would wait for it.
  Result<void> add_to_batch(trace::TraceRecord&& record) {
    apply_alias(record.model);
    if (record.task.empty()) {
      record.task = m_options.default_task;
    }
    TOKPROF_TRY_ASSIGN(auto counter, m_tokenizers.for_model(record.model));
    join_scores(record);
    if (m_batch_file.str() != record.where.file) {
      m_batch_file = record.where.file;  // a new file: the samples of the last share its name
    }
    m_batch_files.push_back(m_batch_file);
    m_batch_counters.push_back(counter);
    m_batch_bytes += record.output_text.size() + record.reasoning_text.size();
    m_batch.push_back(std::move(record));
    return {};
  }

  // Waits for the batch being counted, hands the batch just read to the
  // worker threads, and keeps the finished batch's samples while the new
  // one is counted; the samples keep input order.
  Result<void> flush() {
    const bool was_counting = wait_for_counting();
    for (std::string& warning : m_tokenizers.take_warnings()) {
      m_result.warnings.push_back(std::move(warning));
    }
    std::vector<aggregate::Sample> counted = std::move(m_samples);
    const std::size_t counted_records = m_counting.size();
    const std::size_t counted_bytes = m_counting_bytes;
    m_samples = {};
    m_counting.clear();
    if (!m_batch.empty()) {
      start_counting();
    }
    if (!was_counting) {
      return {};
    }
    m_result.records += static_cast<std::int64_t>(counted_records);
    m_result.bytes_of_text += static_cast<std::int64_t>(counted_bytes);
    if (m_options.approx_alpha) {
      return reduce_batch(counted);
    }
    for (const aggregate::Sample& sample : counted) {
      m_result.samples.add(sample);
    }
    return {};
  }

  void start_counting() {
    m_counting.swap(m_batch);
    m_counters.swap(m_batch_counters);
    m_files.swap(m_batch_files);
    m_counting_bytes = m_batch_bytes;
    m_batch.clear();
    m_batch_counters.clear();
    m_batch_files.clear();
    m_batch_bytes = 0;
    m_samples.assign(m_counting.size(), aggregate::Sample{});
    m_pending = std::async(std::launch::async, [this] {
      parallel_for(
          m_counting.size(), m_options.threads,
          [this](std::size_t i) { m_samples[i] = to_sample(m_counting[i], m_counters[i], m_files[i]); }, 16);
    });
  }

  // Waits for the batch being counted, if any; returns whether there was one.
  bool wait_for_counting() {
    if (!m_pending.valid()) {
      return false;
    }
    m_pending.get();
    return true;
  }

  // --approx-quantiles: checks the batch's samples as build_profile would
  // and adds them to the run's sums; the samples themselves are dropped.
  Result<void> reduce_batch(const std::vector<aggregate::Sample>& samples) {
    for (const aggregate::Sample& sample : samples) {
      TOKPROF_TRY(m_keys.add(sample));
    }
    TOKPROF_TRY_ASSIGN(auto sums, aggregate::approx_sums(samples, *m_options.approx_alpha, m_options.correct_at));
    if (!m_result.approx) {
      m_result.approx = std::move(sums);
      return {};
    }
    return m_result.approx->merge(sums);
  }

  static aggregate::Sample to_sample(const trace::TraceRecord& record, const CountingTokenizer& counter,
                                     const SharedString& file) {
    aggregate::Sample sample{};
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
    sample.file = file;  // record.where.file, shared
    sample.line = record.where.line;
    return sample;
  }

 public:
  [[nodiscard]] const std::vector<std::string>& per_task_summaries() const { return m_per_task_summaries; }

 private:
  const ScanOptions& m_options;
  TokenizerCache& m_tokenizers;
  ScanResult& m_result;
  std::vector<trace::TraceRecord> m_batch;  // being read, with:
  std::vector<CountingTokenizer> m_batch_counters;
  std::vector<SharedString> m_batch_files;  // record.where.file, shared by the records of a file
  SharedString m_batch_file;
  std::size_t m_batch_bytes = 0;
  std::vector<trace::TraceRecord> m_counting;  // being counted, with:
  std::size_t m_counting_bytes = 0;
  std::vector<CountingTokenizer> m_counters;
  std::vector<SharedString> m_files;
  std::vector<aggregate::Sample> m_samples;  // samples of the batch being counted
  SampleKeys m_keys;  // --approx-quantiles only
  std::future<void> m_pending;
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
  // The texts the scan read are freed: their heap pages go back to the
  // system before the rows are built.
  release_free_memory();
  if (options.approx_alpha && !result.approx) {
    // No samples at all: the sums of none, so that reports still say approximate.
    TOKPROF_TRY_ASSIGN(result.approx, aggregate::approx_sums({}, *options.approx_alpha, options.correct_at));
  }
  const bool has_samples = !result.samples.empty() || (result.approx && !result.approx->cells.empty());
  if (!scanner.per_task_summaries().empty() && has_samples) {
    return make_error(ErrorKind::invalid,
                      fmt::format("{}: the summary table gives output tokens per task without a task count, so its "
                                  "models cannot share a frontier with models read from traces (add a task count "
                                  "column, or profile the table on its own)",
                                  scanner.per_task_summaries().front()));
  }
  return result;
}

}  // namespace tokprof::cli
