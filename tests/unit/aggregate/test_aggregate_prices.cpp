#include <doctest/doctest.h>

#include "aggregate/prices.hpp"

using namespace tokprof::aggregate;

namespace {

// A trimmed copy of LiteLLM's layout: sample_spec, extra keys, a non-token
// entry, and string-valued prices as some hand-edited files have.
constexpr const char* k_prices = R"({
  "sample_spec": {"input_cost_per_token": 0, "output_cost_per_token": 0, "mode": "chat"},
  "gpt-4o": {"input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05,
             "cache_read_input_token_cost": 1.25e-06, "litellm_provider": "openai",
             "max_tokens": 16384, "supports_vision": true},
  "gpt-4o-2024-05-13": {"input_cost_per_token": 5e-06, "output_cost_per_token": 1.5e-05},
  "claude-sonnet-4-20250514": {"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
             "cache_read_input_token_cost": 3e-07, "cache_creation_input_token_cost": 3.75e-06},
  "gemini/gemini-2.5-pro": {"input_cost_per_token": "1.25e-06", "output_cost_per_token": 1e-05},
  "azure/shared-name": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
  "bedrock/shared-name": {"input_cost_per_token": 1e-06, "output_cost_per_token": 3e-06},
  "vertex_ai/same-price": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
  "bedrock/same-price": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
  "dall-e-3": {"output_cost_per_image": 0.04, "mode": "image_generation"}
})";

PriceTable table() {
  auto parsed = parse_litellm_prices(k_prices, "prices.json");
  REQUIRE(parsed);
  return *parsed;
}

}  // namespace

TEST_CASE("aggregate::parse_litellm_prices") {
  const PriceTable prices = table();
  CHECK(prices.source() == "prices.json");
  CHECK(prices.size() == 8);     // sample_spec ignored
  CHECK(prices.skipped() == 1);  // dall-e-3 has no token prices
  const ModelPrice claude = *prices.find("claude-sonnet-4-20250514").price;
  CHECK(claude.input == 3e-06);
  CHECK(claude.cache_read == 3e-07);
  CHECK(claude.cache_write == 3.75e-06);
  CHECK_FALSE(claude.reasoning);
  CHECK(prices.find("gemini/gemini-2.5-pro").price->input == 1.25e-06);

  SUBCASE("errors name the file and line") {
    const auto broken = parse_litellm_prices("{\n  \"a\": {\n  oops\n}", "p.json");
    REQUIRE_FALSE(broken);
    CHECK(broken.error().file == "p.json");
    CHECK(broken.error().line == 3);
    const auto not_object = parse_litellm_prices("[]", "p.json");
    REQUIRE_FALSE(not_object);
    CHECK(not_object.error().message ==
          "a LiteLLM price file must be a JSON object keyed by model");
    const auto bad_value =
        parse_litellm_prices(R"({"m": {"input_cost_per_token": "cheap"}})", "p.json");
    REQUIRE_FALSE(bad_value);
    CHECK(bad_value.error().message == "\"m\": input_cost_per_token is not a price: \"cheap\"");
    // Beyond a double's range: nlohmann throws out_of_range, not parse_error.
    const auto overflow = parse_litellm_prices(R"({"m": {"output_cost_per_token": 1e400}})", "p.json");
    REQUIRE_FALSE(overflow);
    CHECK(overflow.error().kind == tokprof::ErrorKind::parse);
    CHECK(overflow.error().file == "p.json");
    CHECK(overflow.error().message.find("invalid price file") == 0);
  }
}

TEST_CASE("aggregate::PriceTable::find") {
  const PriceTable prices = table();
  SUBCASE("exact, case-insensitive") {
    CHECK(prices.find("gpt-4o").key == "gpt-4o");
    CHECK(prices.find("GPT-4o").key == "gpt-4o");
  }
  SUBCASE("provider prefixes are dropped from the name") {
    CHECK(prices.find("openai/gpt-4o").key == "gpt-4o");
    CHECK(prices.find("openrouter/openai/gpt-4o").key == "gpt-4o");
  }
  SUBCASE("a bare name finds a prefixed key") {
    CHECK(prices.find("gemini-2.5-pro").key == "gemini/gemini-2.5-pro");
  }
  SUBCASE("prefixed keys that disagree make a bare name ambiguous") {
    const PriceMatch match = prices.find("shared-name");
    CHECK_FALSE(match.price);
    CHECK(match.ambiguous == std::vector<std::string>{"azure/shared-name", "bedrock/shared-name"});
    CHECK(prices.find("azure/shared-name").key == "azure/shared-name");
  }
  SUBCASE("prefixed keys that agree give the first key") {
    CHECK(prices.find("same-price").key == "bedrock/same-price");
  }
  SUBCASE("a dated name falls back to the undated key only without an exact key") {
    CHECK(prices.find("gpt-4o-2024-08-06").key == "gpt-4o");
    CHECK(prices.find("gpt-4o-2024-05-13").key == "gpt-4o-2024-05-13");
    CHECK(prices.find("openai/gpt-4o-2024-11-20").key == "gpt-4o");
  }
  SUBCASE("unknown models have no price") {
    const PriceMatch match = prices.find("my-local-model");
    CHECK(match.key.empty());
    CHECK_FALSE(match.price);
    CHECK(match.ambiguous.empty());
  }
}

TEST_CASE("aggregate::strip_date_suffix") {
  CHECK(strip_date_suffix("gpt-4o-2024-08-06") == "gpt-4o");
  CHECK(strip_date_suffix("claude-3-5-sonnet-20241022") == "claude-3-5-sonnet");
  CHECK(strip_date_suffix("claude-sonnet-4@20250514") == "claude-sonnet-4");
  CHECK(strip_date_suffix("gpt-4o") == "gpt-4o");
  CHECK(strip_date_suffix("model-123") == "model-123");
  CHECK(strip_date_suffix("-20241022") == "-20241022");  // nothing would be left
}

TEST_CASE("aggregate::cost_of_usage") {
  SUBCASE("OpenAI-like: cached tokens are a part of input, priced once") {
    // prompt_tokens 1000 of which cached_tokens 400; completion_tokens 200.
    // By hand: 600 x 2.5e-6 + 400 x 1.25e-6 + 200 x 1e-5
    //        = 0.0015 + 0.0005 + 0.002 = 0.004 USD
    // (pricing all 1000 input tokens and the 400 cached ones again would
    // give 0.0055: the double count peer tools are known for).
    const ModelPrice gpt4o{2.5e-06, 1e-05, 1.25e-06, std::nullopt, std::nullopt};
    ReportedUsage usage;
    usage.input = 1000;
    usage.cache_read = 400;
    usage.output = 200;
    const SampleCost cost = cost_of_usage(gpt4o, usage, 0);
    CHECK(cost.usd == doctest::Approx(0.004));
    CHECK_FALSE(cost.output_only);
  }
  SUBCASE("Anthropic-like: cache reads and writes at their own prices") {
    // Anthropic reports input_tokens 50 (uncached), cache_read_input_tokens
    // 1000, cache_creation_input_tokens 200, output_tokens 500; the reader
    // makes input canonical: 50 + 1000 + 200 = 1250. By hand:
    //   50 x 3e-6 + 1000 x 3e-7 + 200 x 3.75e-6 + 500 x 1.5e-5
    //   = 0.00015 + 0.0003 + 0.00075 + 0.0075 = 0.0087 USD
    const ModelPrice sonnet{3e-06, 1.5e-05, 3e-07, 3.75e-06, std::nullopt};
    ReportedUsage usage;
    usage.input = 1250;
    usage.cache_read = 1000;
    usage.cache_write = 200;
    usage.output = 500;
    CHECK(cost_of_usage(sonnet, usage, 0).usd == doctest::Approx(0.0087));
  }
  SUBCASE("cache prices fall back to the input price") {
    const ModelPrice plain{1e-06, 2e-06, std::nullopt, std::nullopt, std::nullopt};
    ReportedUsage usage;
    usage.input = 100;
    usage.cache_read = 30;
    usage.cache_write = 20;
    usage.output = 10;
    CHECK(cost_of_usage(plain, usage, 0).usd == doctest::Approx(100 * 1e-06 + 10 * 2e-06));
  }
  SUBCASE("reasoning at its own price only when the price file has one") {
    ReportedUsage usage;
    usage.input = 0;
    usage.output = 300;
    usage.reasoning = 100;
    const ModelPrice with{0, 1e-05, std::nullopt, std::nullopt, 2e-05};
    const ModelPrice without{0, 1e-05, std::nullopt, std::nullopt, std::nullopt};
    CHECK(cost_of_usage(with, usage, 0).usd == doctest::Approx(200 * 1e-05 + 100 * 2e-05));
    CHECK(cost_of_usage(without, usage, 0).usd == doctest::Approx(300 * 1e-05));
  }
  SUBCASE("no reported usage: counted output only, flagged") {
    const ModelPrice price{1e-06, 2e-06, std::nullopt, std::nullopt, std::nullopt};
    const SampleCost cost = cost_of_usage(price, ReportedUsage{}, 1000);
    CHECK(cost.usd == doctest::Approx(0.002));
    CHECK(cost.output_only);
  }
}
