#include <doctest/doctest.h>

#include <string>

#include <simdjson.h>

#include "trace/json_path.hpp"

using namespace tokprof::trace;

namespace {

// The raw JSON text at `value`, or "absent".
std::string at(const std::optional<simdjson::dom::element>& value) {
  return value ? simdjson::minify(*value) : "absent";
}

}  // namespace

TEST_CASE("trace::resolve_dotted walks keys and array indices in place") {
  simdjson::dom::parser parser;
  const simdjson::dom::element root =
      parser.parse(std::string(R"({"a":{"b":[10,{"c":"x"},30]},"m":[1,2,3],"n":null,"o":{"0":"zero"},"e":[]})"));
  CHECK(at(resolve_dotted(root, "a.b[1].c")) == R"("x")");
  CHECK(at(resolve_dotted(root, "a.b[0]")) == "10");
  CHECK(at(resolve_dotted(root, "m[-1]")) == "3");            // from the end
  CHECK(at(resolve_dotted(root, "m[-3]")) == "1");
  CHECK(at(resolve_dotted(root, "o.0")) == R"("zero")");     // an integer key of an object is a key
  CHECK(at(resolve_dotted(root, "a")) == R"({"b":[10,{"c":"x"},30]})");
  CHECK(at(resolve_dotted(root, "")) == at(root));           // no step: the record itself
  SUBCASE("missing, out of range and null are all absent") {
    CHECK(at(resolve_dotted(root, "a.z")) == "absent");
    CHECK(at(resolve_dotted(root, "m[3]")) == "absent");
    CHECK(at(resolve_dotted(root, "m[-4]")) == "absent");
    CHECK(at(resolve_dotted(root, "e[0]")) == "absent");
    CHECK(at(resolve_dotted(root, "m.x")) == "absent");      // a key into an array
    CHECK(at(resolve_dotted(root, "a.b[1].c.d")) == "absent");  // a step into a string
    CHECK(at(resolve_dotted(root, "n")) == "absent");
    CHECK(at(resolve_dotted(root, "m[01]")) == "absent");    // not an index: no leading zeros
  }
  SUBCASE("the same values as the JSON pointer of the same path") {
    for (const auto& [dotted, pointer] : {std::pair{"a.b[1].c", "/a/b/1/c"}, std::pair{"m[-1]", "/m/-1"},
                                          std::pair{"o.0", "/o/0"}, std::pair{"a.z", "/a/z"},
                                          std::pair{"n", "/n"}}) {
      CAPTURE(dotted);
      const auto path = parse_pointer(pointer);
      REQUIRE(path);
      CHECK(at(resolve_dotted(root, dotted)) == at(resolve(root, *path)));
    }
  }
}
