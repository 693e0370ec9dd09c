// Any JSON record read through a FieldMapping (mapping.hpp), and the same
// mapping laid over a vendor reader.
//
// Per record, a pointer that does not resolve (or resolves to null) leaves
// its field absent, except the model, without which a record cannot be
// attributed. Over a whole file, a pointer that resolved in no record is an
// Error naming the field and the pointer: it is almost always a typo, and
// silently reading no scores would be worse. The `usage` object is applied
// first, so that single *_tokens fields win over it. Mapped token counts are
// taken in the canonical convention of record.hpp (input includes cache
// reads); point `usage` at a vendor usage object to have it converted.

#include <cmath>

#include <fmt/format.h>

#include "base/strings.hpp"
#include "converter.hpp"
#include "json_path.hpp"
#include "usage.hpp"

namespace tokprof::trace {
namespace {

struct CompiledSource {
  FieldSource source;
  Path path;
  bool matched = false;
};

bool is_count_field(MappedField field) {
  switch (field) {
    case MappedField::epoch:
    case MappedField::input_tokens:
    case MappedField::output_tokens:
    case MappedField::reasoning_tokens:
    case MappedField::cache_read_tokens:
    case MappedField::cache_write_tokens:
    case MappedField::reference_tokens:
      return true;
    default:
      return false;
  }
}

std::optional<std::int64_t>* count_slot(MappedField field, TraceRecord& record) {
  switch (field) {
    case MappedField::input_tokens:
      return &record.usage.input;
    case MappedField::output_tokens:
      return &record.usage.output;
    case MappedField::reasoning_tokens:
      return &record.usage.reasoning;
    case MappedField::cache_read_tokens:
      return &record.usage.cache_read;
    case MappedField::cache_write_tokens:
      return &record.usage.cache_write;
    case MappedField::reference_tokens:
      return &record.reference_output_tokens;
    default:
      return nullptr;
  }
}

std::string* text_slot(MappedField field, TraceRecord& record) {
  switch (field) {
    case MappedField::model:
      return &record.model;
    case MappedField::task:
      return &record.task;
    case MappedField::id:
      return &record.sample_id;
    case MappedField::output:
      return &record.output_text;
    case MappedField::reasoning:
      return &record.reasoning_text;
    default:
      return nullptr;
  }
}

void merge_usage(const Usage& from, Usage& into) {
  for (auto [source, target] :
       {std::pair{&from.input, &into.input}, std::pair{&from.output, &into.output},
        std::pair{&from.reasoning, &into.reasoning}, std::pair{&from.cache_read, &into.cache_read},
        std::pair{&from.cache_write, &into.cache_write}}) {
    if (*source) {
      *target = *source;
    }
  }
}

// Sets the field of `compiled` in `record` from a constant.
void apply_constant(const CompiledSource& compiled, TraceRecord& record) {
  const MappedField field = compiled.source.field;
  const std::string& text = *compiled.source.constant;
  if (std::string* slot = text_slot(field, record)) {
    *slot = text;
  } else if (field == MappedField::score) {
    record.score = parse_double(text).value();
  } else if (field == MappedField::cost) {
    record.cost_usd = parse_double(text).value();
  } else if (field == MappedField::epoch) {
    record.epoch = static_cast<std::int64_t>(parse_double(text).value());
  } else if (auto* count = count_slot(field, record)) {
    *count = static_cast<std::int64_t>(parse_double(text).value());
  }
}

// Sets the field of `compiled` in `record` from `value`, found in the record.
Result<void> apply_value(const CompiledSource& compiled, JsonValue value, const RecordContext& context,
                         TraceRecord& record) {
  const MappedField field = compiled.source.field;
  const FieldLabel label{std::string(mapped_field_name(field)), compiled.source.pointer};
  if (std::string* slot = text_slot(field, record)) {
    TOKPROF_TRY_ASSIGN(auto text,
                       field == MappedField::id ? read_id(context, value, label) : read_text(context, value, label));
    *slot = std::move(*text);
  } else if (field == MappedField::score) {
    TOKPROF_TRY_ASSIGN(record.score, read_number(context, value, label));
  } else if (field == MappedField::cost) {
    TOKPROF_TRY_ASSIGN(record.cost_usd, read_number(context, value, label));
  } else if (field == MappedField::epoch) {
    TOKPROF_TRY_ASSIGN(const auto epoch, read_count(context, value, label));
    record.epoch = *epoch;
  } else if (auto* count = count_slot(field, record)) {
    TOKPROF_TRY_ASSIGN(*count, read_count(context, value, label));
  } else if (field == MappedField::usage) {
    if (!value.is_object()) {
      return context.error(ErrorKind::invalid, fmt::format("field \"usage\" is not an object (format {}, pointer {})",
                                                           format_name(context.format), compiled.source.pointer));
    }
    TOKPROF_TRY_ASSIGN(const Usage usage, read_any_usage(Fields(value, context, "usage.")));
    merge_usage(usage, record.usage);
  }
  return {};
}

class MappingApplier {
 public:
  static Result<MappingApplier> compile(const FieldMapping& mapping) {
    MappingApplier applier;
    for (const auto& source : mapping.sources) {
      CompiledSource compiled{source, {}, false};
      if (!source.constant) {
        TOKPROF_TRY_ASSIGN(compiled.path, parse_pointer(source.pointer));
      } else if (is_count_field(source.field)) {
        const double value = parse_double(*source.constant).value_or(-1);
        if (value < 0 || value != std::floor(value)) {
          return make_error(ErrorKind::usage, fmt::format("mapping field \"{}\": constant \"{}\" is not a token count",
                                                          mapped_field_name(source.field), *source.constant));
        }
      }
      // The usage object goes first so that single counts override it.
      const bool first = source.field == MappedField::usage;
      applier.m_sources.insert(first ? applier.m_sources.begin() : applier.m_sources.end(), std::move(compiled));
    }
    return applier;
  }

  // Sets in `record` every field the mapping gives for `json`.
  Result<void> apply(JsonValue json, const RecordContext& context, TraceRecord& record, bool require_model) {
    ++m_records;
    for (auto& compiled : m_sources) {
      if (compiled.source.constant) {
        apply_constant(compiled, record);
        continue;
      }
      const auto value = resolve(json, compiled.path);
      if (!value) {
        if (require_model && compiled.source.field == MappedField::model) {
          return missing_field(context, FieldLabel{"model", compiled.source.pointer});
        }
        continue;
      }
      compiled.matched = true;
      TOKPROF_TRY(apply_value(compiled, *value, context, record));
    }
    return {};
  }

  // Fails when a pointer matched no record of a file that had some.
  Result<void> check_matched(const std::string& file, Format format) const {
    for (const auto& compiled : m_sources) {
      if (m_records > 0 && !compiled.source.constant && !compiled.matched) {
        return make_error_at(
            ErrorKind::invalid,
            fmt::format("mapping field \"{}\": pointer {} matched no record (format {})",
                        mapped_field_name(compiled.source.field), compiled.source.pointer, format_name(format)),
            file);
      }
    }
    return {};
  }

 private:
  std::vector<CompiledSource> m_sources;
  std::int64_t m_records = 0;
};

class MappedConverter final : public Converter {
 public:
  explicit MappedConverter(MappingApplier applier) : m_applier(std::move(applier)) {}

  Result<std::optional<TraceRecord>> convert(JsonValue json, const RecordContext& context) override {
    TraceRecord record;
    TOKPROF_TRY(m_applier.apply(json, context, record, true));
    return record;
  }

  Result<void> finish(const std::string& file) override { return m_applier.check_matched(file, Format::mapped); }

 private:
  MappingApplier m_applier;
};

class OverlayConverter final : public Converter {
 public:
  OverlayConverter(std::unique_ptr<Converter> inner, MappingApplier applier)
      : m_inner(std::move(inner)), m_applier(std::move(applier)) {}

  Result<std::optional<TraceRecord>> convert(JsonValue json, const RecordContext& context) override {
    TOKPROF_TRY_ASSIGN(auto record, m_inner->convert(json, context));
    if (record) {
      m_format = context.format;
      TOKPROF_TRY(m_applier.apply(json, context, *record, false));
    }
    return record;
  }

  Result<void> finish(const std::string& file) override {
    TOKPROF_TRY(m_inner->finish(file));
    return m_applier.check_matched(file, m_format);
  }

 private:
  std::unique_ptr<Converter> m_inner;
  MappingApplier m_applier;
  Format m_format = Format::automatic;
};

}  // namespace

Result<std::unique_ptr<Converter>> make_mapped_converter(const FieldMapping& mapping) {
  if (mapping.find(MappedField::model) == nullptr) {
    return make_error(ErrorKind::usage,
                      "the field mapping must name the model (model=/pointer, or model==name for a constant)");
  }
  TOKPROF_TRY_ASSIGN(auto applier, MappingApplier::compile(mapping));
  return std::unique_ptr<Converter>(std::make_unique<MappedConverter>(std::move(applier)));
}

Result<std::unique_ptr<Converter>> make_overlay_converter(std::unique_ptr<Converter> inner,
                                                          const FieldMapping& mapping) {
  TOKPROF_TRY_ASSIGN(auto applier, MappingApplier::compile(mapping));
  return std::unique_ptr<Converter>(std::make_unique<OverlayConverter>(std::move(inner), std::move(applier)));
}

}  // namespace tokprof::trace
