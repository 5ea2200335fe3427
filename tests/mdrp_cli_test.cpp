// `knightsim mdrp-check` as a user meets it: exit codes 0 (valid), 1 (a rule broken) and
// 2 (a file unreadable or ill-formed), the report on stdout, problems on stderr, --json.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "cli_testing.hpp"
#include "mdrp_testing.hpp"

using knightsim::testing::edited;
using knightsim::testing::MdrpInstanceFiles;
using knightsim::testing::MdrpSolutionFiles;
using knightsim::testing::MdrpTempDir;

namespace {

using knightsim::testing::CliResult;
using knightsim::testing::slurp;

/// Runs `knightsim mdrp-check ARGS` in `dir`.
CliResult mdrp_check(const std::string& args, const MdrpTempDir& dir) {
  return knightsim::testing::run_knightsim("mdrp-check " + args, dir.path);
}

/// A scratch directory holding instance/ and solution/.
struct Fixture {
  MdrpTempDir dir;
  Fixture(const MdrpInstanceFiles& instance = {}, const MdrpSolutionFiles& solution = {}) {
    std::filesystem::create_directories(dir.path / "instance");
    std::filesystem::create_directories(dir.path / "solution");
    instance.write(dir.path / "instance");
    solution.write(dir.path / "solution");
  }
};

}  // namespace

TEST_CASE("mdrp-check CLI: a valid solution prints 'valid' and the measures, exit 0") {
  Fixture fixture;
  const CliResult result = mdrp_check("instance solution --json measures.json", fixture.dir);
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.starts_with("valid\n"));
  CHECK(result.out.find("click-to-door") != std::string::npos);
  const std::string json = slurp(fixture.dir.path / "measures.json");
  CHECK(json.find("\"orders\": {\"total\": 4, \"delivered\": 3}") != std::string::npos);
}

TEST_CASE("mdrp-check CLI: an invalid solution lists every violation, exit 1") {
  MdrpSolutionFiles solution;
  solution.assignments = edited(solution.assignments, "c2 o2 o3", "c2 o3 o2");
  solution.orders = edited(solution.orders, "o1 0 10 10 21 c1", "o1 0 10 10 20 c1");
  Fixture fixture({}, solution);
  const CliResult result = mdrp_check("instance solution", fixture.dir);
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("[dropoff_sequence]") != std::string::npos);
  CHECK(result.out.find("[dropoff_service]") != std::string::npos);
  CHECK(result.out.find("invalid: 2 violations") != std::string::npos);
}

TEST_CASE("mdrp-check CLI: ill-formed files give FILE:LINE messages, exit 2") {
  MdrpInstanceFiles instance;
  instance.orders = edited(instance.orders, "o2\t1000\t800", "o2\t1000\tabc");
  MdrpSolutionFiles solution;
  solution.moves = edited(solution.moves, "c2 15 r2", "c2 1x5 r2");
  Fixture fixture(instance, solution);
  const CliResult result = mdrp_check("instance solution", fixture.dir);
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("instance/orders.txt:3:9: y: 'abc' is not a number") != std::string::npos);
  CHECK(result.err.find("solution/solution_info_couriers.txt:5:4: departure_time:") !=
        std::string::npos);
}

TEST_CASE("mdrp-check CLI: usage") {
  Fixture fixture;
  CHECK(mdrp_check("--help", fixture.dir).exit_code == 0);
  CHECK(mdrp_check("instance", fixture.dir).exit_code == 2);
  CHECK(mdrp_check("instance solution --bogus", fixture.dir).exit_code == 2);
  CHECK(mdrp_check("missing solution", fixture.dir).exit_code == 2);
}
