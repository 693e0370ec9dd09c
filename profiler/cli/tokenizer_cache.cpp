#include "tokenizer_cache.hpp"

#include <fmt/format.h>

namespace tokprof::cli {

namespace {
constexpr std::string_view k_fallback = "o200k_base";
// Starts the part of a missing-tokenizer warning that names a model.
constexpr std::string_view k_fallback_models = "; counting the models that need it (";
}  // namespace

TokenizerCache::TokenizerCache(std::string choice, tokenizer::Registry registry, std::string tokenizer_dir)
    : m_choice(std::move(choice)), m_registry(std::move(registry)), m_tokenizer_dir(std::move(tokenizer_dir)) {}

Result<const tokenizer::Tokenizer*> TokenizerCache::load(const std::string& name) {
  if (const auto found = m_loaded.find(name); found != m_loaded.end()) {
    return found->second.get();
  }
  TOKPROF_TRY_ASSIGN(auto loaded, tokenizer::Tokenizer::load(name, {}, m_tokenizer_dir));
  auto owned = std::make_unique<tokenizer::Tokenizer>(std::move(loaded));
  const tokenizer::Tokenizer* pointer = owned.get();
  m_loaded.emplace(name, std::move(owned));
  return pointer;
}

Result<CountingTokenizer> TokenizerCache::for_model(const std::string& model) {
  const std::lock_guard lock(m_mutex);
  if (const auto found = m_by_model.find(model); found != m_by_model.end()) {
    return found->second;
  }
  CountingTokenizer counting;
  if (m_choice != "auto") {
    TOKPROF_TRY_ASSIGN(counting.tokenizer, load(m_choice));
    const auto choice = tokenizer::choose_tokenizer(model, m_registry);
    counting.exact = choice.exact && choice.tokenizer == m_choice;
    counting.reason = fmt::format("--tokenizer {}", m_choice);
  } else {
    const auto choice = tokenizer::choose_tokenizer(model, m_registry);
    auto loaded = load(choice.tokenizer);
    if (loaded) {
      counting = {*loaded, choice.exact, choice.reason};
    } else {
      // One warning per missing tokenizer: the report names each model it
      // left approximate.
      if (m_missing.insert(choice.tokenizer).second) {
        m_warnings.push_back(fmt::format("{}{}{} first) with {} instead (approximate)", loaded.error().message,
                                         k_fallback_models, model, k_fallback));
      }
      TOKPROF_TRY_ASSIGN(counting.tokenizer, load(std::string(k_fallback)));
      counting.exact = false;
      counting.reason = fmt::format("{} is not installed", choice.tokenizer);
    }
  }
  m_by_model.emplace(model, counting);
  return counting;
}

std::string warning_merge_key(const std::string& warning) {
  const auto models = warning.find(k_fallback_models);
  return models == std::string::npos ? warning : warning.substr(0, models);
}

std::vector<std::string> TokenizerCache::take_warnings() {
  const std::lock_guard lock(m_mutex);
  return std::exchange(m_warnings, {});
}

}  // namespace tokprof::cli
