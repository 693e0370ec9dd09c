#pragma once
// Prices from LiteLLM's model_prices_and_context_window.json, and the cost
// of one sample from its canonical usage.
//
// Cost formula (USD; prices are per token; usage is canonical, so cache
// tokens are parts of `input` and reasoning is a part of `output`):
//   uncached = input - cache_read - cache_write            (never below 0)
//   cost = uncached    * input_price
//        + cache_read  * (cache_read_price  or input_price)
//        + cache_write * (cache_write_price or input_price)
//        + output part
//   output part = output * output_price, or, only when the price has
//     output_cost_per_reasoning_token and the usage has `reasoning`,
//     (output - reasoning) * output_price + reasoning * reasoning_price.
// Each cached token is priced exactly once: subtracting the cache parts
// from `input` first is what avoids the double counting that peer tools
// are known for. Without a reported `input` the cost covers output only and
// says so (`output_only`).
//
// Lookup rule for a model name (case-insensitive), first match wins:
//   1. the name itself is a key ("openai/gpt-4o", "gpt-4o");
//   2. the name without its leading provider segments, one at a time
//      ("openrouter/openai/gpt-4o" -> "openai/gpt-4o" -> "gpt-4o");
//   3. a provider-prefixed key whose last segment is the bare name
//      ("gpt-4o" -> "openai/gpt-4o"), if all such keys carry the same
//      prices; keys that disagree make the name ambiguous (no price);
//   4. only if 1-3 find nothing: the same three steps for the name without
//      a date suffix "-YYYY-MM-DD", "-YYYYMMDD" or "@YYYYMMDD"
//      ("gpt-4o-2024-08-06" -> "gpt-4o").

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "sample.hpp"

namespace tokprof::aggregate {

// USD per token for one price key.
struct ModelPrice {
  double input = 0;
  double output = 0;
  std::optional<double> cache_read;   // cache_read_input_token_cost
  std::optional<double> cache_write;  // cache_creation_input_token_cost
  std::optional<double> reasoning;    // output_cost_per_reasoning_token

  bool operator==(const ModelPrice&) const = default;
};

// The result of looking a model name up.
struct PriceMatch {
  std::string key;  // the price key as the file spells it; empty if none
  std::optional<ModelPrice> price;
  std::vector<std::string> ambiguous;  // keys that disagree (rule 3), if any
};

class PriceTable {
 public:
  PriceTable() = default;
  // Creates an empty table whose prices come from `source` (a file name).
  explicit PriceTable(std::string source) : m_source(std::move(source)) {}

  // Adds (or replaces) the price of `key`.
  void add(const std::string& key, const ModelPrice& price);

  // Looks `model` up by the rule in the file comment.
  [[nodiscard]] PriceMatch find(std::string_view model) const;

  [[nodiscard]] const std::string& source() const { return m_source; }
  [[nodiscard]] std::size_t size() const { return m_entries.size(); }
  // Returns how many entries the parser skipped for lacking token prices.
  [[nodiscard]] std::int64_t skipped() const { return m_skipped; }
  void set_skipped(std::int64_t skipped) { m_skipped = skipped; }

 private:
  struct Entry {
    std::string key;  // original spelling
    ModelPrice price;
  };
  [[nodiscard]] PriceMatch find_undated(const std::string& lowered) const;

  std::string m_source;
  std::map<std::string, Entry> m_entries;                       // by lower-cased key
  std::map<std::string, std::vector<std::string>> m_by_segment;  // last segment -> lower-cased keys
  std::int64_t m_skipped = 0;
};

// Parses `json_text`, LiteLLM's model_prices_and_context_window.json, named
// `source_name` in errors. Keeps the five token prices of each entry and
// ignores every other key and the `sample_spec` entry; entries without both
// input_cost_per_token and output_cost_per_token are skipped and counted.
[[nodiscard]] Result<PriceTable> parse_litellm_prices(std::string_view json_text,
                                                      std::string_view source_name);

// The cost of one sample.
struct SampleCost {
  double usd = 0;
  bool output_only = false;  // input was unknown: only output is priced
};

// Returns the cost of `usage` at `price` by the formula in the file comment;
// `fallback_output` is used when `usage` has no output.
[[nodiscard]] SampleCost cost_of_usage(const ModelPrice& price, const ReportedUsage& usage,
                                       std::int64_t fallback_output);

// Returns `name` without a trailing date suffix, or `name` if it has none.
[[nodiscard]] std::string_view strip_date_suffix(std::string_view name);

}  // namespace tokprof::aggregate
