// EventQueue: (time, sequence) order, FIFO ties, lazy cancellation, live size, the clock.
#include "knightsim/event_queue.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

using knightsim::EventHandle;
using knightsim::EventQueue;
using knightsim::SimTime;

// The randomness of these tests comes from std::mt19937_64, whose output the standard fixes,
// so a failure reproduces everywhere and does not depend on knightsim's own Rng.
SimTime random_time(std::mt19937_64& engine, SimTime range) {
  return static_cast<SimTime>(engine() % static_cast<std::uint64_t>(range));
}

template <class Payload>
std::vector<Payload> drain(EventQueue<Payload>& queue) {
  std::vector<Payload> out;
  while (!queue.empty()) out.push_back(queue.pop().payload);
  return out;
}

}  // namespace

TEST_CASE("random pushes pop in time order, ties first-in first-out") {
  std::mt19937_64 engine(1);
  EventQueue<int> queue;
  // Few distinct times among many events, so ties are frequent.
  std::vector<std::pair<SimTime, int>> reference;
  for (int i = 0; i < 2000; ++i) {
    const SimTime time = random_time(engine, 300);
    queue.push(time, i);
    reference.emplace_back(time, i);
  }
  // A stable sort by time is exactly (time, push order).
  std::stable_sort(reference.begin(), reference.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });

  REQUIRE(queue.size() == reference.size());
  for (const auto& [time, payload] : reference) {
    REQUIRE_FALSE(queue.empty());
    const auto entry = queue.pop();
    CHECK(entry.time == time);
    CHECK(entry.payload == payload);
  }
  CHECK(queue.empty());
  CHECK(queue.size() == 0);
}

TEST_CASE("events at the same time come out in push order with rising sequence numbers") {
  EventQueue<int> queue;
  for (int i = 0; i < 50; ++i) {
    queue.push(100, i);
    queue.push(50 + i % 3, -1);  // earlier events interleaved between the ties
  }
  while (queue.peek_time() < 100) queue.pop();
  std::uint64_t last_sequence = 0;
  for (int i = 0; i < 50; ++i) {
    const auto entry = queue.pop();
    CHECK(entry.payload == i);
    CHECK(entry.sequence > last_sequence);
    last_sequence = entry.sequence;
  }
  CHECK(queue.empty());
}

TEST_CASE("cancel removes exactly that event and size counts live entries") {
  EventQueue<int> queue;
  std::vector<EventHandle> handles;
  for (int i = 0; i < 6; ++i) handles.push_back(queue.push(10 * (i + 1), i));
  for (const auto& handle : handles) CHECK(handle.valid());
  CHECK(queue.size() == 6);

  queue.cancel(handles[2]);
  CHECK(queue.size() == 5);
  queue.cancel(handles[2]);  // a second cancel of the same event changes nothing
  CHECK(queue.size() == 5);
  queue.cancel(EventHandle{});  // the invalid handle is ignored
  CHECK(queue.size() == 5);

  CHECK(drain(queue) == std::vector<int>{0, 1, 3, 4, 5});
  CHECK(queue.size() == 0);
}

TEST_CASE("cancelling the top and a middle entry; peek_time skips cancelled entries") {
  EventQueue<int> queue;
  const auto at10 = queue.push(10, 10);
  queue.push(20, 20);
  const auto at30 = queue.push(30, 30);
  queue.push(40, 40);

  queue.cancel(at10);
  queue.cancel(at30);
  CHECK(queue.size() == 2);
  CHECK(queue.peek_time() == 20);
  CHECK(queue.size() == 2);  // peeking discards cancelled entries but not live ones

  auto entry = queue.pop();
  CHECK(entry.time == 20);
  CHECK(entry.payload == 20);
  CHECK(queue.peek_time() == 40);  // 30 was cancelled
  entry = queue.pop();
  CHECK(entry.payload == 40);
  CHECK(queue.empty());
}

TEST_CASE("a queue whose entries are all cancelled is empty") {
  EventQueue<int> queue;
  const auto a = queue.push(5, 1);
  const auto b = queue.push(5, 2);
  queue.cancel(b);
  queue.cancel(a);
  CHECK(queue.size() == 0);
  CHECK(queue.empty());
  // Usable afterwards.
  queue.push(7, 3);
  CHECK_FALSE(queue.empty());
  CHECK(queue.pop().payload == 3);
}

TEST_CASE("now() is the time of the last popped event") {
  EventQueue<int> queue;
  CHECK(queue.now() == 0);
  queue.push(15, 1);
  queue.push(40, 2);
  CHECK(queue.now() == 0);  // pushing does not move the clock
  CHECK(queue.peek_time() == 15);
  CHECK(queue.now() == 0);  // nor does peeking
  queue.pop();
  CHECK(queue.now() == 15);
  queue.pop();
  CHECK(queue.now() == 40);
}

TEST_CASE("interleaved push and pop keep order, including pushes at the current time") {
  EventQueue<int> queue;
  queue.push(10, 1);
  queue.push(20, 3);
  CHECK(queue.pop().payload == 1);
  REQUIRE(queue.now() == 10);

  // Events caused by the event just handled, at the same millisecond, run before later ones
  // and in the order they were scheduled.
  queue.push(10, 2);
  queue.push(10, 22);
  queue.push(15, 25);
  CHECK(queue.pop().payload == 2);
  CHECK(queue.now() == 10);
  CHECK(queue.pop().payload == 22);
  CHECK(queue.pop().payload == 25);
  CHECK(queue.now() == 15);
  queue.push(20, 4);  // same time as a pending event: after it
  CHECK(queue.pop().payload == 3);
  CHECK(queue.pop().payload == 4);
  CHECK(queue.empty());
}

TEST_CASE("move-only payloads are supported") {
  EventQueue<std::unique_ptr<int>> queue;
  queue.push(2, std::make_unique<int>(2));
  queue.push(1, std::make_unique<int>(1));
  auto first = queue.pop();
  REQUIRE(first.payload != nullptr);
  CHECK(*first.payload == 1);
  CHECK(*queue.pop().payload == 2);
}

TEST_CASE("a large random workload matches a std::multimap reference") {
  // std::multimap keeps equal keys in insertion order, so it is (time, push order) by
  // construction: an independent model of the queue's contract.
  std::mt19937_64 engine(20260617);
  EventQueue<int> queue;
  std::multimap<SimTime, int> reference;
  std::unordered_map<int, std::pair<EventHandle, std::multimap<SimTime, int>::iterator>> pending;
  std::vector<int> pending_ids;  // for picking a random pending event to cancel
  int next_id = 0;
  int pops = 0, cancels = 0;

  auto forget = [&](int id) {
    pending.erase(id);
    pending_ids.erase(std::find(pending_ids.begin(), pending_ids.end(), id));
  };

  for (int step = 0; step < 20000; ++step) {
    const auto action = engine() % 10;
    if (action < 5 || reference.empty()) {
      // Mostly near the current time, so equal times and pushes at now() are common.
      const SimTime time = queue.now() + random_time(engine, action == 0 ? 1 : 50);
      const int id = next_id++;
      const EventHandle handle = queue.push(time, id);
      pending.emplace(id, std::make_pair(handle, reference.emplace(time, id)));
      pending_ids.push_back(id);
    } else if (action < 8) {
      REQUIRE_FALSE(queue.empty());
      CHECK(queue.peek_time() == reference.begin()->first);
      const auto entry = queue.pop();
      REQUIRE(entry.time == reference.begin()->first);
      REQUIRE(entry.payload == reference.begin()->second);
      reference.erase(reference.begin());
      forget(entry.payload);
      ++pops;
    } else {
      const int id = pending_ids[engine() % pending_ids.size()];
      const auto [handle, it] = pending.at(id);
      queue.cancel(handle);
      reference.erase(it);
      forget(id);
      ++cancels;
    }
    REQUIRE(queue.size() == reference.size());
  }
  // The workload exercised every operation.
  CHECK(pops > 1000);
  CHECK(cancels > 1000);
  for (const auto& [time, payload] : reference) {
    const auto entry = queue.pop();
    CHECK(entry.time == time);
    CHECK(entry.payload == payload);
  }
  CHECK(queue.empty());
}
