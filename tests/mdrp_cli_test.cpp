// The MDRP commands as a user meets them. mdrp-check: exit codes 0 (valid), 1 (a rule broken)
// and 2 (a file unreadable or ill-formed), the report on stdout, problems on stderr, --json.
// mdrp: solutions mdrp-check accepts for every policy, --json, and exit 2 with nothing written
// for a bad instance or bad usage.
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

// ---------------------------------------------------------------------------------------------
// knightsim mdrp

namespace {

/// Runs `knightsim mdrp ARGS` in `dir`.
CliResult mdrp(const std::string& args, const MdrpTempDir& dir) {
  return knightsim::testing::run_knightsim("mdrp " + args, dir.path);
}

}  // namespace

TEST_CASE("mdrp CLI: each policy writes a solution that mdrp-check accepts, and measures.json") {
  for (const char* policy : {"nearest_idle", "insertion", "batch"}) {
    CAPTURE(policy);
    Fixture fixture;
    std::filesystem::remove_all(fixture.dir.path / "solution");
    const CliResult result =
        mdrp("instance --dispatch " + std::string(policy) + " --out solution", fixture.dir);
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("policy " + std::string(policy)) != std::string::npos);
    CHECK(result.out.find("events") != std::string::npos);
    CHECK(result.out.find("s wall") != std::string::npos);
    CHECK(result.out.find("click-to-door") != std::string::npos);
    const std::string json = slurp(fixture.dir.path / "solution" / "measures.json");
    // o4 is ready after every off_time; the other three are served.
    CHECK(json.find("\"orders\": {\"total\": 4, \"delivered\": 3}") != std::string::npos);

    const CliResult check = mdrp_check("instance solution", fixture.dir);
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.out.starts_with("valid\n"));
  }
}

TEST_CASE("mdrp CLI: --json prints the measures as JSON instead of the table") {
  Fixture fixture;
  const CliResult result =
      mdrp("instance --out out --json --batch-interval 3 --max-bundle 2", fixture.dir);
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.starts_with("{"));
  CHECK(result.out.find("click-to-door") == std::string::npos);
  CHECK(result.out == slurp(fixture.dir.path / "out" / "measures.json"));
}

TEST_CASE("mdrp CLI: a bad instance gives FILE:LINE messages, exit 2, and writes nothing") {
  MdrpInstanceFiles instance;
  instance.orders = edited(instance.orders, "o2\t1000\t800\t5\tr2\t12", "o2\t1000\t800\t5\tr9\t12");
  instance.couriers = edited(instance.couriers, "c2\t1000\t500\t5\t60", "c2\t1000\t500\t5\t5");
  Fixture fixture(instance);
  const CliResult result = mdrp("instance --out out", fixture.dir);
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("instance/orders.txt:3:") != std::string::npos);
  CHECK(result.err.find("instance/couriers.txt:3:") != std::string::npos);
  CHECK(result.out.empty());
  CHECK_FALSE(std::filesystem::exists(fixture.dir.path / "out"));

  const CliResult missing = mdrp("nowhere --out out", fixture.dir);
  CHECK(missing.exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(fixture.dir.path / "out"));
}

TEST_CASE("mdrp CLI: usage errors exit 2 and write nothing") {
  Fixture fixture;
  for (const char* args :
       {"instance --dispatch nearest --out out", "instance --dispatch --out out",
        "instance --batch-interval 0 --out out", "instance --batch-interval x --out out",
        "instance --max-bundle 0 --out out", "instance", "--out out",
        "instance --out out --bogus"}) {
    CAPTURE(args);
    const CliResult result = mdrp(args, fixture.dir);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("Try 'knightsim mdrp --help'") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(fixture.dir.path / "out"));
  }
  const CliResult bad_policy = mdrp("instance --dispatch nearest --out out", fixture.dir);
  CHECK(bad_policy.err.find("nearest_idle|insertion|batch") != std::string::npos);
  CHECK(mdrp("--help", fixture.dir).exit_code == 0);
}
