#pragma once
// Converter: one parsed JSON record -> one TraceRecord, one class per format.
// Internal to tokprof_trace; open_trace picks the converter.

#include <memory>
#include <optional>
#include <string>

#include "base/error.hpp"
#include "fields.hpp"
#include "mapping.hpp"
#include "record.hpp"

namespace tokprof::trace {

class Converter {
 public:
  virtual ~Converter() = default;

  // Converts `json`, located by `context`. Returns std::nullopt for a record
  // skipped on purpose (a failed batch request); the converter then adds a
  // warning saying why. `context.warnings` may receive warnings either way.
  [[nodiscard]] virtual Result<std::optional<TraceRecord>> convert(JsonValue json, const RecordContext& context) = 0;

  // Checks what can only be known after the last record (a mapping pointer
  // that matched nothing); `file` locates the Error.
  [[nodiscard]] virtual Result<void> finish(const std::string& file) {
    (void)file;
    return {};
  }
};

// Returns the reader of OpenAI Chat Completions responses, Batch API output
// lines and Responses API objects (recognised per record).
[[nodiscard]] std::unique_ptr<Converter> make_openai_converter();

// Returns the reader of Anthropic Messages and Message Batches result lines.
[[nodiscard]] std::unique_ptr<Converter> make_anthropic_converter();

// Returns the reader of Arena-Hard-Auto answers; `path` (the trace file)
// supplies the task, see read_arena_hard.cpp.
[[nodiscard]] std::unique_ptr<Converter> make_arena_hard_converter(const std::string& path);

// Returns the reader of any JSON record through `mapping`, which must name
// the model (by pointer or constant). Errors are ErrorKind::usage.
[[nodiscard]] Result<std::unique_ptr<Converter>> make_mapped_converter(const FieldMapping& mapping);

// Returns `inner` with the fields of `mapping` laid over what it reads
// (`--format openai --map task==gsm8k`).
[[nodiscard]] Result<std::unique_ptr<Converter>> make_overlay_converter(std::unique_ptr<Converter> inner,
                                                                        const FieldMapping& mapping);

}  // namespace tokprof::trace
