#include "hf_decoder.hpp"

#include "base/utf8.hpp"
#include "hf_byte_level.hpp"

namespace tokprof::tokenizer::hf {
namespace {

class ByteLevelDecoder final : public Decoder {
 public:
  void decode(std::vector<std::string>& tokens) const override {
    for (std::string& token : tokens) {
      std::string bytes;
      std::size_t pos = 0;
      while (pos < token.size()) {
        std::size_t length = 0;
        utf8::decode(token, pos, length);
        const std::string_view unit = std::string_view(token).substr(pos, length);
        // A character outside the alphabet (in an added token) stays itself.
        const auto byte = byte_level_decode(unit);
        bytes += byte ? *byte : std::string(unit);
        pos += length;
      }
      token = std::move(bytes);
    }
  }
};

class ReplaceDecoder final : public Decoder {
 public:
  ReplaceDecoder(std::string pattern, std::string content)
      : m_pattern(make_literal_pattern(std::move(pattern))), m_content(std::move(content)) {}
  void decode(std::vector<std::string>& tokens) const override {
    for (std::string& token : tokens) {
      token = replace_all(*m_pattern, token, m_content);
    }
  }

 private:
  std::unique_ptr<Pattern> m_pattern;
  std::string m_content;
};

int hex_digit(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

class ByteFallbackDecoder final : public Decoder {
 public:
  void decode(std::vector<std::string>& tokens) const override {
    for (std::string& token : tokens) {
      if (token.size() == 6 && token.starts_with("<0x") && token.ends_with('>')) {
        const int high = hex_digit(token[3]);
        const int low = hex_digit(token[4]);
        if (high >= 0 && low >= 0) {
          token = std::string(1, static_cast<char>(high * 16 + low));
        }
      }
    }
  }
};

class FuseDecoder final : public Decoder {
 public:
  void decode(std::vector<std::string>& tokens) const override {
    std::string joined;
    for (const std::string& token : tokens) {
      joined += token;
    }
    tokens.assign(1, std::move(joined));
  }
};

class StripDecoder final : public Decoder {
 public:
  StripDecoder(std::string content, std::size_t start, std::size_t stop)
      : m_content(std::move(content)), m_start(start), m_stop(stop) {}
  void decode(std::vector<std::string>& tokens) const override {
    if (m_content.empty()) {
      return;
    }
    for (std::string& token : tokens) {
      for (std::size_t i = 0; i < m_start && token.starts_with(m_content); ++i) {
        token.erase(0, m_content.size());
      }
      for (std::size_t i = 0; i < m_stop && token.ends_with(m_content); ++i) {
        token.erase(token.size() - m_content.size());
      }
    }
  }

 private:
  std::string m_content;
  std::size_t m_start;
  std::size_t m_stop;
};

class MetaspaceDecoder final : public Decoder {
 public:
  MetaspaceDecoder(std::string replacement, PrependScheme scheme)
      : m_pattern(make_literal_pattern(std::move(replacement))), m_scheme(scheme) {}
  void decode(std::vector<std::string>& tokens) const override {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      tokens[i] = replace_all(*m_pattern, tokens[i], " ");
      if (i == 0 && m_scheme != PrependScheme::never && tokens[i].starts_with(' ')) {
        tokens[i].erase(0, 1);
      }
    }
  }

 private:
  std::unique_ptr<Pattern> m_pattern;
  PrependScheme m_scheme;
};

class SequenceDecoder final : public Decoder {
 public:
  explicit SequenceDecoder(std::vector<std::unique_ptr<Decoder>> steps) : m_steps(std::move(steps)) {}
  void decode(std::vector<std::string>& tokens) const override {
    for (const auto& step : m_steps) {
      step->decode(tokens);
    }
  }

 private:
  std::vector<std::unique_ptr<Decoder>> m_steps;
};

}  // namespace

std::unique_ptr<Decoder> make_byte_level_decoder() { return std::make_unique<ByteLevelDecoder>(); }

std::unique_ptr<Decoder> make_replace_decoder(std::string pattern, std::string content) {
  return std::make_unique<ReplaceDecoder>(std::move(pattern), std::move(content));
}

std::unique_ptr<Decoder> make_byte_fallback_decoder() { return std::make_unique<ByteFallbackDecoder>(); }

std::unique_ptr<Decoder> make_fuse_decoder() { return std::make_unique<FuseDecoder>(); }

std::unique_ptr<Decoder> make_strip_decoder(std::string content, std::size_t start, std::size_t stop) {
  return std::make_unique<StripDecoder>(std::move(content), start, stop);
}

std::unique_ptr<Decoder> make_metaspace_decoder(std::string replacement, PrependScheme scheme) {
  return std::make_unique<MetaspaceDecoder>(std::move(replacement), scheme);
}

std::unique_ptr<Decoder> make_sequence_decoder(std::vector<std::unique_ptr<Decoder>> steps) {
  return std::make_unique<SequenceDecoder>(std::move(steps));
}

}  // namespace tokprof::tokenizer::hf
