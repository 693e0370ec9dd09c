// open_trace and detect_format: pick the converter for a file and stream its
// records through it.

#include <fmt/format.h>

#include "converter.hpp"
#include "detect.hpp"
#include "eval_logs.hpp"
#include "file_kind.hpp"
#include "json_records.hpp"
#include "reader.hpp"
#include "zip.hpp"

namespace tokprof::trace {
namespace {

class JsonTraceStream final : public RecordStream {
 public:
  JsonTraceStream(std::string path, Format format) : m_path(std::move(path)), m_format(format) {}

  Result<void> open(const std::string& records_pointer) {
    TOKPROF_TRY_ASSIGN(m_source, JsonRecordSource::open(m_path, records_pointer, m_warnings));
    return {};
  }
  void set_format(Format format) { m_format = format; }
  void set_converter(std::unique_ptr<Converter> converter) { m_converter = std::move(converter); }
  [[nodiscard]] JsonRecordSource& source() { return *m_source; }

  Result<std::optional<TraceRecord>> next() override {
    while (!m_done) {
      auto record = convert_next();
      if (!record) {
        // A bad record has been consumed and the next call reads on
        // (--keep-going); a read error ends the stream.
        if (record.error().kind == ErrorKind::io) {
          m_done = true;
        }
        return Unexpected(std::move(record).error());
      }
      if (*record) {
        return record;
      }
    }
    return std::nullopt;
  }

  [[nodiscard]] Format format() const override { return m_format; }
  [[nodiscard]] const std::string& path() const override { return m_path; }
  std::vector<Warning> take_warnings() override { return std::exchange(m_warnings, {}); }
  [[nodiscard]] std::int64_t skipped() const override { return m_skipped; }

 private:
  // Returns the next record, std::nullopt for a skipped one (or the end, with
  // m_done set).
  Result<std::optional<TraceRecord>> convert_next() {
    TOKPROF_TRY_ASSIGN(const bool got, m_source->next());
    if (!got) {
      m_done = true;
      TOKPROF_TRY(m_converter->finish(m_path));
      return std::nullopt;
    }
    RecordContext& context = m_source->context();
    context.format = m_format;
    TOKPROF_TRY_ASSIGN(auto record, m_converter->convert(m_source->value(), context));
    if (!record) {
      ++m_skipped;
      return std::nullopt;
    }
    record->where = SourceLocation{m_path, context.line};
    return record;
  }

  std::string m_path;
  Format m_format;
  std::vector<Warning> m_warnings;  // before m_source, which points at it
  std::unique_ptr<JsonRecordSource> m_source;
  std::unique_ptr<Converter> m_converter;
  std::int64_t m_skipped = 0;
  bool m_done = false;
};

Unexpected summary_error(const std::string& path) {
  return make_error_at(ErrorKind::unsupported, "is a summary table, not a trace (read it with read_summary_table)",
                       path);
}

Result<std::unique_ptr<Converter>> make_converter(Format format, const std::string& path,
                                                  const ReadOptions& options) {
  const std::optional<FieldMapping>& mapping = options.mapping;
  std::unique_ptr<Converter> converter;
  switch (format) {
    case Format::lm_eval:
      converter = make_lm_eval_converter(path, options.scorer);
      break;
    case Format::gemini:
      converter = make_gemini_converter();
      break;
    case Format::mapped:
      if (!mapping) {
        return make_error(ErrorKind::usage, "format mapped needs a field mapping (--map)");
      }
      return make_mapped_converter(*mapping);
    case Format::openai:
      converter = make_openai_converter();
      break;
    case Format::anthropic:
      converter = make_anthropic_converter();
      break;
    case Format::arena_hard:
      converter = make_arena_hard_converter(path);
      break;
    default:
      return summary_error(path);
  }
  if (mapping) {
    return make_overlay_converter(std::move(converter), *mapping);
  }
  return converter;
}

Result<Format> choose_format(const ReadOptions& options, JsonRecordSource& source) {
  if (options.format != Format::automatic) {
    return options.format;
  }
  if (options.mapping && options.mapping->find(MappedField::model) != nullptr) {
    return Format::mapped;
  }
  return detect_record_format(source.value(), source.context());
}

// Issue 7: Inspect AI logs are sniffed before the generic JSON reader,
// which rejects the bare NaN they may hold and cannot open a .eval archive.
Result<bool> sniff_inspect(const std::string& path) {
  if (path == "-") {
    return false;
  }
  TOKPROF_TRY_ASSIGN(auto source, open_source(path));
  std::string prefix(4096, '\0');
  TOKPROF_TRY_ASSIGN(const std::size_t got, source->read(prefix.data(), prefix.size()));
  prefix.resize(got);
  return has_zip_magic(prefix) || looks_like_inspect_json(prefix);
}

// Opens the formats whose documents hold many records (eval_logs.hpp).
Result<std::unique_ptr<RecordStream>> open_multi_record(Format format, const std::string& path,
                                                        const ReadOptions& options) {
  if (options.mapping) {
    // Located at the file: its content, not the command line, chose the
    // format when it was detected (a .jsonl that is an Inspect archive).
    return make_error_at(ErrorKind::usage, fmt::format("--map cannot be laid over format {}", format_name(format)),
                         path);
  }
  return format == Format::inspect ? open_inspect_stream(path, options) : open_otel_stream(path, options);
}

}  // namespace

Result<std::unique_ptr<RecordStream>> open_trace(const std::string& path, const ReadOptions& options) {
  const bool table = options.format == Format::automatic && is_table_name(path);
  if (options.format == Format::summary || table) {
    return summary_error(path);
  }
  if (options.format == Format::inspect || options.format == Format::otel) {
    return open_multi_record(options.format, path, options);
  }
  if (options.format == Format::automatic) {
    TOKPROF_TRY_ASSIGN(const bool inspect, sniff_inspect(path));
    if (inspect) {
      return open_multi_record(Format::inspect, path, options);
    }
  }
  auto stream = std::make_unique<JsonTraceStream>(path, options.format);
  TOKPROF_TRY(stream->open(options.mapping ? options.mapping->records : std::string()));
  TOKPROF_TRY_ASSIGN(const Format format, choose_format(options, stream->source()));
  if (format == Format::inspect || format == Format::otel) {
    return open_multi_record(format, path, options);
  }
  auto converter = make_converter(format, path, options);
  if (!converter) {
    return Unexpected(converter.error().at(path));
  }
  stream->set_format(format);
  stream->set_converter(std::move(*converter));
  return std::unique_ptr<RecordStream>(std::move(stream));
}

Result<Format> detect_format(const std::string& path) {
  if (is_table_name(path)) {
    return Format::summary;
  }
  TOKPROF_TRY_ASSIGN(const bool inspect, sniff_inspect(path));
  if (inspect) {
    return Format::inspect;
  }
  std::vector<Warning> ignored;
  TOKPROF_TRY_ASSIGN(auto source, JsonRecordSource::open(path, std::string(), ignored));
  return detect_record_format(source->value(), source->context());
}

}  // namespace tokprof::trace
