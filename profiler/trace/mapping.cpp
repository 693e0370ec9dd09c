#include "mapping.hpp"

#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/file.hpp"
#include "base/strings.hpp"
#include "json_path.hpp"

namespace tokprof::trace {
namespace {

struct FieldName {
  std::string_view name;
  MappedField field;
  bool numeric;
};

constexpr std::array k_fields{
    FieldName{"model", MappedField::model, false},
    FieldName{"task", MappedField::task, false},
    FieldName{"id", MappedField::id, false},
    FieldName{"epoch", MappedField::epoch, true},
    FieldName{"output", MappedField::output, false},
    FieldName{"reasoning", MappedField::reasoning, false},
    FieldName{"score", MappedField::score, true},
    FieldName{"cost", MappedField::cost, true},
    FieldName{"usage", MappedField::usage, false},
    FieldName{"input_tokens", MappedField::input_tokens, true},
    FieldName{"output_tokens", MappedField::output_tokens, true},
    FieldName{"reasoning_tokens", MappedField::reasoning_tokens, true},
    FieldName{"cache_read_tokens", MappedField::cache_read_tokens, true},
    FieldName{"cache_write_tokens", MappedField::cache_write_tokens, true},
    FieldName{"reference_tokens", MappedField::reference_tokens, true},
};

constexpr std::string_view k_records_key = "records";

Unexpected mapping_error(std::string message) {
  return make_error(ErrorKind::usage, std::move(message));
}

std::string known_fields() {
  std::string known;
  for (const auto& entry : k_fields) {
    known += entry.name;
    known += ", ";
  }
  return known + std::string(k_records_key);
}

Result<const FieldName*> lookup_field(std::string_view name) {
  for (const auto& entry : k_fields) {
    if (entry.name == name) {
      return &entry;
    }
  }
  return mapping_error(fmt::format("unknown mapping field \"{}\" (known: {})", name, known_fields()));
}

Result<void> check_pointer(std::string_view name, std::string_view pointer) {
  if (pointer.empty() || pointer.front() != '/') {
    return mapping_error(fmt::format(
        "mapping field \"{}\": \"{}\" is not a JSON pointer (start it with \"/\", or write {}=={} for a constant)",
        name, pointer, name, pointer));
  }
  auto parsed = parse_pointer(pointer);
  if (!parsed) {
    return mapping_error(fmt::format("mapping field \"{}\": {}", name, parsed.error().message));
  }
  return {};
}

// Adds one entry to `mapping`; `constant` tells a constant from a pointer.
Result<void> add_entry(FieldMapping& mapping, std::string_view name, std::string value, bool constant) {
  if (name == k_records_key) {
    if (constant || !mapping.records.empty()) {
      return mapping_error("mapping field \"records\" needs one JSON pointer");
    }
    TOKPROF_TRY(check_pointer(name, value));
    mapping.records = std::move(value);
    return {};
  }
  TOKPROF_TRY_ASSIGN(const FieldName* entry, lookup_field(name));
  if (mapping.find(entry->field) != nullptr) {
    return mapping_error(fmt::format("mapping field \"{}\" given twice", name));
  }
  FieldSource source;
  source.field = entry->field;
  if (constant) {
    if (entry->field == MappedField::usage) {
      return mapping_error("mapping field \"usage\" needs a JSON pointer, not a constant");
    }
    if (entry->numeric && !parse_double(value)) {
      return mapping_error(fmt::format("mapping field \"{}\": constant \"{}\" is not a number", name, value));
    }
    source.constant = std::move(value);
  } else {
    TOKPROF_TRY(check_pointer(name, value));
    source.pointer = std::move(value);
  }
  mapping.sources.push_back(std::move(source));
  return {};
}

Result<void> add_json_entry(FieldMapping& mapping, const std::string& name, const nlohmann::json& value) {
  if (value.is_string()) {
    return add_entry(mapping, name, value.get<std::string>(), false);
  }
  if (value.is_object() && value.size() == 1 && value.contains("constant")) {
    const auto& constant = value["constant"];
    if (constant.is_string()) {
      return add_entry(mapping, name, constant.get<std::string>(), true);
    }
    if (constant.is_number()) {
      return add_entry(mapping, name, constant.dump(), true);
    }
  }
  return mapping_error(fmt::format(
      "mapping field \"{}\": expected a JSON pointer string or {{\"constant\": value}}, found {}", name, value.dump()));
}

}  // namespace

std::string_view mapped_field_name(MappedField field) {
  for (const auto& entry : k_fields) {
    if (entry.field == field) {
      return entry.name;
    }
  }
  return "unknown";
}

const FieldSource* FieldMapping::find(MappedField field) const {
  for (const auto& source : sources) {
    if (source.field == field) {
      return &source;
    }
  }
  return nullptr;
}

Result<FieldMapping> parse_field_mapping(std::string_view spec) {
  FieldMapping mapping;
  if (trim(spec).empty()) {
    return mapping_error("empty field mapping");
  }
  for (const std::string_view raw : split(spec, ',')) {
    const std::string_view entry = trim(raw);
    const std::size_t equals = entry.find('=');
    if (equals == std::string_view::npos) {
      return mapping_error(
          fmt::format("mapping entry \"{}\" has no \"=\" (write field=/pointer or field==constant)", entry));
    }
    const std::string_view name = trim(entry.substr(0, equals));
    const bool constant = equals + 1 < entry.size() && entry[equals + 1] == '=';
    const std::string_view value = entry.substr(equals + (constant ? 2 : 1));
    TOKPROF_TRY(add_entry(mapping, name, std::string(constant ? value : trim(value)), constant));
  }
  return mapping;
}

Result<FieldMapping> read_field_mapping(const std::string& path) {
  TOKPROF_TRY_ASSIGN(const std::string text, read_file(path));
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return make_error_at(ErrorKind::parse, "a field mapping file must hold one JSON object", path);
  }
  FieldMapping mapping;
  for (const auto& [name, value] : json.items()) {
    auto added = add_json_entry(mapping, name, value);
    if (!added) {
      return Unexpected(added.error().at(path));
    }
  }
  if (mapping.sources.empty()) {
    return make_error_at(ErrorKind::usage, "empty field mapping", path);
  }
  return mapping;
}

}  // namespace tokprof::trace
