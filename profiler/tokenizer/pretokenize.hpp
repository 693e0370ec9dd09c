#pragma once
// Pre-tokenization: text -> pieces, each of which is then byte-pair encoded
// on its own. The split rules are the encodings' regular expressions.
//
// Text that is not valid UTF-8 is split too: each byte that does not start a
// valid sequence counts as one character that belongs to no Unicode category
// (not a letter, number, mark or space, not \r or \n). Pieces keep their
// original bytes, so nothing is lost and decode(encode(x)) == x.

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace tokprof::tokenizer {

class Splitter {
 public:
  virtual ~Splitter() = default;
  // Replaces the contents of `pieces` with the pieces of `text`, in order.
  // Together they cover `text` exactly. Thread-safe.
  virtual void split(std::string_view text, std::vector<std::string_view>& pieces) const = 0;

  // Replaces the contents of `pieces` with the next pieces of `text` from
  // byte `from` (where a previous call stopped), at most `max_pieces` of
  // them where the splitter can stop early, and returns where the next call
  // starts (text.size() when done). The calls together give exactly the
  // pieces of split(): a match depends only on the text from where it
  // starts, as no pattern looks behind. Lets a caller count a text of any
  // size in bounded memory. The default splits all of `text` in one call.
  virtual std::size_t split_some(std::string_view text, std::size_t from, std::size_t max_pieces,
                                 std::vector<std::string_view>& pieces) const {
    (void)max_pieces;
    pieces.clear();
    if (from == 0) {
      split(text, pieces);
    }
    return text.size();
  }
};

// Rewrites `pattern` (Rust regex / fancy-regex syntax as tiktoken and
// Hugging Face write it) for PCRE2: `\s` and `\S` become Unicode White_Space
// classes, since PCRE2 10.42's `\s` leaves out U+0085 where Rust includes it.
[[nodiscard]] Result<std::string> translate_pattern_for_pcre2(std::string_view pattern);

// Compiles `pattern` with PCRE2 (UTF, UCP, JIT). Matches are pieces; any
// text between matches becomes a piece of its own, so that nothing is ever
// dropped (the built-in patterns match every character, so this never
// changes their output).
[[nodiscard]] Result<std::unique_ptr<Splitter>> make_pcre2_splitter(std::string_view pattern);

// Returns the hand-written splitter for `pattern` when it is, byte for byte,
// one of the built-in tiktoken patterns (o200k_base, cl100k_base,
// r50k/p50k_base) or Qwen2's variant of cl100k_base's, else nullptr. Each
// is exactly the PCRE2 splitter's output where PCRE2 and the reference agree
// on Unicode, and follows the reference (Unicode 16.0) where PCRE2 10.42
// (Unicode 14.0) does not; 3-10x faster.
[[nodiscard]] std::unique_ptr<Splitter> make_builtin_splitter(std::string_view pattern);

// Returns the hand-written splitter for a chain of Isolated splits, the
// first cutting the text with `patterns[0]` and each later one cutting every
// piece of the one before (text between matches a piece too), when there
// is one: a single built-in pattern (make_builtin_splitter) or DeepSeek V3's
// three. Else nullptr.
[[nodiscard]] std::unique_ptr<Splitter> make_builtin_chain_splitter(std::span<const std::string_view> patterns);

// Returns the largest p with 0 < p < text.size() where `text` may be cut for
// any of the built-in patterns and chains (those of
// make_builtin_chain_splitter), or 0 when there is none: text[p-2] is
// printable ASCII other than space, text[p-1] is '\n', text[p] is an ASCII
// letter. Every built-in pattern ends a piece there, and the pieces on
// either side are the same whatever lies beyond the other side: no piece
// takes a '\n' in front of a letter, a lone '\n' after a non-space is a
// piece of its own or the tail of a symbol run ([\r\n]* stops at the letter
// either way), and no pattern looks behind. So the pieces of text[0, p)
// followed by those of text[p, ...) are exactly the pieces of the whole, for
// any text after `text`. DeepSeek V3's chain too: its first two splits cut
// at most before the '\n' (after a digit), never at the letter, and its
// third regex is of the same family: its letter run ([\p{L}\p{M}]+) cannot
// take the '\n' as a prefix, its symbol run ([\p{P}\p{S}]+[\r\n]*) takes
// the '\n' and stops at the letter, its ASCII rule needs a letter right
// after the punctuation, and a lone '\n' is \s*[\r\n]+ by itself.
[[nodiscard]] std::size_t last_line_cut(std::string_view text);

// Returns make_builtin_splitter(`pattern`) when there is one, else
// make_pcre2_splitter(`pattern`).
[[nodiscard]] Result<std::unique_ptr<Splitter>> make_splitter(std::string_view pattern);

}  // namespace tokprof::tokenizer
