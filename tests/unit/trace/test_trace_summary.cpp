#include <doctest/doctest.h>

#include "trace/columns.hpp"
#include "trace/csv.hpp"
#include "trace/reader.hpp"
#include "trace_test_util.hpp"

using namespace tokprof;
using namespace tokprof::trace;
using tokprof::test::write_file;

namespace {

std::string summary_error(const std::string& path) {
  const auto summaries = read_summary_table(path);
  REQUIRE_FALSE(summaries);
  return summaries.error().to_string();
}

}  // namespace

TEST_CASE("trace::read_summary_table") {
  SUBCASE("totals, aliases and suffixes") {
    write_file("aa.csv",
               "Model,Intelligence Index,Output Tokens,Cost to Run\n"
               "Muse Spark,52,58M,\n"
               "GPT-5.4,57,\"120,000,000\",$2088.50\n");
    const auto summaries = read_summary_table("aa.csv");
    REQUIRE(summaries);
    REQUIRE(summaries->size() == 2);
    const ModelSummary& muse = (*summaries)[0];
    CHECK(muse.model == "Muse Spark");
    CHECK(muse.score == 52);
    CHECK(muse.output_tokens == 58e6);
    CHECK_FALSE(muse.output_tokens_per_task);
    CHECK_FALSE(muse.cost_usd);
    CHECK_FALSE(muse.task_count);
    CHECK(muse.where.file == "aa.csv");
    CHECK(muse.where.line == 2);
    CHECK((*summaries)[1].output_tokens == 120e6);
    CHECK((*summaries)[1].cost_usd == doctest::Approx(2088.5));
  }
  SUBCASE("means per task become totals with a task count") {
    write_file("m.csv", "model,score,avg_tokens,cost_per_task,task_count\na,50,662.5,0.01,500\n");
    const auto summaries = read_summary_table("m.csv");
    REQUIRE(summaries);
    const ModelSummary& a = summaries->at(0);
    CHECK(a.output_tokens == doctest::Approx(331250));
    CHECK(a.cost_usd == doctest::Approx(5.0));
    CHECK(a.task_count == 500);
    CHECK_FALSE(a.output_tokens_per_task);
  }
  SUBCASE("means per task stay means without a task count") {
    write_file("lb.csv",
               "model,score,rating_q025,rating_q975,CI,avg_tokens,date\n"
               "gpt-4-turbo-2024-04-09,82.63,80.75,84.6,\"(-1.88, +1.97)\",662.0,2024-07-31\n");
    const auto summaries = read_summary_table("lb.csv");
    REQUIRE(summaries);
    CHECK(summaries->at(0).output_tokens == 662);
    CHECK(summaries->at(0).output_tokens_per_task);
  }
  SUBCASE("JSON, in an array or under \"models\"") {
    write_file("s.json", R"({"models":[{"model":"a","score":1,"tokens":"1.2k","input_tokens":10}]})");
    const auto summaries = read_summary_table("s.json");
    REQUIRE(summaries);
    CHECK(summaries->at(0).output_tokens == 1200);
    CHECK(summaries->at(0).input_tokens == 10);
    write_file("t.json",
               "[\n"
               R"({"name":"b","accuracy":0.5,"output_tokens":7})"
               "\n]");
    CHECK(read_summary_table("t.json").value().at(0).model == "b");
  }
  SUBCASE("TSV") {
    write_file("t.tsv", "model\tscore\ttokens\nx\t1\t2\n");
    CHECK(read_summary_table("t.tsv").value().at(0).output_tokens == 2);
  }
  SUBCASE("errors") {
    write_file("e.csv", "name,tokens\na,1\n");
    CHECK(summary_error("e.csv") ==
          "e.csv: summary table has no score column (looked for score, intelligence_index, index, accuracy, win_rate)");
    write_file("e.csv", "model,score\na,1\n");
    CHECK(summary_error("e.csv") ==
          "e.csv: summary table has no output token column (looked for output_tokens, tokens, avg_tokens, "
          "tokens_per_task, ...)");
    write_file("e.csv", "model,score,tokens\na,high,1\n");
    CHECK(summary_error("e.csv") == "e.csv:2: column \"score\": not a number: \"high\"");
    write_file("e.csv", "model,score,tokens\na,1,1\nb,2,2\na,3,3\n");
    CHECK(summary_error("e.csv") == "e.csv:4: model \"a\" listed twice (first on line 2)");
    write_file("e.csv", "model,score,avg_tokens,cost\na,1,10,5\n");
    CHECK(summary_error("e.csv") ==
          "e.csv:2: column \"cost\" is a total but \"avg_tokens\" is a mean per task, and the row has no task "
          "count to convert");
    write_file("e.csv", "model,score,tokens\n,1,1\n");
    CHECK(summary_error("e.csv") == "e.csv:2: empty model name");
    write_file("e.csv", "model,score,tokens\na,,1\n");
    CHECK(summary_error("e.csv") == "e.csv:2: no score for model \"a\"");
    write_file("e.csv", "model,score,tokens\n");
    CHECK(summary_error("e.csv") == "e.csv: summary table has no rows");
    write_file("e.csv", "model,score,tokens\n\"a,1,1\n");
    CHECK(summary_error("e.csv") == "e.csv:2: unterminated quoted field");
  }
}

TEST_CASE("trace::csv and cell numbers") {
  SUBCASE("quotes, doubled quotes, newlines in quotes, BOM") {
    const auto rows = parse_csv("\xEF\xBB\xBFm,\"a \"\"b\"\"\"\r\n\"x\ny\",2\n\n");
    REQUIRE(rows);
    REQUIRE(rows->size() == 2);
    CHECK(rows->at(0).cells == std::vector<std::string>{"m", "a \"b\""});
    CHECK(rows->at(1).cells == std::vector<std::string>{"x\ny", "2"});
    CHECK(rows->at(1).line == 2);
  }
  SUBCASE("numbers") {
    CHECK(parse_cell_number("58M").value() == 58e6);
    CHECK(parse_cell_number("1.57B").value() == doctest::Approx(1.57e9));
    CHECK(parse_cell_number(" $2,088 ").value() == 2088);
    CHECK(parse_cell_number("0.7").value() == doctest::Approx(0.7));
    CHECK_FALSE(parse_cell_number("").value());
    CHECK(parse_cell_number("n/a").error().message == "not a number: \"n/a\"");
  }
  SUBCASE("column names") {
    CHECK(normalize_column(" Intelligence Index ") == "intelligence_index");
    CHECK(normalize_column("Output-Tokens") == "output_tokens");
  }
}
