#pragma once

#include <string_view>

namespace tokprof::cli {

// The version printed by `tokprof version` and written into reports.
inline constexpr std::string_view k_tokprof_version = "0.1.0";

}  // namespace tokprof::cli
