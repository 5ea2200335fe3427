#pragma once
// Fixtures for the results-database tests: a scratch directory, a small sweep, run records, and
// direct SQLite access for building foreign, damaged and older files.

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "knightsim/results_db.hpp"
#include "knightsim/summary.hpp"
#include "knightsim/sweep.hpp"
#include "scratch_dir.hpp"

namespace knightsim::testing {

/// A scratch directory per use, removed afterwards.
struct ResultsTempDir : ScratchDir {
  ResultsTempDir() : ScratchDir("results") {}
};

inline std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

/// The names in a directory, to show that nothing appeared beside a refused file.
inline std::set<std::string> directory_listing(const std::filesystem::path& directory) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    names.insert(entry.path().filename().string());
  }
  return names;
}

/// Runs SQL on a file directly (creating it if absent), outside knightsim's rules.
inline void raw_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  REQUIRE_MESSAGE(rc == SQLITE_OK, message);
}

/// The rows of a query, every value as text ("NULL" for NULL).
inline std::vector<std::vector<std::string>> raw_query(const std::string& path,
                                                       const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  const int prepared = sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
  const std::string message = sqlite3_errmsg(db);
  std::vector<std::vector<std::string>> rows;
  if (prepared == SQLITE_OK) {
    while (sqlite3_step(statement) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < sqlite3_column_count(statement); ++c) {
        const auto* text = sqlite3_column_text(statement, c);
        row.emplace_back(text == nullptr ? "NULL" : reinterpret_cast<const char*>(text));
      }
      rows.push_back(std::move(row));
    }
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  REQUIRE_MESSAGE(prepared == SQLITE_OK, message);
  return rows;
}

/// A 2 × 2 grid over a fleet size and a dispatch strategy, 3 replications.
inline SweepSpec small_sweep(const std::string& id = "fleet-size") {
  SweepSpec sweep;
  sweep.id = id;
  sweep.file = "sweeps/fleet.yaml";
  sweep.base_path = "scenarios/lunch.yaml";
  sweep.base_text = "name: lunch\nduration: 2h\n";
  sweep.mode = SweepMode::grid;
  sweep.parameters = {{"riders.fleets[0].count", {"80", "120"}, 3},
                      {"dispatch.strategy", {"nearest_idle", "batch"}, 4}};
  sweep.replications = 3;
  sweep.master_seed = 42;
  return sweep;
}

/// The settings of point `point` of small_sweep (fleet size varies slowest).
inline std::vector<ScenarioOverride> small_sweep_settings(std::uint32_t point) {
  const SweepSpec sweep = small_sweep();
  return {{sweep.parameters[0].path, sweep.parameters[0].values[point / 2]},
          {sweep.parameters[1].path, sweep.parameters[1].values[point % 2]}};
}

/// A summary with the report's default metrics (and a few others) set from `base`.
inline RunSummary sample_summary(double base) {
  RunSummary summary;
  summary.duration_h = 2.0;
  summary.orders_created = static_cast<std::uint64_t>(base) + 50;
  summary.orders_delivered = static_cast<std::uint64_t>(base);
  summary.on_time_rate = 0.9;
  summary.click_to_door_min.mean = base / 10.0;
  summary.riders_utilization = 0.5;
  summary.riders_earnings_per_hour = 20.0;
  summary.by_category[1].on_time_rate = 0.75;
  summary.dispatch_offers = static_cast<std::uint64_t>(base) + 7;
  return summary;
}

/// An ok run of small_sweep with the scalars of `summary`.
inline RunRecord ok_record(const std::string& sweep_id, std::uint32_t point, std::uint32_t rep,
                           const RunSummary& summary) {
  RunRecord record;
  record.sweep_id = sweep_id;
  record.run = SweepRun{point, rep, 1000 + rep, 0xfedcba9876543210ull + point};
  record.settings = small_sweep_settings(point);
  record.ok = true;
  record.scalars = summary_scalars(summary);
  record.wall_s = 1.25;
  return record;
}

inline RunRecord failed_record(const std::string& sweep_id, std::uint32_t point, std::uint32_t rep,
                               const std::string& error) {
  RunRecord record;
  record.sweep_id = sweep_id;
  record.run = SweepRun{point, rep, 1000 + rep, 0xfedcba9876543210ull + point};
  record.settings = small_sweep_settings(point);
  record.ok = false;
  record.error = error;
  record.wall_s = 0.5;
  return record;
}

}  // namespace knightsim::testing
