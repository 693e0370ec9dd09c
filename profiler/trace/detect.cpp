#include "detect.hpp"

#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>

#include "columns.hpp"

namespace tokprof::trace {
namespace {

constexpr std::size_t k_listed_keys = 12;
constexpr std::array<std::string_view, 7> k_text_keys = {"output",  "text",   "response", "completion",
                                                         "content", "answer", "messages"};

class Keys {
 public:
  explicit Keys(JsonValue record) : m_record(record) {
    // A checked get(): GCC 12 sees a possible null tape in object_of() here.
    simdjson::dom::object object;
    if (record.get_object().get(object) != simdjson::SUCCESS) {
      return;
    }
    for (const auto field : object) {
      m_keys.emplace(field.key);
    }
  }

  [[nodiscard]] bool has(std::string_view key) const { return m_keys.count(std::string(key)) > 0; }

  // Returns true when `key` holds the string `value`.
  [[nodiscard]] bool is(std::string_view key, std::string_view value) const {
    simdjson::dom::element found;
    std::string_view text;
    return m_record.get_object().value_unsafe().at_key(key).get(found) == simdjson::SUCCESS &&
           found.get_string().get(text) == simdjson::SUCCESS && text == value;
  }

  // Returns true when `key` holds an array.
  [[nodiscard]] bool is_array(std::string_view key) const {
    simdjson::dom::element found;
    return m_record.get_object().value_unsafe().at_key(key).get(found) == simdjson::SUCCESS && found.is_array();
  }

  [[nodiscard]] std::string list() const {
    std::string listed;
    std::size_t count = 0;
    for (const auto& key : m_keys) {
      if (count++ == k_listed_keys) {
        return listed + ", ...";
      }
      listed += (listed.empty() ? "" : ", ") + key;
    }
    return listed;
  }

  [[nodiscard]] std::vector<std::string> normalized() const {
    std::vector<std::string> names;
    for (const auto& key : m_keys) {
      names.push_back(normalize_column(key));
    }
    return names;
  }

 private:
  JsonValue m_record;
  std::set<std::string> m_keys;
};

bool is_arena_hard(const Keys& keys) {
  const bool v01 = keys.has("choices") && (keys.has("model_id") || keys.has("question_id"));
  const bool v20 = keys.has("uid") && keys.has("messages");
  const bool question = (keys.has("question_id") && keys.has("turns")) || (keys.has("uid") && keys.has("prompt"));
  return v01 || v20 || question;
}

bool is_openai(const Keys& keys) {
  if (keys.has("custom_id")) {
    return keys.has("response") || keys.has("error");
  }
  return keys.is("object", "chat.completion") || keys.is("object", "response") || keys.has("choices") ||
         (keys.is_array("output") && keys.has("model"));
}

bool is_anthropic(const Keys& keys) {
  if (keys.has("custom_id")) {
    return keys.has("result");
  }
  return keys.is("type", "message") || (keys.is("role", "assistant") && keys.is_array("content") && keys.has("model"));
}

// A per-model row: a model, a score and output tokens, and nothing that only
// a per-sample record has (an id or a text).
bool is_summary_row(const Keys& keys) {
  const auto names = keys.normalized();
  const bool tokens = find_column(names, Column::output_tokens) || find_column(names, Column::mean_output_tokens);
  const bool per_sample = find_column(names, Column::sample_id) ||
                          std::any_of(k_text_keys.begin(), k_text_keys.end(), [&](auto key) { return keys.has(key); });
  return find_column(names, Column::model) && find_column(names, Column::score) && tokens && !per_sample;
}

// A summary wrapped in an object: {"models": [rows]} (see summary.hpp).
bool is_wrapped_summary(JsonValue record) {
  for (const std::string_view key : {"models", "rows", "data"}) {
    simdjson::dom::element rows;
    if (object_of(record).at_key(key).get(rows) != simdjson::SUCCESS || !rows.is_array()) {
      continue;
    }
    simdjson::dom::element first;
    if (array_of(rows).at(0).get(first) == simdjson::SUCCESS && first.is_object()) {
      return is_summary_row(Keys(first));
    }
  }
  return false;
}

// Issue 7 formats: evaluation frameworks' logs (eval_logs.hpp).
bool is_inspect(const Keys& keys) {
  return keys.has("eval") && (keys.has("samples") || keys.has("version"));
}

bool is_lm_eval(const Keys& keys) {
  const bool sample = keys.has("doc_id") && keys.has("resps");
  const bool results = keys.has("results") && (keys.has("configs") || keys.has("versions"));
  return sample || results;
}

// A generateContent response, or a batch output line {"key","response"} holding one.
bool is_gemini(JsonValue record, const Keys& keys) {
  if (keys.has("candidates") && keys.has("usageMetadata")) {
    return true;
  }
  simdjson::dom::element response;
  simdjson::dom::element found;
  return keys.has("key") && object_of(record).at_key("response").get(response) == simdjson::SUCCESS &&
         response.is_object() &&
         (object_of(response).at_key("candidates").get(found) == simdjson::SUCCESS ||
          object_of(response).at_key("usageMetadata").get(found) == simdjson::SUCCESS);
}

Result<Format> detect_eval_log(JsonValue first, const Keys& keys) {
  if (is_inspect(keys)) {
    return Format::inspect;
  }
  if (is_lm_eval(keys)) {
    return Format::lm_eval;
  }
  if (keys.has("resourceSpans")) {
    return Format::otel;
  }
  if (is_gemini(first, keys)) {
    return Format::gemini;
  }
  return Format::automatic;
}

}  // namespace

Result<Format> detect_record_format(JsonValue first, const RecordContext& context) {
  const Keys keys(first);
  if (const auto log = detect_eval_log(first, keys); log && *log != Format::automatic) {
    return log;
  }
  // Arena-Hard first: its v0.1 answers also have "choices".
  if (is_arena_hard(keys)) {
    return Format::arena_hard;
  }
  if (is_anthropic(keys)) {
    return Format::anthropic;
  }
  if (is_openai(keys)) {
    return Format::openai;
  }
  if (is_summary_row(keys) || is_wrapped_summary(first)) {
    return Format::summary;
  }
  return context.error(ErrorKind::unsupported,
                       fmt::format("cannot detect the trace format from the first record (keys: {}); "
                                   "use --format, or --map to name its fields",
                                   keys.list()));
}

}  // namespace tokprof::trace
