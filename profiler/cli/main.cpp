#include "run.hpp"

#include <cstdlib>  // defines __GLIBC__ under glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

// Keeps glibc's mmap threshold at its initial 128 KiB. By default glibc
// raises it to the size of any mapped block that is freed (up to 32 MiB),
// so once a large temporary (an alignment's sort entries, a batch of
// records) has gone, the next large vectors come from the heap, which
// keeps pages the system would get back from a mapping: the exact profile
// of 1 GB of traces peaked at 334 MB instead of 292 MB, and the peak
// varied from run to run with the order of frees. Does nothing elsewhere.
void keep_mmap_threshold() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

}  // namespace

int main(int argc, char** argv) {
  keep_mmap_threshold();
  return tokprof::cli::run(argc, argv);
}
