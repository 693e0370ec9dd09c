#include "embedded.hpp"

extern "C" {
#define TOKPROF_DECLARE_VOCAB(name)              \
  extern const char tokprof_vocab_##name##_begin[]; \
  extern const char tokprof_vocab_##name##_end[];
TOKPROF_DECLARE_VOCAB(o200k_base)
TOKPROF_DECLARE_VOCAB(cl100k_base)
TOKPROF_DECLARE_VOCAB(p50k_base)
TOKPROF_DECLARE_VOCAB(r50k_base)
#undef TOKPROF_DECLARE_VOCAB
}

namespace tokprof::tokenizer {
namespace {

std::string_view between(const char* begin, const char* end) {
  return std::string_view(begin, static_cast<std::size_t>(end - begin));
}

}  // namespace

std::string_view embedded_vocabulary(std::string_view name) {
  if (name == "o200k_base") {
    return between(tokprof_vocab_o200k_base_begin, tokprof_vocab_o200k_base_end);
  }
  if (name == "cl100k_base") {
    return between(tokprof_vocab_cl100k_base_begin, tokprof_vocab_cl100k_base_end);
  }
  if (name == "p50k_base") {
    return between(tokprof_vocab_p50k_base_begin, tokprof_vocab_p50k_base_end);
  }
  if (name == "r50k_base") {
    return between(tokprof_vocab_r50k_base_begin, tokprof_vocab_r50k_base_end);
  }
  return {};
}

}  // namespace tokprof::tokenizer
