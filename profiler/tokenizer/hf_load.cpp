#include "hf_load.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include <simdjson.h>

#include <fmt/format.h>

#include "base/file.hpp"
#include "hf_model.hpp"
#include "pretokenize.hpp"

namespace tokprof::tokenizer::hf {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

// Everything a component parser needs to report where it is.
struct Context {
  std::string source;

  [[nodiscard]] Unexpected error(ErrorKind kind, const std::string& where, const std::string& what) const {
    return make_error_at(kind, fmt::format("{} (at {})", what, where), source);
  }
};

bool is_null(const element& value) { return value.type() == simdjson::dom::element_type::NULL_VALUE; }

// Returns the member `key` of `value`, or a null-typed missing marker.
bool member(const element& value, std::string_view key, element& out) {
  object obj;
  if (value.get_object().get(obj) != simdjson::SUCCESS) {
    return false;
  }
  return obj.at_key(key).get(out) == simdjson::SUCCESS && !is_null(out);
}

std::string get_string(const element& value, std::string_view key, std::string fallback = {}) {
  element field;
  std::string_view text;
  if (member(value, key, field) && field.get_string().get(text) == simdjson::SUCCESS) {
    return std::string(text);
  }
  return fallback;
}

bool get_bool(const element& value, std::string_view key, bool fallback) {
  element field;
  bool flag = fallback;
  if (member(value, key, field) && field.get_bool().get(flag) == simdjson::SUCCESS) {
    return flag;
  }
  return fallback;
}

std::uint64_t get_uint(const element& value, std::string_view key, std::uint64_t fallback) {
  element field;
  std::uint64_t number = fallback;
  if (member(value, key, field) && field.get_uint64().get(number) == simdjson::SUCCESS) {
    return number;
  }
  return fallback;
}

Result<std::unique_ptr<Pattern>> parse_pattern(const Context& ctx, const element& value, const std::string& where) {
  element field;
  if (member(value, "String", field)) {
    return make_literal_pattern(get_string(value, "String"));
  }
  if (member(value, "Regex", field)) {
    auto pattern = make_regex_pattern(get_string(value, "Regex"));
    if (!pattern) {
      return ctx.error(ErrorKind::unsupported, where, pattern.error().message);
    }
    return pattern;
  }
  return ctx.error(ErrorKind::invalid, where, "pattern is neither {\"String\": …} nor {\"Regex\": …}");
}

Result<SplitBehavior> parse_behavior(const Context& ctx, std::string_view name, const std::string& where) {
  if (name == "Isolated") {
    return SplitBehavior::isolated;
  }
  if (name == "Removed") {
    return SplitBehavior::removed;
  }
  if (name == "MergedWithPrevious") {
    return SplitBehavior::merged_with_previous;
  }
  if (name == "MergedWithNext") {
    return SplitBehavior::merged_with_next;
  }
  if (name == "Contiguous") {
    return SplitBehavior::contiguous;
  }
  return ctx.error(ErrorKind::unsupported, where, fmt::format("unsupported split behavior \"{}\"", name));
}

PrependScheme parse_prepend_scheme(const element& value) {
  const std::string scheme = get_string(value, "prepend_scheme");
  if (scheme.empty()) {
    return get_bool(value, "add_prefix_space", true) ? PrependScheme::always : PrependScheme::never;
  }
  return scheme == "first" ? PrependScheme::first : scheme == "never" ? PrependScheme::never : PrependScheme::always;
}

Result<std::unique_ptr<Normalizer>> parse_normalizer(const Context& ctx, const element& value,
                                                     const std::string& where) {
  const std::string type = get_string(value, "type");
  if (type == "NFC" || type == "NFD" || type == "NFKC" || type == "NFKD") {
    const NormalForm form = type == "NFC"    ? NormalForm::nfc
                            : type == "NFD"  ? NormalForm::nfd
                            : type == "NFKC" ? NormalForm::nfkc
                                             : NormalForm::nfkd;
    return make_unicode_normalizer(form);
  }
  if (type == "Lowercase") {
    return make_lowercase_normalizer();
  }
  if (type == "Prepend") {
    return make_prepend_normalizer(get_string(value, "prepend"));
  }
  if (type == "Strip") {
    return make_strip_normalizer(get_bool(value, "strip_left", true), get_bool(value, "strip_right", true));
  }
  if (type == "Replace") {
    element pattern;
    if (!member(value, "pattern", pattern)) {
      return ctx.error(ErrorKind::invalid, where, "Replace has no pattern");
    }
    TOKPROF_TRY_ASSIGN(auto compiled, parse_pattern(ctx, pattern, where + "/pattern"));
    return make_replace_normalizer(std::move(compiled), get_string(value, "content"));
  }
  if (type == "Sequence") {
    std::vector<std::unique_ptr<Normalizer>> steps;
    element list;
    simdjson::dom::array items;
    if (member(value, "normalizers", list) && list.get_array().get(items) == simdjson::SUCCESS) {
      std::size_t i = 0;
      for (const element item : items) {
        TOKPROF_TRY_ASSIGN(auto step, parse_normalizer(ctx, item, fmt::format("{}/normalizers/{}", where, i++)));
        steps.push_back(std::move(step));
      }
    }
    return make_sequence_normalizer(std::move(steps));
  }
  return ctx.error(ErrorKind::unsupported, where, fmt::format("unsupported normalizer \"{}\"", type));
}

Result<std::unique_ptr<PreTokenizer>> parse_pre_tokenizer(const Context& ctx, const element& value,
                                                          const std::string& where, bool last, bool& byte_level);

Result<std::unique_ptr<PreTokenizer>> parse_pre_tokenizer_sequence(const Context& ctx, const element& value,
                                                                   const std::string& where, bool last,
                                                                   bool& byte_level) {
  std::vector<std::unique_ptr<PreTokenizer>> steps;
  element list;
  simdjson::dom::array items;
  if (member(value, "pretokenizers", list) && list.get_array().get(items) == simdjson::SUCCESS) {
    const std::size_t size = items.size();
    std::size_t i = 0;
    for (const element item : items) {
      const bool item_last = last && i + 1 == size;
      TOKPROF_TRY_ASSIGN(auto step, parse_pre_tokenizer(ctx, item, fmt::format("{}/pretokenizers/{}", where, i),
                                                        item_last, byte_level));
      steps.push_back(std::move(step));
      ++i;
    }
  }
  return make_sequence_pre_tokenizer(std::move(steps));
}

Result<std::unique_ptr<PreTokenizer>> parse_pre_tokenizer(const Context& ctx, const element& value,
                                                          const std::string& where, bool last, bool& byte_level) {
  const std::string type = get_string(value, "type");
  if (type == "Sequence") {
    return parse_pre_tokenizer_sequence(ctx, value, where, last, byte_level);
  }
  if (type == "Split") {
    element pattern;
    if (!member(value, "pattern", pattern)) {
      return ctx.error(ErrorKind::invalid, where, "Split has no pattern");
    }
    TOKPROF_TRY_ASSIGN(auto compiled, parse_pattern(ctx, pattern, where + "/pattern"));
    TOKPROF_TRY_ASSIGN(const auto behavior, parse_behavior(ctx, get_string(value, "behavior"), where + "/behavior"));
    return make_split(std::move(compiled), behavior, get_bool(value, "invert", false));
  }
  if (type == "ByteLevel") {
    if (!last) {
      // The model maps bytes to GPT-2's alphabet after all splitting; a
      // step after ByteLevel would see that alphabet instead.
      return ctx.error(ErrorKind::unsupported, where, "ByteLevel pre-tokenizer that is not the last step");
    }
    byte_level = true;
    auto step = make_byte_level(get_bool(value, "add_prefix_space", true), get_bool(value, "use_regex", true));
    if (!step) {
      return ctx.error(ErrorKind::unsupported, where, step.error().message);
    }
    return step;
  }
  if (type == "Digits") {
    return make_digits(get_bool(value, "individual_digits", false));
  }
  if (type == "Metaspace") {
    return make_metaspace(get_string(value, "replacement", "\u2581"), parse_prepend_scheme(value),
                          get_bool(value, "split", true));
  }
  if (type == "Punctuation") {
    TOKPROF_TRY_ASSIGN(const auto behavior,
                       parse_behavior(ctx, get_string(value, "behavior", "Isolated"), where + "/behavior"));
    return make_punctuation(behavior);
  }
  if (type == "Whitespace") {
    return make_whitespace();
  }
  if (type == "WhitespaceSplit") {
    return make_whitespace_split();
  }
  return ctx.error(ErrorKind::unsupported, where, fmt::format("unsupported pre_tokenizer \"{}\"", type));
}

// Parses a decoder; an unsupported one sets `unsupported` instead of failing,
// since decoding is not needed to count.
std::unique_ptr<Decoder> parse_decoder(const element& value, std::string& unsupported) {
  const std::string type = get_string(value, "type");
  if (type == "ByteLevel") {
    return make_byte_level_decoder();
  }
  if (type == "Replace") {
    element pattern;
    // Without a pattern, `pattern` stays a default element that simdjson
    // cannot even ask for its type (a null document): check first.
    if (!member(value, "pattern", pattern)) {
      unsupported = "Replace without a pattern";
      return nullptr;
    }
    if (get_string(pattern, "String").empty()) {
      unsupported = "Replace with a regex";
      return nullptr;
    }
    return make_replace_decoder(get_string(pattern, "String"), get_string(value, "content"));
  }
  if (type == "ByteFallback") {
    return make_byte_fallback_decoder();
  }
  if (type == "Fuse") {
    return make_fuse_decoder();
  }
  if (type == "Strip") {
    return make_strip_decoder(get_string(value, "content", " "), get_uint(value, "start", 0), get_uint(value, "stop", 0));
  }
  if (type == "Metaspace") {
    return make_metaspace_decoder(get_string(value, "replacement", "\u2581"), parse_prepend_scheme(value));
  }
  if (type == "Sequence") {
    std::vector<std::unique_ptr<Decoder>> steps;
    element list;
    simdjson::dom::array items;
    if (member(value, "decoders", list) && list.get_array().get(items) == simdjson::SUCCESS) {
      for (const element item : items) {
        steps.push_back(parse_decoder(item, unsupported));
        if (!unsupported.empty()) {
          return nullptr;
        }
      }
    }
    return make_sequence_decoder(std::move(steps));
  }
  // Never empty: an empty `unsupported` with a null decoder would read as
  // "no decoder" at the top and as a null step inside a Sequence.
  unsupported = type.empty() ? "without a type" : type;
  return nullptr;
}

Result<std::vector<AddedToken>> parse_added_tokens(const Context& ctx, const element& root) {
  std::vector<AddedToken> tokens;
  element list;
  simdjson::dom::array items;
  if (!member(root, "added_tokens", list) || list.get_array().get(items) != simdjson::SUCCESS) {
    return tokens;
  }
  std::size_t i = 0;
  for (const element item : items) {
    const std::uint64_t id = get_uint(item, "id", k_no_rank);
    if (id >= k_no_rank) {
      return ctx.error(ErrorKind::invalid, fmt::format("/added_tokens/{}", i), "added token without a valid id");
    }
    tokens.push_back({get_string(item, "content"), static_cast<Rank>(id), get_bool(item, "special", false),
                      get_bool(item, "single_word", false), get_bool(item, "lstrip", false),
                      get_bool(item, "rstrip", false), get_bool(item, "normalized", true)});
    ++i;
  }
  return tokens;
}

Result<std::vector<std::pair<std::string, std::string>>> parse_merges(const Context& ctx, const element& model) {
  std::vector<std::pair<std::string, std::string>> merges;
  element list;
  simdjson::dom::array items;
  if (!member(model, "merges", list) || list.get_array().get(items) != simdjson::SUCCESS) {
    return merges;
  }
  merges.reserve(items.size());
  std::size_t i = 0;
  for (const element item : items) {
    std::string_view line;
    simdjson::dom::array pair;
    if (item.get_string().get(line) == simdjson::SUCCESS) {
      const std::size_t space = line.find(' ');
      if (space == std::string_view::npos || line.find(' ', space + 1) != std::string_view::npos) {
        return ctx.error(ErrorKind::parse, fmt::format("/model/merges/{}", i),
                         fmt::format("merge \"{}\" is not two tokens separated by one space", line));
      }
      merges.emplace_back(std::string(line.substr(0, space)), std::string(line.substr(space + 1)));
    } else if (item.get_array().get(pair) == simdjson::SUCCESS && pair.size() == 2) {
      std::string_view left;
      std::string_view right;
      if (pair.at(0).get_string().get(left) != simdjson::SUCCESS ||
          pair.at(1).get_string().get(right) != simdjson::SUCCESS) {
        return ctx.error(ErrorKind::parse, fmt::format("/model/merges/{}", i), "merge pair is not two strings");
      }
      merges.emplace_back(std::string(left), std::string(right));
    } else {
      return ctx.error(ErrorKind::parse, fmt::format("/model/merges/{}", i),
                       "merge is neither \"a b\" nor [\"a\", \"b\"]");
    }
    ++i;
  }
  return merges;
}

Result<BpeModel> parse_model(const Context& ctx, const element& root, bool byte_level, bool fast_paths) {
  element model;
  if (!member(root, "model", model)) {
    return ctx.error(ErrorKind::invalid, "/model", "tokenizer.json has no model");
  }
  const std::string type = get_string(model, "type", "BPE");
  if (type != "BPE") {
    return ctx.error(ErrorKind::unsupported, "/model/type",
                     fmt::format("unsupported model \"{}\" (tokprof reads BPE tokenizer.json files only)", type));
  }
  element dropout;
  double rate = 0;
  if (member(model, "dropout", dropout) && (dropout.get_double().get(rate) != simdjson::SUCCESS || rate != 0)) {
    return ctx.error(ErrorKind::unsupported, "/model/dropout",
                     "BPE dropout is random by design; counts would not be reproducible");
  }
  element vocab_value;
  object vocab_object;
  if (!member(model, "vocab", vocab_value) || vocab_value.get_object().get(vocab_object) != simdjson::SUCCESS) {
    return ctx.error(ErrorKind::invalid, "/model/vocab", "BPE model without a vocab object");
  }
  std::vector<std::pair<std::string, Rank>> vocab;
  vocab.reserve(vocab_object.size());
  for (const auto field : vocab_object) {
    std::uint64_t id = 0;
    if (field.value.get_uint64().get(id) != simdjson::SUCCESS || id >= k_no_rank) {
      return ctx.error(ErrorKind::invalid, "/model/vocab", fmt::format("token \"{}\" has no valid id", field.key));
    }
    vocab.emplace_back(std::string(field.key), static_cast<Rank>(id));
  }
  TOKPROF_TRY_ASSIGN(auto merges, parse_merges(ctx, model));
  BpeOptions options;
  options.byte_level = byte_level;
  options.short_word_merge = fast_paths;
  options.ignore_merges = get_bool(model, "ignore_merges", false);
  options.byte_fallback = get_bool(model, "byte_fallback", false);
  options.fuse_unk = get_bool(model, "fuse_unk", false);
  options.unk_token = get_string(model, "unk_token");
  options.continuing_subword_prefix = get_string(model, "continuing_subword_prefix");
  options.end_of_word_suffix = get_string(model, "end_of_word_suffix");
  if (byte_level && (!options.continuing_subword_prefix.empty() || !options.end_of_word_suffix.empty())) {
    return ctx.error(ErrorKind::unsupported, "/model",
                     "continuing_subword_prefix or end_of_word_suffix with a ByteLevel pre-tokenizer");
  }
  auto bpe = BpeModel::build(vocab, merges, std::move(options));
  if (!bpe) {
    return ctx.error(bpe.error().kind, "/model", bpe.error().message);
  }
  return bpe;
}

// Returns true if `normalizer` is a Unicode normal form, or a Sequence of
// them (DeepSeek V3's is an empty one): they map ASCII to itself and compose
// nothing across it (hf_unicode.cpp).
bool keeps_ascii(const element& normalizer) {
  const std::string type = get_string(normalizer, "type");
  if (type == "Sequence") {
    element list;
    simdjson::dom::array steps;
    if (!member(normalizer, "normalizers", list) || list.get_array().get(steps) != simdjson::SUCCESS) {
      return false;
    }
    for (const element step : steps) {
      if (!keeps_ascii(step)) {
        return false;
      }
    }
    return true;
  }
  return type == "NFC" || type == "NFD" || type == "NFKC" || type == "NFKD";
}

// Returns true if the normalizer is absent or keeps_ascii.
bool normalizer_keeps_ascii(const element& root) {
  element normalizer;
  return !member(root, "normalizer", normalizer) || keeps_ascii(normalizer);
}

// Returns the regex of `split` when it is Split(Regex, Isolated) with
// "invert": false (its default is false, but strictly: it must be present).
std::optional<std::string_view> isolated_regex(const element& split) {
  element pattern;
  element regex;
  std::string_view regex_text;
  if (get_string(split, "type") != "Split" || get_string(split, "behavior") != "Isolated" ||
      get_bool(split, "invert", true) || !member(split, "pattern", pattern) || !member(pattern, "Regex", regex) ||
      regex.get_string().get(regex_text) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return regex_text;
}

// Returns the hand-written splitter that does all of `pre_tokenizer`'s work
// when it is exactly [Split(Regex P1, Isolated), ..., Split(Regex Pn,
// Isolated), ByteLevel without prefix space or regex] and P1..Pn have one
// (one built-in pattern, or DeepSeek V3's three), else null. (ByteLevel's
// defaults are true: both flags must be present and false.)
std::unique_ptr<Splitter> hand_splitter_for(const element& pre_tokenizer) {
  element list;
  simdjson::dom::array steps;
  if (get_string(pre_tokenizer, "type") != "Sequence" || !member(pre_tokenizer, "pretokenizers", list) ||
      list.get_array().get(steps) != simdjson::SUCCESS || steps.size() < 2) {
    return nullptr;
  }
  std::vector<std::string_view> regexes;
  element byte_level;
  for (const element step : steps) {
    if (regexes.size() + 1 == steps.size()) {
      byte_level = step;
    } else if (const auto regex = isolated_regex(step)) {
      regexes.push_back(*regex);
    } else {
      return nullptr;
    }
  }
  if (get_string(byte_level, "type") != "ByteLevel" || get_bool(byte_level, "add_prefix_space", true) ||
      get_bool(byte_level, "use_regex", true)) {
    return nullptr;
  }
  return make_builtin_chain_splitter(regexes);
}

}  // namespace

Result<std::shared_ptr<const Model>> parse_tokenizer_json(std::string_view json, std::string_view source,
                                                          LoadOptions options) {
  const Context ctx{std::string(source)};
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(json);
  element root;
  if (const auto code = parser.parse(padded).get(root); code != simdjson::SUCCESS) {
    return make_error_at(ErrorKind::parse, fmt::format("not valid JSON: {}", simdjson::error_message(code)),
                         std::string(source));
  }
  Components parts;
  element value;
  if (member(root, "normalizer", value)) {
    TOKPROF_TRY_ASSIGN(parts.normalizer, parse_normalizer(ctx, value, "/normalizer"));
  }
  bool byte_level = false;
  if (member(root, "pre_tokenizer", value)) {
    TOKPROF_TRY_ASSIGN(parts.pre_tokenizer, parse_pre_tokenizer(ctx, value, "/pre_tokenizer", true, byte_level));
    if (options.fast_paths) {
      parts.hand_splitter = hand_splitter_for(value);
    }
  }
  if (member(root, "decoder", value)) {
    parts.decoder = parse_decoder(value, parts.unsupported_decoder);
  }
  TOKPROF_TRY_ASSIGN(parts.added_tokens, parse_added_tokens(ctx, root));
  TOKPROF_TRY_ASSIGN(parts.bpe, parse_model(ctx, root, byte_level, options.fast_paths));
  parts.line_cuts = parts.hand_splitter != nullptr && normalizer_keeps_ascii(root) &&
                    std::none_of(parts.added_tokens.begin(), parts.added_tokens.end(),
                                 [](const AddedToken& token) {
                                   // lstrip would take the newline before a cut into the token.
                                   return token.lstrip || token.content.find('\n') != std::string::npos;
                                 });
  return make_hf_model(std::move(parts));
}

Result<std::shared_ptr<const Model>> load_tokenizer_json(const std::string& path) {
  TOKPROF_TRY_ASSIGN(const std::string content, read_file(path));
  return parse_tokenizer_json(content, path);
}

}  // namespace tokprof::tokenizer::hf
