#include <doctest/doctest.h>

#include "aggregate/aggregate.hpp"
#include "report/report.hpp"
#include "report/table.hpp"
#include "report/templates.hpp"
#include "report/text.hpp"

using namespace tokprof;
using namespace tokprof::report;

TEST_CASE("report::parse_report_format") {
  CHECK(*parse_report_format("term") == Format::term);
  CHECK(*parse_report_format("markdown") == Format::md);
  CHECK(*parse_report_format("html") == Format::html);
  const auto bad = parse_report_format("pdf");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().kind == ErrorKind::usage);
  CHECK(bad.error().message == "unknown report format \"pdf\" (expected term, md, csv, json or html)");
  CHECK(format_extension(Format::term) == "txt");
  CHECK(format_extension(Format::md) == "md");
}

TEST_CASE("report::format_usd") {
  CHECK(format_usd(2088.4) == "$2,088");
  CHECK(format_usd(1234567.0) == "$1,234,567");
  CHECK(format_usd(12.345) == "$12.35");
  CHECK(format_usd(0.5) == "$0.500");
  CHECK(format_usd(0.0123) == "$0.0123");
  CHECK(format_usd(0.0) == "$0");
  CHECK(format_usd(std::nullopt) == "-");
}

TEST_CASE("report::format numbers") {
  CHECK(format_tokens(58e6) == "58M");
  CHECK(format_tokens(1234) == "1.2k");
  CHECK(format_score(0.625, 3) == "0.625");
  CHECK(format_score(57, 1) == "57.0");
  CHECK(format_percent(0.625) == "62%");  // round half to even
  CHECK(format_integer(-1234) == "-1,234");
  CHECK(format_change(0.69) == "-31%");
  CHECK(format_change(1.124) == "+12%");
  CHECK(format_change(1.0) == "0%");
  CHECK(format_difference(0.0123, 3) == "+0.012");
  CHECK(format_difference(-0.00001, 3) == "0.000");
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(1e-06) == "1e-06");
}

TEST_CASE("report::TextTable") {
  TextTable table;
  table.add_column("Model", Align::left);
  table.add_column("Tokens", Align::right);
  table.add_row({"a|b", "1.2k"});
  table.add_row({"löng name", "58M"});
  CHECK(table.text_lines() == std::vector<std::string>{"Model      Tokens", "---------  ------",
                                                        "a|b          1.2k", "löng name     58M"});
  CHECK(table.markdown() ==
        "| Model | Tokens |\n| --- | ---: |\n| a\\|b | 1.2k |\n| löng name | 58M |\n");
  SUBCASE("control characters from traces cannot break lines or reach the terminal") {
    TextTable hostile;
    hostile.add_column("Model", Align::left);
    hostile.add_row({"two\nlines\x1b[31m"});
    CHECK(hostile.text_lines().back() == "two lines [31m");
    CHECK(printable("a\tb\x7f") == "a b ");
  }
}

TEST_CASE("report::fill_template") {
  CHECK(*fill_template("<{{a}}|{{b}}>", {{"a", "1"}, {"b", "{{a}}"}}) == "<1|{{a}}>");
  CHECK(fill_template("{{nope}}", {}).error().message ==
        "report template: unknown placeholder {{nope}}");
  CHECK_FALSE(fill_template("{{open", {}));
  CHECK(report_html().find("{{content}}") != std::string_view::npos);
  CHECK(report_css().find(".panel") != std::string_view::npos);
}

TEST_CASE("report::render term colour is opt-in") {
  aggregate::Sample sample;
  sample.model = "m";
  sample.sample_id = "1";
  sample.counted_output_tokens = 5;
  sample.score = 0.5;  // not 0/1: gives a warning
  const auto profile = aggregate::build_profile({sample}, {}, aggregate::Options{});
  REQUIRE(profile);
  ReportData data;
  data.profile = *profile;
  const std::string plain = *render(Format::term, data);
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(plain.find("warning: m: scores are not all 0 or 1") != std::string::npos);
  RenderOptions options;
  options.colour = true;
  const std::string coloured = *render(Format::term, data, options);
  CHECK(coloured.find("\x1b[32m*") != std::string::npos);  // frontier row in green
  CHECK(coloured.find("\x1b[33mwarning:\x1b[0m m: scores") != std::string::npos);
}
