#pragma once
// External scores, joined to trace records after reading: per-sample scores
// from judgment files, per-model scores from leaderboards.

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "base/error.hpp"

namespace tokprof::trace {

struct ScoreTable {
  std::map<std::pair<std::string, std::string>, double> per_sample;  // (model, sample id) -> score
  std::map<std::string, double> per_model;                           // model -> score

  // Returns the score of sample `id` of `model`. A model missing under its
  // own name is also looked up without its provider prefix ("openai/gpt-4o"
  // matches "gpt-4o") and the other way round.
  [[nodiscard]] std::optional<double> sample_score(const std::string& model, const std::string& id) const;
  // Returns the score of `model`, with the same name matching.
  [[nodiscard]] std::optional<double> model_score(const std::string& model) const;
  [[nodiscard]] bool empty() const { return per_sample.empty() && per_model.empty(); }
};

// Reads scores from `path`.
// - CSV/TSV: a header row with a model column and a score column (the
//   aliases of summary.hpp, e.g. a leaderboard "model,score,..."); with an
//   id column as well (id, sample_id, question_id, uid, custom_id, doc_id)
//   the rows are per-sample scores, else per-model scores.
// - JSON or JSONL: records whose field names are recognised in each
//   record: model (model, model_id, generator, model_name), id (as above,
//   optional) and score (score, value, correct, accuracy, acc, exact_match,
//   preference, reward). Scores may be numbers, booleans or numeric strings.
// Errors name the file and line: no model or score field, a value that is
// not a number, the same (model, id) scored twice with different values.
[[nodiscard]] Result<ScoreTable> read_scores(const std::string& path);

}  // namespace tokprof::trace
