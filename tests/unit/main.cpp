// The doctest main of the unit test binary. Each run works in a fresh
// temporary directory so that tests writing files cannot see each other's.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::string pattern = (fs::temp_directory_path() / "tokprof-unit-XXXXXX").string();
  const char* made = ::mkdtemp(pattern.data());
  if (made == nullptr) {
    return 2;
  }
  const fs::path original = fs::current_path();
  fs::current_path(made);
  doctest::Context context(argc, argv);
  const int result = context.run();
  fs::current_path(original);
  std::error_code ignored;
  fs::remove_all(made, ignored);
  return result;
}
