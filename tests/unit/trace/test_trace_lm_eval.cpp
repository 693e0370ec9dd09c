#include <doctest/doctest.h>

#include "test_paths.hpp"
#include "trace/reader.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::read_ok;
using tokprof::test::traces_dir;
using tokprof::test::write_file;

namespace {

const std::string k_dir = (traces_dir() / "lm-eval" / "meta-llama__Llama-3.1-8B-Instruct").string();
const std::string k_gsm8k = k_dir + "/samples_gsm8k_2025-09-14T10-11-12.345678.jsonl";
const std::string k_arc = k_dir + "/samples_arc_easy_2025-09-14T10-11-12.345678.jsonl";

}  // namespace

TEST_CASE("trace::lm_eval samples") {
  SUBCASE("task from the file name, model from results_*.json, one filter") {
    const auto all = read_ok(k_gsm8k);
    CHECK(all.format == Format::lm_eval);
    REQUIRE(all.records.size() == 3);
    CHECK(all.skipped == 3);  // the flexible-extract lines repeat the same documents
    CHECK(all.records[0].task == "gsm8k");
    CHECK(all.records[0].model == "meta-llama/Llama-3.1-8B-Instruct");
    CHECK(all.records[0].sample_id == "0");
    CHECK(all.records[0].output_text == "She has 16 - 3 - 4 = 9 eggs left. 9 * 2 = 18. The answer is 18.");
    CHECK(all.records[0].usage.empty());
    CHECK(all.records[2].score == 0.0);
    REQUIRE(all.warnings.size() == 1);
    CHECK(all.warnings[0].message.starts_with("several filters; reading \"strict-match\""));
  }
  SUBCASE("--scorer METRIC,FILTER picks the filter") {
    ReadOptions options;
    options.scorer = "exact_match,flexible-extract";
    const auto all = read_ok(k_gsm8k, options);
    REQUIRE(all.records.size() == 3);
    CHECK(all.records[2].score == 1.0);
  }
  SUBCASE("loglikelihood tasks: no text; several metrics, the first by default") {
    const auto all = read_ok(k_arc);
    REQUIRE(all.records.size() == 1);
    CHECK(all.records[0].task == "arc_easy");
    CHECK(all.records[0].output_text.empty());
    CHECK(all.records[0].score == 1.0);
    REQUIRE(all.warnings.size() == 1);
    CHECK(all.warnings[0].message == "several metrics; scoring with \"acc\", not acc_norm (pick one with --scorer)");
    ReadOptions options;
    options.scorer = "acc_norm";
    CHECK(read_ok(k_arc, options).records.at(0).score == 0.0);
  }
  SUBCASE("without results_*.json the model is the directory name") {
    const auto all = read_ok(write_file("org__model-7b/samples_my_task_2025-01-02T03-04-05.678901.jsonl",
                                        R"({"doc_id":3,"resps":[["a","b"]],"metrics":["f1"],"f1":0.5})"
                                        "\n"));
    CHECK(all.records.at(0).model == "org/model-7b");
    CHECK(all.records.at(0).task == "my_task");
    CHECK(all.records.at(0).output_text == "a\n\nb");
    CHECK(all.records.at(0).score == 0.5);
  }
  SUBCASE("the results file is skipped") {
    const auto all = read_ok(k_dir + "/results_2025-09-14T10-11-12.345678.json");
    CHECK(all.records.empty());
    CHECK(all.skipped == 1);
  }
}
