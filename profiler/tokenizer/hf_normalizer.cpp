#include "hf_normalizer.hpp"

#include "base/utf8.hpp"

namespace tokprof::tokenizer::hf {
namespace {

class UnicodeNormalizer final : public Normalizer {
 public:
  explicit UnicodeNormalizer(NormalForm form) : m_form(form) {}
  std::string normalize(std::string_view text) const override { return hf::normalize(text, m_form); }

 private:
  NormalForm m_form;
};

class LowercaseNormalizer final : public Normalizer {
 public:
  std::string normalize(std::string_view text) const override { return lowercase(text); }
};

class ReplaceNormalizer final : public Normalizer {
 public:
  ReplaceNormalizer(std::unique_ptr<Pattern> pattern, std::string content)
      : m_pattern(std::move(pattern)), m_content(std::move(content)) {}
  std::string normalize(std::string_view text) const override { return replace_all(*m_pattern, text, m_content); }

 private:
  std::unique_ptr<Pattern> m_pattern;
  std::string m_content;
};

class PrependNormalizer final : public Normalizer {
 public:
  explicit PrependNormalizer(std::string prefix) : m_prefix(std::move(prefix)) {}
  std::string normalize(std::string_view text) const override {
    return text.empty() ? std::string() : m_prefix + std::string(text);
  }

 private:
  std::string m_prefix;
};

class StripNormalizer final : public Normalizer {
 public:
  StripNormalizer(bool left, bool right) : m_left(left), m_right(right) {}
  std::string normalize(std::string_view text) const override {
    std::size_t begin = 0;
    std::size_t end = text.size();
    std::size_t length = 0;
    while (m_left && begin < end && is_white_space(utf8::decode(text, begin, length))) {
      begin += length;
    }
    while (m_right && end > begin) {
      std::size_t start = end - 1;
      while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
        --start;
      }
      if (!is_white_space(utf8::decode(text, start, length))) {
        break;
      }
      end = start;
    }
    return std::string(text.substr(begin, end - begin));
  }

 private:
  bool m_left;
  bool m_right;
};

class SequenceNormalizer final : public Normalizer {
 public:
  explicit SequenceNormalizer(std::vector<std::unique_ptr<Normalizer>> steps) : m_steps(std::move(steps)) {}
  std::string normalize(std::string_view text) const override {
    std::string current(text);
    for (const auto& step : m_steps) {
      current = step->normalize(current);
    }
    return current;
  }

 private:
  std::vector<std::unique_ptr<Normalizer>> m_steps;
};

}  // namespace

std::unique_ptr<Normalizer> make_unicode_normalizer(NormalForm form) {
  return std::make_unique<UnicodeNormalizer>(form);
}

std::unique_ptr<Normalizer> make_lowercase_normalizer() { return std::make_unique<LowercaseNormalizer>(); }

std::unique_ptr<Normalizer> make_replace_normalizer(std::unique_ptr<Pattern> pattern, std::string content) {
  return std::make_unique<ReplaceNormalizer>(std::move(pattern), std::move(content));
}

std::unique_ptr<Normalizer> make_prepend_normalizer(std::string prefix) {
  return std::make_unique<PrependNormalizer>(std::move(prefix));
}

std::unique_ptr<Normalizer> make_strip_normalizer(bool left, bool right) {
  return std::make_unique<StripNormalizer>(left, right);
}

std::unique_ptr<Normalizer> make_sequence_normalizer(std::vector<std::unique_ptr<Normalizer>> steps) {
  return std::make_unique<SequenceNormalizer>(std::move(steps));
}

}  // namespace tokprof::tokenizer::hf
