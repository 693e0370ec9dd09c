#include "tokenizer.hpp"

#include <filesystem>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "base/file.hpp"
#include "embedded.hpp"
#include "encodings.hpp"

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

}  // namespace

Tokenizer::Tokenizer(std::string name, std::shared_ptr<const Model> model)
    : m_name(std::move(name)), m_model(std::move(model)) {}

Result<Tokenizer> Tokenizer::load(std::string_view name_or_path, std::string_view like) {
  if (const auto spec = find_encoding(name_or_path)) {
    TOKPROF_TRY_ASSIGN(auto model, load_builtin(*spec));
    return Tokenizer(std::string(name_or_path), std::move(model));
  }
  const std::string path(name_or_path);
  if (path.find('/') != std::string::npos || path.ends_with(".tiktoken")) {
    return load_file(path, like);
  }
  return make_error(ErrorKind::usage,
                    fmt::format("unknown tokenizer \"{}\" (built in: {}; or give a path to a .tiktoken file)",
                                name_or_path, known_names()));
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

}  // namespace tokprof::tokenizer
