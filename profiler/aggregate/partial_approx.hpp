#pragma once
// The JSON of approximate sums (approx.hpp) inside a partial profile of
// schema "tokprof.partial.approx/1" (partial.hpp, docs/scaling.md).
// Internal to aggregate: partial.cpp writes and reads the rest of the
// document.

#include <nlohmann/json.hpp>

#include "approx.hpp"

namespace tokprof::aggregate {

// Adds the keys "quantiles", "group_columns", "cells" and "model_counting"
// of `sums` to `doc`.
void add_approx_json(const ApproxSums& sums, nlohmann::ordered_json& doc);

// Reads them back; throws std::exception on a malformed or unknown layout.
[[nodiscard]] ApproxSums parse_approx_json(const nlohmann::ordered_json& doc);

}  // namespace tokprof::aggregate
