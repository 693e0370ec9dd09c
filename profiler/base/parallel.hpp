#pragma once
// A small fork-join helper: run an index loop on N threads and wait.
//
// Work is handed out dynamically, `grain` indices at a time from one atomic
// counter, so that uneven items (documents of very different sizes) keep
// every thread busy to the end. Threads are started per call: a call is meant
// to cover at least milliseconds of work (a batch of records, a corpus), where
// starting a thread (~20 us) does not show. A persistent pool was not worth
// its complexity at that granularity.

#include <cstddef>
#include <functional>

namespace tokprof {

// Returns the number of CPUs this process may run on (at least 1).
[[nodiscard]] std::size_t available_cpus();

// Calls `body(i)` for every i in [0, `count`), on `threads` threads (0 means
// available_cpus(); never more threads than chunks), taking `grain` indices
// at a time. Returns when all calls have returned. `body` must be safe to
// call concurrently for different i. If a call throws, the first exception
// is rethrown here after the others have finished their current chunk, and
// no further chunks are started.
void parallel_for(std::size_t count, std::size_t threads, const std::function<void(std::size_t)>& body,
                  std::size_t grain = 1);

}  // namespace tokprof
