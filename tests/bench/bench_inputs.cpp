#include "bench_inputs.hpp"

#include <array>
#include <random>
#include <string_view>

namespace tokprof::bench {

std::string mixed_text(std::size_t bytes) {
  static constexpr std::array<std::string_view, 12> k_parts = {
      "The quick brown fox jumps over the lazy dog; it's what they'd done before. ",
      "Token efficiency matters: 10,000 tasks x 12 models = 120000 runs.\n",
      "    for (std::size_t i = 0; i < n; ++i) { total += count(piece[i]); }\n",
      "def encode(self, text: str) -> list[int]:\n        return self._core.encode(text)\n",
      "{\"id\": \"chatcmpl-42\", \"choices\": [{\"message\": {\"content\": \"Hello!\"}}], \"usage\": {\"total\": 17}}\n",
      "Привет, как дела? Всё хорошо, спасибо. ",
      "今日は良い天気ですね。東京タワーに行きました。",
      "مرحبا بالعالم، هذا نص تجريبي. ",
      "Ünïcödé naïve café — “quoted” ‘text’ … ",
      "🙂👍🏽 emoji 👨‍👩‍👧 family\n",
      "HTTPServerError: ECONNRESET at /usr/lib/node_modules/npm/lib/cli.js:42:17\n\n",
      "  - item one\n  - item two\r\n\t\tindented\n",
  };
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<std::size_t> pick(0, k_parts.size() - 1);
  std::string text;
  text.reserve(bytes + 128);
  while (text.size() < bytes) {
    text += k_parts[pick(rng)];
  }
  return text;
}

std::string random_base64(std::size_t bytes) {
  static constexpr std::string_view k_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::size_t> pick(0, k_alphabet.size() - 1);
  std::string text(bytes, 'A');
  for (char& c : text) {
    c = k_alphabet[pick(rng)];
  }
  return text;
}

}  // namespace tokprof::bench
