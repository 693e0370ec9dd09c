#include <doctest/doctest.h>

#include "trace/reader.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::write_file;

namespace {

std::string scores_error(const std::string& path) {
  const auto scores = read_scores(path);
  REQUIRE_FALSE(scores);
  return scores.error().to_string();
}

}  // namespace

TEST_CASE("trace::read_scores") {
  SUBCASE("a leaderboard CSV gives per-model scores") {
    write_file("lb.csv",
               "model,score,rating_q025,rating_q975,CI,avg_tokens,date\n"
               "gpt-4-0314,50.0,50.0,50.0,\"(0.00, 0.00)\",423.0,2024-07-31\n"
               "gemma-2b-it,3.0,2.35,3.56,\"(-0.65, +0.56)\",369.0,2024-07-31\n");
    const auto scores = read_scores("lb.csv");
    REQUIRE(scores);
    CHECK(scores->per_sample.empty());
    CHECK(scores->model_score("gpt-4-0314") == 50.0);
    CHECK(scores->model_score("openai/gpt-4-0314") == 50.0);
    CHECK_FALSE(scores->model_score("gpt-4"));
  }
  SUBCASE("JSONL per-sample scores with detected names") {
    write_file("judge.jsonl", R"({"model_id":"gpt-4o","question_id":"q1","score":1})"
                              "\n"
                              R"({"model_id":"gpt-4o","question_id":"q2","score":"0.5"})"
                              "\n"
                              R"({"model_id":"openai/o3","question_id":"q1","score":true})"
                              "\n"
                              R"({"model_id":"o3","question_id":"q3","score":null})"
                              "\n");
    const auto scores = read_scores("judge.jsonl");
    REQUIRE(scores);
    CHECK(scores->per_sample.size() == 3);
    CHECK(scores->sample_score("gpt-4o", "q2") == 0.5);
    CHECK(scores->sample_score("o3", "q1") == 1.0);
    CHECK(scores->sample_score("openai/gpt-4o", "q1") == 1.0);
    CHECK_FALSE(scores->sample_score("o3", "q3"));
    CHECK_FALSE(scores->sample_score("gpt-4o", "q9"));
  }
  SUBCASE("per-sample CSV, integer ids in JSON") {
    write_file("s.csv", "model,sample_id,correct\na,1,1\na,2,0\n");
    CHECK(read_scores("s.csv").value().sample_score("a", "2") == 0.0);
    write_file("s.json", R"([{"generator":"a","doc_id":7,"exact_match":1.0}])");
    CHECK(read_scores("s.json").value().sample_score("a", "7") == 1.0);
  }
  SUBCASE("errors") {
    write_file("e.jsonl", R"({"model":"a","id":"1","score":"high"})");
    CHECK(scores_error("e.jsonl") == "e.jsonl:1: column \"score\": not a number: \"high\"");
    write_file("e.jsonl", R"({"model":"a","id":"1","score":1})"
                          "\n"
                          R"({"model":"a","id":"1","score":0})"
                          "\n");
    CHECK(scores_error("e.jsonl") ==
          "e.jsonl:2: sample \"1\" of model \"a\" scored twice with different values (1 and 0)");
    write_file("e.jsonl", R"({"model":"a","id":"1"})");
    CHECK(scores_error("e.jsonl") ==
          "e.jsonl:1: score file has no score column (looked for score, value, correct, accuracy, acc, "
          "exact_match, preference, reward, intelligence_index, win_rate)");
    write_file("e.csv", "who,score\na,1\n");
    CHECK(scores_error("e.csv") ==
          "e.csv:2: score file has no model column (looked for model, model_name, name, model_id, generator)");
    write_file("e.csv", "model,score\na,\n");
    CHECK(scores_error("e.csv") == "e.csv: score file holds no scores");
  }
}
