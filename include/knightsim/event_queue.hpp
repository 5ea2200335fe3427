#pragma once
/// The future event list of a discrete-event simulation.
///
/// Events are ordered by (time, sequence number): the sequence number is assigned at push, so
/// events at the same millisecond come out first-in first-out and every run is reproducible.
/// Cancellation is lazy: cancel() only records the handle, and the entry is discarded when it
/// reaches the top. Time never goes back: pushing into the past or popping out of order is a
/// programming error and asserts.
///
// clang-format off
/// Costs, with n entries in the queue (cancelled ones included until they surface):
///
/// | operation | cost               | note                                                  |
/// |-----------|--------------------|-------------------------------------------------------|
/// | push      | O(log n)           | binary heap in one contiguous vector                  |
/// | pop       | O(log n) amortised | plus O(log n) per cancelled entry skipped             |
/// | cancel    | O(1) expected      | hash-set insert; memory held until the entry surfaces |
/// | peek_time | O(1) amortised     | may discard cancelled entries at the top              |
/// | size      | O(1)               | counts live entries only                              |
///
// clang-format on
/// A binary heap beats a calendar queue or a balanced tree here: queue sizes are in the tens
/// of thousands (one or two pending events per rider and order), where the heap's cache
/// behaviour wins, and it needs no tuning of bucket widths to the event-time distribution.

#include <cassert>
#include <cstdint>
#include <unordered_set>
#include <utility>
#include <vector>

#include "knightsim/sim_time.hpp"

namespace knightsim {

/// Identifies a pushed event so it can be cancelled. Default-constructed handles are invalid.
struct EventHandle {
  std::uint64_t sequence = 0;  ///< 0 = no event
  bool valid() const { return sequence != 0; }
};

template <class Payload>
class EventQueue {
 public:
  struct Entry {
    SimTime time;
    std::uint64_t sequence;
    Payload payload;
  };

  /// Schedules `payload` at `time`, which must not be before the last popped time.
  EventHandle push(SimTime time, Payload payload) {
    assert(time >= now_ && "event scheduled in the past");
    const std::uint64_t sequence = next_sequence_++;
    heap_.push_back(Entry{time, sequence, std::move(payload)});
    sift_up(heap_.size() - 1);
    ++live_;
    return EventHandle{sequence};
  }

  /// Cancels a pending event. The handle must name an event that is still pending (pushed,
  /// not yet popped, not yet cancelled): holders clear their handle when the event runs.
  /// Cancelling the same handle twice is harmless; cancelling one whose event already ran is a
  /// programming error (it would corrupt size()).
  void cancel(EventHandle handle) {
    if (!handle.valid()) return;
    if (cancelled_.insert(handle.sequence).second) {
      assert(live_ > 0 && "cancelled an event that is not pending");
      --live_;
    }
  }

  bool empty() { return drop_cancelled_top(), heap_.empty(); }
  std::size_t size() const { return live_; }

  /// Time of the next live event; the queue must not be empty.
  SimTime peek_time() {
    drop_cancelled_top();
    assert(!heap_.empty());
    return heap_.front().time;
  }

  /// Removes and returns the next live event; the queue must not be empty.
  Entry pop() {
    drop_cancelled_top();
    assert(!heap_.empty());
    Entry top = std::move(heap_.front());
    remove_top();
    assert(top.time >= now_ && "event queue went back in time");
    now_ = top.time;
    --live_;
    return top;
  }

  /// Time of the last popped event.
  SimTime now() const { return now_; }

 private:
  static bool before(const Entry& a, const Entry& b) {
    return a.time != b.time ? a.time < b.time : a.sequence < b.sequence;
  }

  void drop_cancelled_top() {
    while (!cancelled_.empty() && !heap_.empty()) {
      auto it = cancelled_.find(heap_.front().sequence);
      if (it == cancelled_.end()) return;
      cancelled_.erase(it);
      remove_top();
    }
  }

  void remove_top() {
    if (heap_.size() > 1) heap_.front() = std::move(heap_.back());
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
  }

  void sift_up(std::size_t i) {
    Entry moving = std::move(heap_[i]);
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!before(moving, heap_[parent])) break;
      heap_[i] = std::move(heap_[parent]);
      i = parent;
    }
    heap_[i] = std::move(moving);
  }

  void sift_down(std::size_t i) {
    const std::size_t n = heap_.size();
    Entry moving = std::move(heap_[i]);
    while (true) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
      if (!before(heap_[child], moving)) break;
      heap_[i] = std::move(heap_[child]);
      i = child;
    }
    heap_[i] = std::move(moving);
  }

  std::vector<Entry> heap_;
  std::unordered_set<std::uint64_t> cancelled_;
  std::uint64_t next_sequence_ = 1;
  std::size_t live_ = 0;
  SimTime now_ = 0;
};

}  // namespace knightsim
