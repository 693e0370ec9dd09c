#pragma once
// tokprof_tokenizer: text -> token ids, exactly as the reference
// implementations do. Knows nothing about traces.
//
//   auto tok = tokprof::tokenizer::Tokenizer::load("o200k_base");
//   std::size_t n = tok->count(text);            // no allocation per token
//   std::vector<Rank> ids = tok->encode(text);
//   std::string bytes = tok->decode(ids).value();
//
// A Tokenizer is immutable after loading and safe to share between threads.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "token_map.hpp"

namespace tokprof::tokenizer {

// How text that spells a special token ("<|endoftext|>") is treated.
enum class Specials {
  as_text,    // ordinary text, as tiktoken's encode_ordinary (the default)
  recognise,  // the special token's id, as tiktoken's encode(allowed_special="all")
};

// What the encoding/counting engine behind a Tokenizer implements.
class Model {
 public:
  virtual ~Model() = default;
  virtual void encode(std::string_view text, Specials specials, std::vector<Rank>& out) const = 0;
  [[nodiscard]] virtual std::size_t count(std::string_view text, Specials specials) const = 0;
  [[nodiscard]] virtual Result<std::string> decode(std::span<const Rank> ids) const = 0;
  // Returns one more than the highest id, special tokens included.
  [[nodiscard]] virtual std::size_t vocab_size() const = 0;
  // See Tokenizer::last_safe_cut. The default: no cut is known to be safe.
  [[nodiscard]] virtual std::size_t last_safe_cut(std::string_view text) const {
    (void)text;
    return 0;
  }
};

class Tokenizer {
 public:
  Tokenizer(std::string name, std::shared_ptr<const Model> model);

  // Loads a tokenizer by built-in encoding name ("o200k_base"), by
  // Hugging Face tokenizer name ("llama3", "qwen3": hf_tokenizers()), from a
  // Hugging Face `tokenizer.json` path (or a directory holding one), or from
  // a `.tiktoken` file path. A .tiktoken path must say which built-in
  // encoding's split pattern and special tokens it follows: by its file name
  // ("…/p50k_base.tiktoken") or by `like`. Named Hugging Face tokenizers are
  // read from `tokenizer_dir`/<name>/tokenizer.json (default_tokenizer_dir()
  // when empty); a missing one is an Error that gives the command that
  // installs it. Each vocabulary is loaded once per process and shared.
  [[nodiscard]] static Result<Tokenizer> load(std::string_view name_or_path, std::string_view like = {},
                                              std::string_view tokenizer_dir = {});

  // Returns the ids of `text`. Invalid UTF-8 is tokenized as bytes.
  [[nodiscard]] std::vector<Rank> encode(std::string_view text, Specials specials = Specials::as_text) const;
  // Appends the ids of `text` to `out`.
  void encode_into(std::string_view text, std::vector<Rank>& out, Specials specials = Specials::as_text) const;
  // Returns encode(text).size() without building the ids.
  [[nodiscard]] std::size_t count(std::string_view text, Specials specials = Specials::as_text) const;
  // Returns the bytes of `ids`; an id outside the vocabulary is an Error.
  [[nodiscard]] Result<std::string> decode(std::span<const Rank> ids) const;

  // Returns the largest p, 0 < p < text.size(), such that for every text
  // `more` that may follow, count(text + more) == count(text[0, p)) +
  // count(text[p, ...) + more), in both Specials modes; or 0 when the
  // tokenizer knows no such place. Lets a caller count a file of any size
  // in bounded memory, and on several threads. Known for the built-in split
  // patterns (pretokenize.hpp, last_line_cut) and the tokenizer.json files
  // that split with them; other tokenizers return 0.
  [[nodiscard]] std::size_t last_safe_cut(std::string_view text) const { return m_model->last_safe_cut(text); }

  [[nodiscard]] const std::string& name() const { return m_name; }
  [[nodiscard]] std::size_t vocab_size() const { return m_model->vocab_size(); }

 private:
  std::string m_name;
  std::shared_ptr<const Model> m_model;
};

struct EncodingInfo {
  std::string name;
  std::string description;
  bool embedded = false;  // its vocabulary is built into the binary
};

// Lists the built-in tiktoken encodings.
[[nodiscard]] std::vector<EncodingInfo> builtin_encodings();

struct HfTokenizerInfo {
  std::string name;         // "llama3"
  std::string description;  // what it is and where it comes from
  std::string path;         // where tokprof looks for its tokenizer.json
  bool installed = false;   // that file exists
};

// Returns where named Hugging Face tokenizers are installed:
// $TOKPROF_TOKENIZER_DIR, else $XDG_CACHE_HOME/tokprof/tokenizers, else
// $HOME/.cache/tokprof/tokenizers.
[[nodiscard]] std::string default_tokenizer_dir();

// Lists the named Hugging Face tokenizers and whether each is installed in
// `tokenizer_dir` (default_tokenizer_dir() when empty).
[[nodiscard]] std::vector<HfTokenizerInfo> hf_tokenizers(std::string_view tokenizer_dir = {});

}  // namespace tokprof::tokenizer
