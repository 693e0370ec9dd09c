#include <doctest/doctest.h>

#include "aggregate/aggregate.hpp"
#include "report/report.hpp"

using namespace tokprof;
using namespace tokprof::report;

namespace {

aggregate::Sample make_sample(const std::string& model, const std::string& task) {
  aggregate::Sample s;
  s.model = model;
  s.task = task;
  s.sample_id = "1";
  s.counted_output_tokens = 10;
  s.score = 1;
  s.tokenizer = "o200k_base";
  s.tokenizer_exact = true;
  return s;
}

std::vector<std::string> records(const std::string& csv) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < csv.size()) {
    const std::size_t end = csv.find("\r\n", at);
    out.push_back(csv.substr(at, end - at));
    at = end + 2;
  }
  return out;
}

}  // namespace

TEST_CASE("report::render csv quotes by RFC 4180") {
  // A name with a comma and quotes, a task with a line break.
  const auto profile = aggregate::build_profile(
      {make_sample("acme \"fast\", v2", "multi\nline")}, {}, aggregate::Options{});
  REQUIRE(profile);
  ReportData data;
  data.profile = *profile;
  const std::string csv = *render(Format::csv, data);
  CHECK(csv.substr(csv.size() - 2) == "\r\n");
  const auto rows = records(csv);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].rfind("level,model,task,samples,", 0) == 0);
  CHECK(rows[1].rfind("model,\"acme \"\"fast\"\", v2\",,1,1,1,1,counted,10,", 0) == 0);
  CHECK(rows[2].rfind("task,\"acme \"\"fast\"\", v2\",\"multi\nline\",1,", 0) == 0);
  // frontier: tokens yes, no cost; then 15 empty uncertainty cells (no bootstrap).
  CHECK(rows[1].substr(rows[1].size() - 19) == ",1,,," + std::string(14, ','));
}
