// The general pre-tokenizer: any split pattern, run by PCRE2 with its JIT.
// Hand-written splitters for the built-in patterns must agree with it.

#include <cstdint>
#include <cstring>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <fmt/format.h>

#include "base/utf8.hpp"
#include "pretokenize.hpp"

namespace tokprof::tokenizer {
namespace {

// Unicode White_Space, which is what `\s` means in Rust's regex crate.
constexpr std::string_view k_white_space =
    R"(\t\n\x{0B}\f\r\x{20}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000})";

// Invalid bytes are stood in for by code points U+10FF00..U+10FFFF (private
// use, in no category the patterns name) while PCRE2 runs, which needs valid
// UTF-8. Each stand-in is 4 bytes: F4 8F BC..BF xx.
constexpr char32_t k_stand_in_base = 0x10FF00;

std::string pcre2_message(int code) {
  PCRE2_UCHAR buffer[256];
  pcre2_get_error_message(code, buffer, sizeof buffer);
  return std::string(reinterpret_cast<const char*>(buffer));
}

struct CodeDeleter {
  void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};

// Per-thread matching state: match data and a JIT stack big enough for long
// inputs, shared by every pattern used on the thread.
struct ThreadMatchState {
  pcre2_match_data* data = pcre2_match_data_create(4, nullptr);
  pcre2_match_context* context = pcre2_match_context_create(nullptr);
  pcre2_jit_stack* stack = pcre2_jit_stack_create(64 * 1024, 8 * 1024 * 1024, nullptr);
  ThreadMatchState() { pcre2_jit_stack_assign(context, nullptr, stack); }
  ThreadMatchState(const ThreadMatchState&) = delete;
  ThreadMatchState& operator=(const ThreadMatchState&) = delete;
  ~ThreadMatchState() {
    pcre2_jit_stack_free(stack);
    pcre2_match_context_free(context);
    pcre2_match_data_free(data);
  }
};

thread_local ThreadMatchState t_match;

// Copies `text` with every invalid byte replaced by its stand-in, and
// records for each byte of the copy the offset in `text` it came from.
void make_valid_copy(std::string_view text, std::string& copy, std::vector<std::size_t>& origin) {
  copy.clear();
  origin.clear();
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t length = 0;
    if (utf8::decode(text, pos, length) == utf8::k_invalid) {
      const auto byte = static_cast<unsigned char>(text[pos]);
      const char32_t cp = k_stand_in_base + byte;
      copy.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      copy.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      copy.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      copy.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      origin.insert(origin.end(), 4, pos);
    } else {
      copy.append(text.substr(pos, length));
      for (std::size_t i = 0; i < length; ++i) {
        origin.push_back(pos);
      }
    }
    pos += length;
  }
  origin.push_back(text.size());
}

class Pcre2Splitter final : public Splitter {
 public:
  explicit Pcre2Splitter(pcre2_code* code) : m_code(code) {}

  void split(std::string_view text, std::vector<std::string_view>& pieces) const override {
    pieces.clear();
    if (utf8::is_valid(text)) {
      split_valid(text, pieces);
      return;
    }
    thread_local std::string copy;
    thread_local std::vector<std::size_t> origin;
    thread_local std::vector<std::string_view> copy_pieces;
    make_valid_copy(text, copy, origin);
    split_valid(copy, copy_pieces);
    for (const std::string_view piece : copy_pieces) {
      const auto begin = static_cast<std::size_t>(piece.data() - copy.data());
      const std::size_t from = origin[begin];
      const std::size_t to = origin[begin + piece.size()];
      pieces.push_back(text.substr(from, to - from));
    }
  }

 private:
  void split_valid(std::string_view text, std::vector<std::string_view>& pieces) const {
    pieces.clear();
    const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
    std::size_t offset = 0;
    while (offset < text.size()) {
      const int rc = pcre2_match(m_code.get(), subject, text.size(), offset, PCRE2_NO_UTF_CHECK, t_match.data,
                                 t_match.context);
      if (rc < 0) {
        // No further match (or a resource limit): the rest is one piece.
        pieces.push_back(text.substr(offset));
        return;
      }
      const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(t_match.data);
      std::size_t begin = ovector[0];
      std::size_t end = ovector[1];
      if (begin > offset) {
        pieces.push_back(text.substr(offset, begin - offset));
      }
      if (end == begin) {
        // An empty match: step over one character, as regex iterators do.
        std::size_t length = 0;
        utf8::decode(text, end, length);
        end += length;
      }
      pieces.push_back(text.substr(begin, end - begin));
      offset = end;
    }
  }

  std::unique_ptr<pcre2_code, CodeDeleter> m_code;
};

}  // namespace

Result<std::string> translate_pattern_for_pcre2(std::string_view pattern) {
  std::string out;
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      const char escaped = pattern[i + 1];
      ++i;
      if (escaped == 's') {
        out += in_class ? std::string(k_white_space) : fmt::format("[{}]", k_white_space);
      } else if (escaped == 'S') {
        if (in_class) {
          return make_error(ErrorKind::unsupported, "\\S inside a character class is not supported");
        }
        out += fmt::format("[^{}]", k_white_space);
      } else {
        out += c;
        out += escaped;
      }
      continue;
    }
    if (c == '[' && !in_class) {
      in_class = true;
      out += c;
      // A ']' right after '[' or '[^' is a literal member, not the end.
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') {
        out += '^';
        ++i;
      }
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') {
        out += ']';
        ++i;
      }
      continue;
    }
    if (c == ']' && in_class) {
      in_class = false;
    }
    out += c;
  }
  return out;
}

Result<std::unique_ptr<Splitter>> make_pcre2_splitter(std::string_view pattern) {
  TOKPROF_TRY_ASSIGN(const std::string translated, translate_pattern_for_pcre2(pattern));
  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated.data()), translated.size(),
                                   PCRE2_UTF | PCRE2_UCP, &error_code, &error_offset, nullptr);
  if (code == nullptr) {
    return make_error(ErrorKind::invalid, fmt::format("invalid split pattern at offset {}: {}", error_offset,
                                                      pcre2_message(error_code)));
  }
  // Without JIT (some platforms) PCRE2 still matches, only slower.
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
  return std::unique_ptr<Splitter>(std::make_unique<Pcre2Splitter>(code));
}

}  // namespace tokprof::tokenizer
