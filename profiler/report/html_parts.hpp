#pragma once
// Pieces of the HTML report (html.cpp assembles them).

#include <string>

#include "text.hpp"

namespace tokprof::report {

// Returns the CSS colour of `model`: a fixed palette indexed by the model's
// position in the profile (sorted by name), so each model keeps its colour
// across plots and tables of one report.
[[nodiscard]] std::string model_colour(const Profile& profile, const std::string& model);

// Returns a dot in `model`'s colour followed by its escaped name.
[[nodiscard]] std::string model_cell(const Profile& profile, const std::string& model);

// Returns the panel with the per-model table.
[[nodiscard]] std::string models_panel(const Profile& profile);

// Returns the panel with one block per task: score and a bar of mean output
// tokens per model.
[[nodiscard]] std::string tasks_panel(const Profile& profile);

}  // namespace tokprof::report
