#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

#include "base/parallel.hpp"

using tokprof::parallel_for;

TEST_CASE("parallel_for calls the body once for every index") {
  for (const std::size_t count : {0UL, 1UL, 7UL, 1000UL}) {
    for (const std::size_t threads : {0UL, 1UL, 2UL, 5UL}) {
      for (const std::size_t grain : {1UL, 3UL, 64UL}) {
        std::vector<std::atomic<int>> calls(count);
        parallel_for(count, threads, [&](std::size_t i) { calls[i].fetch_add(1); }, grain);
        for (std::size_t i = 0; i < count; ++i) {
          CHECK(calls[i].load() == 1);
        }
      }
    }
  }
}

TEST_CASE("parallel_for rethrows the first exception and starts no further chunks") {
  std::atomic<int> started{0};
  CHECK_THROWS_AS(parallel_for(
                      10000, 2,
                      [&](std::size_t i) {
                        started.fetch_add(1);
                        if (i == 5) {
                          throw std::runtime_error("bad item");
                        }
                        // Slow items: without the stop the loop would take
                        // 0.25 s, far longer than a throw.
                        std::this_thread::sleep_for(std::chrono::microseconds(50));
                      }),
                  std::runtime_error);
  CHECK(started.load() < 10000);
  // The pool is still usable afterwards.
  std::atomic<int> after{0};
  parallel_for(100, 2, [&](std::size_t) { after.fetch_add(1); });
  CHECK(after.load() == 100);
}

TEST_CASE("parallel_for keeps its threads between calls, so per-thread state stays warm") {
  // Each call makes 10 body calls. On threads started per call, a
  // thread_local tally could never pass 10; on a pool of a few threads, 50
  // calls leave some thread with far more.
  thread_local int calls_on_this_thread = 0;
  std::atomic<int> most{0};
  for (int call = 0; call < 50; ++call) {
    parallel_for(10, 2, [&](std::size_t) {
      const int tally = ++calls_on_this_thread;
      int seen = most.load();
      while (tally > seen && !most.compare_exchange_weak(seen, tally)) {
      }
    });
  }
  CHECK(most.load() > 10);
}

TEST_CASE("parallel_for inside a body runs, and a body may wait for a call made on another thread") {
  std::atomic<int> inner{0};
  parallel_for(4, 2, [&](std::size_t) {
    parallel_for(10, 2, [&](std::size_t) { inner.fetch_add(1); });  // nested: runs inline
  });
  CHECK(inner.load() == 40);
  // `count` with several files: each file's body waits for batches counted
  // by a parallel_for started from another thread. Every pool thread is
  // busy waiting, so the pool must start more rather than queue forever.
  std::atomic<int> counted{0};
  parallel_for(3, 3, [&](std::size_t) {
    auto batch = std::async(std::launch::async, [&] {
      parallel_for(8, 2, [&](std::size_t) { counted.fetch_add(1); });
    });
    batch.get();
  });
  CHECK(counted.load() == 24);
}

TEST_CASE("parallel_for may be called from several threads at once") {
  std::atomic<int> total{0};
  std::vector<std::thread> callers;
  for (int t = 0; t < 4; ++t) {
    callers.emplace_back([&] {
      for (int round = 0; round < 20; ++round) {
        parallel_for(50, 2, [&](std::size_t) { total.fetch_add(1); });
      }
    });
  }
  for (std::thread& caller : callers) {
    caller.join();
  }
  CHECK(total.load() == 4 * 20 * 50);
}
