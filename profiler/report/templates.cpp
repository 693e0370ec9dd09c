#include "templates.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace tokprof::report {

Result<std::string> fill_template(std::string_view text,
                                  const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = text.find("{{", at);
    out += text.substr(at, open == std::string_view::npos ? std::string_view::npos : open - at);
    if (open == std::string_view::npos) {
      return out;
    }
    const std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return make_error(ErrorKind::invalid, "report template: unterminated {{ placeholder");
    }
    const std::string_view name = text.substr(open + 2, close - open - 2);
    const auto value = std::find_if(values.begin(), values.end(),
                                    [&](const auto& pair) { return pair.first == name; });
    if (value == values.end()) {
      return make_error(ErrorKind::invalid,
                        fmt::format("report template: unknown placeholder {{{{{}}}}}", name));
    }
    out += value->second;
    at = close + 2;
  }
}

}  // namespace tokprof::report
