// Fuzzes the field-mapping syntaxes: the --map string
// ("model=/generator,score=/preference") and, when the input starts with
// '{', the mapping file (a JSON object).
//
// Invariants: no crash; a mapping names each field at most once; every
// source is a constant or a JSON pointer (empty or starting with '/'); an
// Error from a file names it; parsing twice gives the same mapping.

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "fuzz_support.hpp"
#include "trace/mapping.hpp"

using namespace tokprof;

namespace {

std::string describe(const Result<trace::FieldMapping>& mapping) {
  if (!mapping) {
    return "error: " + mapping.error().to_string();
  }
  std::string out = "records=" + mapping->records + "\n";
  std::set<trace::MappedField> seen;
  for (const trace::FieldSource& source : mapping->sources) {
    tokprof::fuzz::check(seen.insert(source.field).second, "a mapping names a field twice");
    tokprof::fuzz::check(mapping->find(source.field) == &source, "find() does not return the field's source");
    if (!source.constant) {
      tokprof::fuzz::check(source.pointer.empty() || source.pointer[0] == '/',
                           "a mapped pointer does not start with '/'");
    }
    out += fmt::format("{}={}|{}\n", trace::mapped_field_name(source.field), source.pointer,
                       source.constant ? "=" + *source.constant : "");
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!text.empty() && text[0] == '{') {
    const tokprof::fuzz::TempFile file(text, ".map.json");
    const auto first = trace::read_field_mapping(file.path());
    if (!first) {
      tokprof::fuzz::check(first.error().file == file.path(), "a mapping-file error does not name its file");
    }
    tokprof::fuzz::check(describe(first) == describe(trace::read_field_mapping(file.path())),
                         "reading the same mapping file twice gave different results");
    return 0;
  }
  tokprof::fuzz::check(describe(trace::parse_field_mapping(text)) == describe(trace::parse_field_mapping(text)),
                       "parsing the same --map spec twice gave different results");
  return 0;
}
