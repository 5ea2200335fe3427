#pragma once
// A tiny hand-made MDRP instance and its hand-computed solution, written to a scratch directory.
// Tests never read ../shared/data.
//
// Speed 100 m/min, pickup and drop-off service 4 min (2 before, 2 after), target 25 min.
//   r1 (0,0), r2 (1000,0); couriers c1 at (0,300) on 0–60, c2 at (1000,500) on 5–60.
//   o1 r1→(300,-600), placed 0, ready 10: c1 leaves its start at 0, reaches r1 at 3 (300 m) and
//      must wait for the ready time: pickup max(3+2, 10) = 10, leaves 12, 670.8 m → 7 min,
//      arrives 19, drop-off 21.
//   o2, o3 r2→(1000,800) and (1000,1500), placed 5 and 6, ready 12 and 8: a bundle for c2,
//      assigned at 6, leaves at 6, reaches r2 at 11 (500 m); pickup max(11+2, 12) = 13,
//      leaves 15, 8 min to o2: arrives 23, drop-off 25, leaves 27, 7 min to o3: arrives 34,
//      drop-off 36.
//   o4 r1→(0,600), placed 50, ready 62: ready after every courier's off_time (60), so nobody
//      can pick it up: undelivered.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "knightsim/mdrp.hpp"
#include "scratch_dir.hpp"

namespace knightsim::testing {

/// A scratch directory per use, removed afterwards.
struct MdrpTempDir : ScratchDir {
  MdrpTempDir() : ScratchDir("mdrp") {}
};

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// The instance files, tab-separated as in the benchmark.
struct MdrpInstanceFiles {
  std::string parameters =
      "meters_per_minute\tpickup service minutes\tdropoff service minutes\ttarget click-to-door\t"
      "maximum click-to-door\tpay per order\tguaranteed pay per hour\n"
      "100\t4\t4\t25\t90\t10\t15\n";
  std::string restaurants =
      "restaurant\tx\ty\n"
      "r1\t0\t0\n"
      "r2\t1000\t0\n";
  std::string orders =
      "order\tx\ty\tplacement_time\trestaurant\tready_time\n"
      "o1\t300\t-600\t0\tr1\t10\n"
      "o2\t1000\t800\t5\tr2\t12\n"
      "o3\t1000\t1500\t6\tr2\t8\n"
      "o4\t0\t600\t50\tr1\t62\n";
  std::string couriers =
      "courier\tx\ty\ton_time\toff_time\n"
      "c1\t0\t300\t0\t60\n"
      "c2\t1000\t500\t5\t60\n";

  void write(const std::filesystem::path& dir) const {
    write_text(dir / "instance_parameters.txt", parameters);
    write_text(dir / "restaurants.txt", restaurants);
    write_text(dir / "orders.txt", orders);
    write_text(dir / "couriers.txt", couriers);
  }
};

/// The hand-computed solution of the header comment, whitespace-separated.
struct MdrpSolutionFiles {
  std::string assignments =
      "assignment_time pickup_time courier orders\n"
      "0 10 c1 o1\n"
      "6 13 c2 o2 o3\n";
  std::string orders =
      "order placement_time ready_time pickup_time dropoff_time courier\n"
      "o1 0 10 10 21 c1\n"
      "o2 5 12 13 25 c2\n"
      "o3 6 8 13 36 c2\n"
      "o4 50 62\n";
  std::string moves =
      "courier departure_time origin destination\n"
      "c1 0 0 r1\n"
      "c1 12 r1 o1\n"
      "c2 6 0 r2\n"
      "c2 15 r2 o2\n"
      "c2 27 o2 o3\n";

  void write(const std::filesystem::path& dir) const {
    write_text(dir / kMdrpAssignmentsFile, assignments);
    write_text(dir / kMdrpOrdersFile, orders);
    write_text(dir / kMdrpCouriersFile, moves);
  }
};

/// `text` with its one occurrence of `from` replaced by `to` (a test's minimal edit).
inline std::string edited(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos || text.find(from, at + 1) != std::string::npos) {
    throw std::logic_error("edited: '" + from + "' must occur exactly once");
  }
  return text.replace(at, from.size(), to);
}

}  // namespace knightsim::testing
