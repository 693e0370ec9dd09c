#pragma once
// The report templates of reports/templates/, embedded into the binary at
// build time by embed.cmake (templates.cpp is generated).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.hpp"

namespace tokprof::report {

// Returns reports/templates/report.html: the page skeleton with {{name}}
// placeholders.
[[nodiscard]] std::string_view report_html();
// Returns reports/templates/report.css.
[[nodiscard]] std::string_view report_css();

// Replaces every "{{name}}" in `text` by the value paired with `name` in
// `values`. An unknown or unterminated placeholder is an error, so a typo in
// a template fails the golden tests instead of shipping.
[[nodiscard]] Result<std::string> fill_template(
    std::string_view text, const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace tokprof::report
