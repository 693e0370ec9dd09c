#include "tokenizer.hpp"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "base/file.hpp"
#include "embedded.hpp"
#include "encodings.hpp"
#include "hf_load.hpp"
#include "hf_names.hpp"

namespace tokprof::tokenizer {
namespace {

Result<std::shared_ptr<const Model>> build_tiktoken(const EncodingSpec& spec, std::string_view content,
                                                    std::string_view source) {
  TOKPROF_TRY_ASSIGN(RankTable ranks, parse_tiktoken(content, source));
  return make_tiktoken_model(std::move(ranks), spec.pattern, spec.specials);
}

// Built-in encodings are parsed once per process, on first use.
Result<std::shared_ptr<const Model>> load_builtin(const EncodingSpec& spec) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Model>, std::less<>> cache;
  const std::lock_guard lock(mutex);
  if (const auto found = cache.find(spec.name); found != cache.end()) {
    return found->second;
  }
  const std::string_view content = embedded_vocabulary(spec.vocabulary);
  TOKPROF_TRY_ASSIGN(auto model, build_tiktoken(spec, content, fmt::format("<embedded {}.tiktoken>", spec.vocabulary)));
  cache.emplace(std::string(spec.name), model);
  return model;
}

std::string known_names() {
  std::string names;
  for (const std::string_view name : encoding_names()) {
    names += (names.empty() ? "" : ", ") + std::string(name);
  }
  return names;
}

Result<Tokenizer> load_file(const std::string& path, std::string_view like) {
  std::string spec_name(like);
  if (spec_name.empty()) {
    spec_name = std::filesystem::path(path).stem().string();
  }
  const auto spec = find_encoding(spec_name);
  if (!spec) {
    return make_error_at(ErrorKind::usage,
                         fmt::format("cannot tell which encoding's split pattern and special tokens this file uses; "
                                     "name it after one ({}) or pass --like NAME",
                                     known_names()),
                         path);
  }
  TOKPROF_TRY_ASSIGN(const std::string content, read_file(path));
  TOKPROF_TRY_ASSIGN(auto model, build_tiktoken(*spec, content, path));
  return Tokenizer(path, std::move(model));
}

// tokenizer.json files are parsed once per process per path.
Result<std::shared_ptr<const Model>> load_hf_cached(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Model>, std::less<>> cache;
  const std::lock_guard lock(mutex);
  if (const auto found = cache.find(path); found != cache.end()) {
    return found->second;
  }
  TOKPROF_TRY_ASSIGN(auto model, hf::load_tokenizer_json(path));
  cache.emplace(path, model);
  return model;
}

std::string resolve_dir(std::string_view tokenizer_dir) {
  return tokenizer_dir.empty() ? default_tokenizer_dir() : std::string(tokenizer_dir);
}

Result<Tokenizer> load_hf_named(const hf::NamedTokenizer& named, std::string_view tokenizer_dir) {
  const std::string dir = resolve_dir(tokenizer_dir);
  const std::string path = (std::filesystem::path(dir) / named.name / "tokenizer.json").string();
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return make_error(ErrorKind::io,
                      fmt::format("tokenizer \"{}\" is not installed ({} does not exist); install it with: "
                                  "scripts/fetch-tokenizers {} (or pass --tokenizer-dir DIR)",
                                  named.name, path, named.name));
  }
  TOKPROF_TRY_ASSIGN(auto model, load_hf_cached(path));
  return Tokenizer(std::string(named.name), std::move(model));
}

}  // namespace

Tokenizer::Tokenizer(std::string name, std::shared_ptr<const Model> model)
    : m_name(std::move(name)), m_model(std::move(model)) {}

Result<Tokenizer> Tokenizer::load(std::string_view name_or_path, std::string_view like,
                                  std::string_view tokenizer_dir) {
  if (const auto spec = find_encoding(name_or_path)) {
    TOKPROF_TRY_ASSIGN(auto model, load_builtin(*spec));
    return Tokenizer(std::string(name_or_path), std::move(model));
  }
  if (const hf::NamedTokenizer* named = hf::find_named_tokenizer(name_or_path)) {
    return load_hf_named(*named, tokenizer_dir);
  }
  std::string path(name_or_path);
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    path = (std::filesystem::path(path) / "tokenizer.json").string();
  }
  if (path.ends_with(".json")) {
    TOKPROF_TRY_ASSIGN(auto model, load_hf_cached(path));
    return Tokenizer(path, std::move(model));
  }
  if (path.find('/') != std::string::npos || path.ends_with(".tiktoken")) {
    return load_file(path, like);
  }
  return make_error(ErrorKind::usage,
                    fmt::format("unknown tokenizer \"{}\" (built in: {}; Hugging Face: {}; or give a path to a "
                                "tokenizer.json or .tiktoken file)",
                                name_or_path, known_names(), hf::named_tokenizer_list()));
}

std::vector<Rank> Tokenizer::encode(std::string_view text, Specials specials) const {
  std::vector<Rank> ids;
  m_model->encode(text, specials, ids);
  return ids;
}

void Tokenizer::encode_into(std::string_view text, std::vector<Rank>& out, Specials specials) const {
  m_model->encode(text, specials, out);
}

std::size_t Tokenizer::count(std::string_view text, Specials specials) const { return m_model->count(text, specials); }

Result<std::string> Tokenizer::decode(std::span<const Rank> ids) const { return m_model->decode(ids); }

std::vector<EncodingInfo> builtin_encodings() {
  std::vector<EncodingInfo> infos;
  for (const std::string_view name : encoding_names()) {
    const auto spec = find_encoding(name);
    infos.push_back({std::string(name), std::string(spec->description), !embedded_vocabulary(spec->vocabulary).empty()});
  }
  return infos;
}

std::string default_tokenizer_dir() {
  const auto env = [](const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::string(value) : std::string();
  };
  if (std::string dir = env("TOKPROF_TOKENIZER_DIR"); !dir.empty()) {
    return dir;
  }
  std::string cache = env("XDG_CACHE_HOME");
  if (cache.empty()) {
    cache = (std::filesystem::path(env("HOME")) / ".cache").string();
  }
  return (std::filesystem::path(cache) / "tokprof" / "tokenizers").string();
}

std::vector<HfTokenizerInfo> hf_tokenizers(std::string_view tokenizer_dir) {
  const std::string dir = resolve_dir(tokenizer_dir);
  std::vector<HfTokenizerInfo> infos;
  for (const hf::NamedTokenizer& named : hf::named_tokenizers()) {
    const std::string path = (std::filesystem::path(dir) / named.name / "tokenizer.json").string();
    std::error_code error;
    infos.push_back({std::string(named.name), std::string(named.description), path,
                     std::filesystem::exists(path, error)});
  }
  return infos;
}

}  // namespace tokprof::tokenizer
