#include "parallel.hpp"

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace tokprof {
namespace {

thread_local bool t_pool_thread = false;

// Counts down the jobs of one call; the caller waits for zero.
class Latch {
 public:
  explicit Latch(std::size_t count) : m_count(count) {}

  void count_down() {
    const std::lock_guard lock(m_mutex);
    if (--m_count == 0) {
      m_done.notify_all();
    }
  }

  void wait() {
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [this] { return m_count == 0; });
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_done;
  std::size_t m_count;
};

struct Job {
  const std::function<void()>* work = nullptr;
  Latch* latch = nullptr;
};

// Threads that run jobs from one queue and never end. The pool grows to the
// largest number of jobs ever running or queued at once. It is never destroyed:
// its threads are idle whenever no call is running, and the process may
// end at any time. Calls from several threads at once share it; their jobs
// queue up, and each call waits only for its own.
class Pool {
 public:
  // Runs `work` once on each of `threads` pool threads; waits for all.
  // Every queued job has an idle thread waiting for it, started if need be:
  // a job may block on work it queues itself from another thread (`count`
  // counts files in parallel, each file's batches on further threads), and
  // must not wait behind it.
  void run(std::size_t threads, const std::function<void()>& work) {
    Latch latch(threads);
    {
      const std::lock_guard lock(m_mutex);
      for (std::size_t i = 0; i < threads; ++i) {
        m_jobs.push_back({&work, &latch});
      }
      for (; m_idle < m_jobs.size(); ++m_idle) {
        m_threads.emplace_back([this] { serve(); });
      }
    }
    m_wake.notify_all();
    latch.wait();
  }

  // The process-wide pool. A child process made by fork() has none of its
  // parent's threads, so it starts a pool of its own (the parent's object
  // is left alone: its mutex may have been held at the fork).
  static Pool& instance() {
    static const bool registered = [] {
      pthread_atfork(nullptr, nullptr, [] { current() = new Pool; });
      return true;
    }();
    (void)registered;
    return *current();
  }

 private:
  static Pool*& current() {
    static Pool* pool = new Pool;
    return pool;
  }

  void serve() {
    t_pool_thread = true;
    std::unique_lock lock(m_mutex);
    while (true) {
      m_wake.wait(lock, [this] { return !m_jobs.empty(); });
      const Job job = m_jobs.front();
      m_jobs.pop_front();
      --m_idle;
      lock.unlock();
      (*job.work)();
      job.latch->count_down();
      lock.lock();
      ++m_idle;
    }
  }

  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<Job> m_jobs;
  std::size_t m_idle = 0;  // threads waiting for a job, or about to
  std::vector<std::thread> m_threads;
};

}  // namespace

std::size_t available_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    return std::max(1, CPU_COUNT(&set));
  }
  return std::max(1U, std::thread::hardware_concurrency());
}

void parallel_for(std::size_t count, std::size_t threads, const std::function<void(std::size_t)>& body,
                  std::size_t grain) {
  grain = std::max<std::size_t>(1, grain);
  const std::size_t chunks = (count + grain - 1) / grain;
  threads = std::max<std::size_t>(1, std::min(threads == 0 ? available_cpus() : threads, chunks));
  if (chunks <= 1 || t_pool_thread) {
    for (std::size_t i = 0; i < count; ++i) {
      body(i);
    }
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  const std::function<void()> work = [&] {
    while (!failed.load(std::memory_order_relaxed)) {
      const std::size_t begin = next.fetch_add(grain, std::memory_order_relaxed);
      if (begin >= count) {
        return;
      }
      try {
        for (std::size_t i = begin; i < std::min(count, begin + grain); ++i) {
          body(i);
        }
      } catch (...) {
        const std::lock_guard lock(error_mutex);
        if (!error) {
          error = std::current_exception();
        }
        failed.store(true, std::memory_order_relaxed);
      }
    }
  };
  Pool::instance().run(threads, work);
  if (error) {
    std::rethrow_exception(error);
  }
}

}  // namespace tokprof
