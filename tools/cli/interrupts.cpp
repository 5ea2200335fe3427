#include "interrupts.hpp"

#include <signal.h>
#include <atomic>

namespace knightsim::cli {
namespace {

// Lock-free atomics are async-signal-safe; the handler touches nothing else.
std::atomic<int> interrupts{0};
std::atomic<int> last_signal{0};
std::atomic<bool> terminated{false};
static_assert(std::atomic<int>::is_always_lock_free && std::atomic<bool>::is_always_lock_free);

extern "C" void on_signal(int number) {
  last_signal.store(number);
  if (number == SIGTERM) terminated.store(true);
  interrupts.fetch_add(1);
}

}  // namespace

void install_interrupt_handlers() {
  static std::atomic<bool> installed{false};
  if (installed.exchange(true)) return;
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  // SA_RESTART: a signal must not make a database write or a file read fail with EINTR.
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool stop_requested() {
  return interrupts.load() > 0;
}

bool abandon_requested() {
  return terminated.load() || interrupts.load() > 1;
}

int interrupt_signal() {
  return last_signal.load();
}

}  // namespace knightsim::cli
