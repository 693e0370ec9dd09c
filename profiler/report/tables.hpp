#pragma once
// The model and per-task tables that the terminal and Markdown reports
// share, so that both show the same columns in the same order.

#include "table.hpp"
#include "text.hpp"

namespace tokprof::report {

// Returns true if any model in `profile` has a cost.
[[nodiscard]] bool any_cost(const Profile& profile);
// Returns true if any model in `profile` has a hidden-reasoning figure.
[[nodiscard]] bool any_hidden(const Profile& profile);

// Returns the per-model table, rows in models_by_score order. The first
// column marks frontier members: "*" output tokens, "$" cost.
[[nodiscard]] TextTable model_table(const Profile& profile);

// Returns the per-(model, task) table: tasks in order, models by score.
[[nodiscard]] TextTable task_table(const Profile& profile);

// Returns the marker of `model` for the first column of model_table.
[[nodiscard]] std::string frontier_marker(const Profile& profile, const std::string& model);

}  // namespace tokprof::report
