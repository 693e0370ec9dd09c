#include "signals.hpp"

#include <array>
#include <atomic>
#include <cstring>

#include <fmt/format.h>
#include <unistd.h>

#include "run.hpp"

namespace tokprof::cli {
namespace {

// Lock-free atomics are async-signal-safe to read and write; the paths are
// copied into fixed buffers so the handler never touches the heap.
constexpr std::size_t k_slots = 4;
constexpr std::size_t k_path_max = 4096;

std::atomic<int> g_signal{0};
std::array<std::atomic<bool>, k_slots> g_slot_used{};
std::array<std::array<char, k_path_max>, k_slots> g_slot_path{};

extern "C" void on_signal(int signal) {
  int expected = 0;
  if (g_signal.compare_exchange_strong(expected, signal)) {
    return;  // the first one: the pipeline notices and stops
  }
  for (std::size_t i = 0; i < k_slots; ++i) {
    if (g_slot_used[i].load()) {
      ::unlink(g_slot_path[i].data());
    }
  }
  ::_exit(k_exit_interrupted);
}

}  // namespace

void install_signal_handlers() {
  static_assert(std::atomic<int>::is_always_lock_free && std::atomic<bool>::is_always_lock_free);
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  // Without SA_RESTART a blocked read returns EINTR; the readers retry it,
  // so the flag is seen at the next record either way.
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int interrupting_signal() {
  return g_signal.load();
}

Result<void> check_interrupted() {
  const int signal = g_signal.load();
  if (signal == 0) {
    return {};
  }
  return make_error(ErrorKind::interrupted,
                    fmt::format("interrupted by {}: no report was written", signal == SIGINT ? "SIGINT" : "SIGTERM"));
}

TemporaryFileGuard::TemporaryFileGuard(const std::string& path) {
  if (path.size() >= k_path_max) {
    return;
  }
  for (std::size_t i = 0; i < k_slots; ++i) {
    if (!g_slot_used[i].load()) {
      std::memcpy(g_slot_path[i].data(), path.c_str(), path.size() + 1);
      g_slot_used[i].store(true);
      m_slot = static_cast<int>(i);
      return;
    }
  }
}

TemporaryFileGuard::~TemporaryFileGuard() {
  if (m_slot >= 0) {
    g_slot_used[static_cast<std::size_t>(m_slot)].store(false);
  }
}

}  // namespace tokprof::cli
