#include "hf_pattern.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <fmt/format.h>

#include "base/utf8.hpp"
#include "pretokenize.hpp"

namespace tokprof::tokenizer::hf {
namespace {

struct CodeDeleter {
  void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};

// Per-thread match data and JIT stack, shared by every pattern on the thread.
struct ThreadState {
  pcre2_match_data* data = pcre2_match_data_create(4, nullptr);
  pcre2_match_context* context = pcre2_match_context_create(nullptr);
  pcre2_jit_stack* stack = pcre2_jit_stack_create(64 * 1024, 8 * 1024 * 1024, nullptr);
  ThreadState() { pcre2_jit_stack_assign(context, nullptr, stack); }
  ThreadState(const ThreadState&) = delete;
  ThreadState& operator=(const ThreadState&) = delete;
  ~ThreadState() {
    pcre2_jit_stack_free(stack);
    pcre2_match_context_free(context);
    pcre2_match_data_free(data);
  }
};

thread_local ThreadState t_state;

std::size_t char_length(std::string_view text, std::size_t pos) {
  std::size_t length = 0;
  utf8::decode(text, pos, length);
  return length;
}

class RegexPattern final : public Pattern {
 public:
  explicit RegexPattern(pcre2_code* code) : m_code(code) {}

  void find_matches(std::string_view text, std::vector<Match>& out) const override {
    out.clear();
    if (text.empty()) {
      out.push_back({0, 0, false});
      return;
    }
    const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
    std::size_t search = 0;
    std::size_t previous_end = 0;
    while (search <= text.size()) {
      const int rc = pcre2_match(m_code.get(), subject, text.size(), search, PCRE2_NO_UTF_CHECK, t_state.data,
                                 t_state.context);
      if (rc < 0) {
        break;
      }
      const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(t_state.data);
      const std::size_t begin = ovector[0];
      const std::size_t end = ovector[1];
      if (begin > previous_end) {
        out.push_back({previous_end, begin, false});
      }
      out.push_back({begin, end, true});
      previous_end = end;
      if (end == begin) {
        if (end >= text.size()) {
          break;
        }
        search = end + char_length(text, end);
      } else {
        search = end;
      }
    }
    if (previous_end < text.size()) {
      out.push_back({previous_end, text.size(), false});
    }
  }

 private:
  std::unique_ptr<pcre2_code, CodeDeleter> m_code;
};

class LiteralPattern final : public Pattern {
 public:
  explicit LiteralPattern(std::string literal) : m_literal(std::move(literal)) {}

  void find_matches(std::string_view text, std::vector<Match>& out) const override {
    out.clear();
    if (m_literal.empty() || text.empty()) {
      out.push_back({0, text.size(), false});
      return;
    }
    std::size_t previous_end = 0;
    for (std::size_t at = text.find(m_literal); at != std::string_view::npos;
         at = text.find(m_literal, previous_end)) {
      if (at > previous_end) {
        out.push_back({previous_end, at, false});
      }
      previous_end = at + m_literal.size();
      out.push_back({at, previous_end, true});
    }
    if (previous_end < text.size()) {
      out.push_back({previous_end, text.size(), false});
    }
  }

 private:
  std::string m_literal;
};

class CharPattern final : public Pattern {
 public:
  explicit CharPattern(bool (*predicate)(char32_t)) : m_predicate(predicate) {}

  void find_matches(std::string_view text, std::vector<Match>& out) const override {
    out.clear();
    if (text.empty()) {
      out.push_back({0, 0, false});
      return;
    }
    std::size_t previous_end = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t length = 0;
      const char32_t cp = utf8::decode(text, pos, length);
      if (m_predicate(cp)) {
        if (pos > previous_end) {
          out.push_back({previous_end, pos, false});
        }
        out.push_back({pos, pos + length, true});
        previous_end = pos + length;
      }
      pos += length;
    }
    if (previous_end < text.size()) {
      out.push_back({previous_end, text.size(), false});
    }
  }

 private:
  bool (*m_predicate)(char32_t);
};

}  // namespace

Result<std::unique_ptr<Pattern>> make_regex_pattern(std::string_view regex) {
  TOKPROF_TRY_ASSIGN(const std::string translated, translate_pattern_for_pcre2(regex));
  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated.data()), translated.size(),
                                   PCRE2_UTF | PCRE2_UCP, &error_code, &error_offset, nullptr);
  if (code == nullptr) {
    PCRE2_UCHAR buffer[256];
    pcre2_get_error_message(error_code, buffer, sizeof buffer);
    return make_error(ErrorKind::unsupported, fmt::format("regex /{}/ does not compile at offset {}: {}", regex,
                                                          error_offset, reinterpret_cast<const char*>(buffer)));
  }
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
  return std::unique_ptr<Pattern>(std::make_unique<RegexPattern>(code));
}

std::unique_ptr<Pattern> make_literal_pattern(std::string literal) {
  return std::make_unique<LiteralPattern>(std::move(literal));
}

std::unique_ptr<Pattern> make_char_pattern(bool (*predicate)(char32_t)) {
  return std::make_unique<CharPattern>(predicate);
}

std::string replace_all(const Pattern& pattern, std::string_view text, std::string_view content) {
  thread_local std::vector<Match> matches;
  pattern.find_matches(text, matches);
  std::string out;
  out.reserve(text.size());
  for (const Match& match : matches) {
    if (match.is_match) {
      out += content;
    } else {
      out.append(text.substr(match.begin, match.end - match.begin));
    }
  }
  return out;
}

}  // namespace tokprof::tokenizer::hf
