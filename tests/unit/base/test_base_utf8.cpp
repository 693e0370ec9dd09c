#include <doctest/doctest.h>

#include <string>

#include "base/utf8.hpp"

using namespace tokprof;

TEST_CASE("base::utf8::decode") {
  std::size_t length = 0;
  SUBCASE("ascii") {
    CHECK(utf8::decode("a", 0, length) == U'a');
    CHECK(length == 1);
  }
  SUBCASE("four bytes") {
    CHECK(utf8::decode("\xF0\x9F\x98\x80", 0, length) == U'\U0001F600');
    CHECK(length == 4);
  }
  SUBCASE("invalid forms are one invalid byte") {
    for (const std::string_view bad : {"\xC0\x80", "\xE0\x80\x80", "\xED\xA0\x80", "\xF5\x80\x80\x80", "\x80", "\xE2\x82"}) {
      CHECK(utf8::decode(bad, 0, length) == utf8::k_invalid);
      CHECK(length == 1);
    }
  }
}

TEST_CASE("base::utf8::first_invalid") {
  CHECK(utf8::is_valid("plain ascii text that is long enough for the fast path"));
  CHECK(utf8::is_valid("caf\xC3\xA9 \xE4\xB8\xAD"));
  CHECK(utf8::first_invalid("abcdefghij\xFFxyz") == 10);
  CHECK(utf8::first_invalid("ab\xE4\xB8") == 2);
}
