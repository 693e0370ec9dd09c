#include "hf_pretokenizer.hpp"

#include <functional>

#include "hf_unicode.hpp"

namespace tokprof::tokenizer::hf {
namespace {

// GPT-2's pattern, which ByteLevel uses when use_regex is true.
constexpr std::string_view k_gpt2_pattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

using SplitFn = std::function<void(const Piece&, std::vector<Piece>&)>;

// Replaces each id-less piece of `pieces` by what `split` makes of it,
// dropping empty results, as PreTokenizedString::split does.
void split_each(std::vector<Piece>& pieces, const SplitFn& split) {
  std::vector<Piece> result;
  result.reserve(pieces.size());
  std::vector<Piece> parts;
  for (Piece& piece : pieces) {
    if (piece.id != k_no_rank) {
      result.push_back(std::move(piece));
      continue;
    }
    parts.clear();
    split(piece, parts);
    for (Piece& part : parts) {
      if (!part.text.empty()) {
        result.push_back(std::move(part));
      }
    }
  }
  pieces = std::move(result);
}

// Cuts `piece` with `pattern` and `behavior`, appending the parts to `out`.
void cut(const Piece& piece, const Pattern& pattern, SplitBehavior behavior, bool invert, std::vector<Piece>& out) {
  thread_local std::vector<Match> matches;
  pattern.find_matches(piece.text, matches);
  if (invert) {
    for (Match& match : matches) {
      match.is_match = !match.is_match;
    }
  }
  for (const Match& range : apply_behavior(matches, behavior)) {
    out.push_back({piece.text.substr(range.begin, range.end - range.begin), piece.at_start && range.begin == 0,
                   k_no_rank});
  }
}

class SplitPreTokenizer final : public PreTokenizer {
 public:
  SplitPreTokenizer(std::unique_ptr<Pattern> pattern, SplitBehavior behavior, bool invert)
      : m_pattern(std::move(pattern)), m_behavior(behavior), m_invert(invert) {}

  void pre_tokenize(std::vector<Piece>& pieces) const override {
    split_each(pieces, [&](const Piece& piece, std::vector<Piece>& out) {
      cut(piece, *m_pattern, m_behavior, m_invert, out);
    });
  }

 private:
  std::unique_ptr<Pattern> m_pattern;
  SplitBehavior m_behavior;
  bool m_invert;
};

class ByteLevelPreTokenizer final : public PreTokenizer {
 public:
  ByteLevelPreTokenizer(bool add_prefix_space, std::unique_ptr<Pattern> pattern)
      : m_add_prefix_space(add_prefix_space), m_pattern(std::move(pattern)) {}

  void pre_tokenize(std::vector<Piece>& pieces) const override {
    if (!m_add_prefix_space && !m_pattern) {
      return;  // nothing to do: the model maps the bytes (DeepSeek V3's last step)
    }
    split_each(pieces, [&](const Piece& piece, std::vector<Piece>& out) {
      Piece prefixed = piece;
      if (m_add_prefix_space && !prefixed.text.starts_with(' ')) {
        prefixed.text.insert(0, 1, ' ');
      }
      if (m_pattern) {
        cut(prefixed, *m_pattern, SplitBehavior::isolated, false, out);
      } else {
        out.push_back(std::move(prefixed));
      }
    });
  }

 private:
  bool m_add_prefix_space;
  std::unique_ptr<Pattern> m_pattern;  // null when use_regex is false
};

class MetaspacePreTokenizer final : public PreTokenizer {
 public:
  MetaspacePreTokenizer(std::string replacement, PrependScheme scheme, bool split)
      : m_replacement(std::move(replacement)),
        m_scheme(scheme),
        m_split(split),
        m_space(make_literal_pattern(" ")),
        m_marker(make_literal_pattern(m_replacement)) {}

  void pre_tokenize(std::vector<Piece>& pieces) const override {
    split_each(pieces, [&](const Piece& piece, std::vector<Piece>& out) {
      Piece replaced{replace_all(*m_space, piece.text, m_replacement), piece.at_start, k_no_rank};
      const bool prepend = m_scheme == PrependScheme::always || (m_scheme == PrependScheme::first && piece.at_start);
      if (prepend && !replaced.text.starts_with(m_replacement)) {
        replaced.text.insert(0, m_replacement);
      }
      if (m_split) {
        cut(replaced, *m_marker, SplitBehavior::merged_with_next, false, out);
      } else {
        out.push_back(std::move(replaced));
      }
    });
  }

 private:
  std::string m_replacement;
  PrependScheme m_scheme;
  bool m_split;
  std::unique_ptr<Pattern> m_space;
  std::unique_ptr<Pattern> m_marker;
};

class SequencePreTokenizer final : public PreTokenizer {
 public:
  explicit SequencePreTokenizer(std::vector<std::unique_ptr<PreTokenizer>> steps) : m_steps(std::move(steps)) {}
  void pre_tokenize(std::vector<Piece>& pieces) const override {
    for (const auto& step : m_steps) {
      step->pre_tokenize(pieces);
    }
  }

 private:
  std::vector<std::unique_ptr<PreTokenizer>> m_steps;
};

bool is_digit_char(char32_t cp) { return is_numeric(cp); }

}  // namespace

std::vector<Match> apply_behavior(const std::vector<Match>& matches, SplitBehavior behavior) {
  std::vector<Match> out;
  bool previous_match = false;
  switch (behavior) {
    case SplitBehavior::isolated:
      return matches;
    case SplitBehavior::removed:
      for (const Match& match : matches) {
        if (!match.is_match) {
          out.push_back(match);
        }
      }
      return out;
    case SplitBehavior::merged_with_previous:
      for (const Match& match : matches) {
        if (match.is_match && !previous_match && !out.empty()) {
          out.back().end = match.end;
        } else {
          out.push_back({match.begin, match.end, false});
        }
        previous_match = match.is_match;
      }
      return out;
    case SplitBehavior::merged_with_next:
      for (auto it = matches.rbegin(); it != matches.rend(); ++it) {
        if (it->is_match && !previous_match && !out.empty()) {
          out.back().begin = it->begin;
        } else {
          out.push_back({it->begin, it->end, false});
        }
        previous_match = it->is_match;
      }
      return {out.rbegin(), out.rend()};
    case SplitBehavior::contiguous:
      for (const Match& match : matches) {
        if (match.is_match == previous_match && !out.empty()) {
          out.back().end = match.end;
        } else {
          out.push_back({match.begin, match.end, false});
        }
        previous_match = match.is_match;
      }
      return out;
  }
  return out;
}

std::unique_ptr<PreTokenizer> make_split(std::unique_ptr<Pattern> pattern, SplitBehavior behavior, bool invert) {
  return std::make_unique<SplitPreTokenizer>(std::move(pattern), behavior, invert);
}

Result<std::unique_ptr<PreTokenizer>> make_byte_level(bool add_prefix_space, bool use_regex) {
  std::unique_ptr<Pattern> pattern;
  if (use_regex) {
    TOKPROF_TRY_ASSIGN(pattern, make_regex_pattern(k_gpt2_pattern));
  }
  return std::unique_ptr<PreTokenizer>(std::make_unique<ByteLevelPreTokenizer>(add_prefix_space, std::move(pattern)));
}

std::unique_ptr<PreTokenizer> make_digits(bool individual) {
  return make_split(make_char_pattern(&is_digit_char),
                    individual ? SplitBehavior::isolated : SplitBehavior::contiguous, false);
}

std::unique_ptr<PreTokenizer> make_metaspace(std::string replacement, PrependScheme scheme, bool split) {
  return std::make_unique<MetaspacePreTokenizer>(std::move(replacement), scheme, split);
}

std::unique_ptr<PreTokenizer> make_punctuation(SplitBehavior behavior) {
  return make_split(make_char_pattern(&is_punctuation), behavior, false);
}

Result<std::unique_ptr<PreTokenizer>> make_whitespace() {
  TOKPROF_TRY_ASSIGN(auto pattern, make_regex_pattern(R"(\w+|[^\w\s]+)"));
  return make_split(std::move(pattern), SplitBehavior::removed, true);
}

std::unique_ptr<PreTokenizer> make_whitespace_split() {
  return make_split(make_char_pattern(&is_white_space), SplitBehavior::removed, false);
}

std::unique_ptr<PreTokenizer> make_sequence_pre_tokenizer(std::vector<std::unique_ptr<PreTokenizer>> steps) {
  return std::make_unique<SequencePreTokenizer>(std::move(steps));
}

}  // namespace tokprof::tokenizer::hf
