// A main for the fuzz targets when libFuzzer is not there (g++ builds, CI):
// runs LLVMFuzzerTestOneInput once on every file named on the command line,
// or found under a directory named there, in sorted order. An invariant that
// breaks aborts, so ctest sees a failure; on success it prints how many
// inputs ran. The same idea as fmt's FMT_FUZZ_LINKMAIN, written for tokprof.
//
// usage: fuzz_TARGET_replay PATH...

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::filesystem::path> inputs_of(const std::filesystem::path& path) {
  std::vector<std::filesystem::path> out;
  if (!std::filesystem::is_directory(path)) {
    out.push_back(path);
    return out;
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
    if (entry.is_regular_file()) {
      out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t runs = 0;
  for (int i = 1; i < argc; ++i) {
    for (const auto& input : inputs_of(argv[i])) {
      std::ifstream file(input, std::ios::binary);
      if (!file) {
        std::fprintf(stderr, "replay: cannot read %s\n", input.c_str());
        return 1;
      }
      const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
      // One line before each input, so that a crash names the input.
      std::fprintf(stderr, "replay: %s\n", input.c_str());
      // A copy in its own allocation, so that ASan catches reads past the end.
      std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
      LLVMFuzzerTestOneInput(data.data(), data.size());
      ++runs;
    }
  }
  std::printf("replayed %zu inputs\n", runs);
  return runs == 0 ? 1 : 0;
}
