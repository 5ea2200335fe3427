// RunRecord as bytes between MPI ranks: a round trip keeps every field exactly, and anything
// that is not one whole record is refused.
#include "knightsim/run_record_wire.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

using namespace knightsim;

namespace {

// Bytes a line-based or C-string format would mangle: a tab, a newline and a NUL.
constexpr char kAwkwardValue[] = "tab\tnew\nline nul\0byte";

RunRecord sample() {
  RunRecord record;
  record.sweep_id = "fleet-vs-interval";
  record.run = {7, 3, (std::uint64_t{1} << 63) - 1, 0x0123456789abcdefULL};
  record.settings = {{"riders.fleets[*].pay.per_order", "7.5"},
                     {"weather.timeline", "[{at: \"12:00\", state: rain}]"},
                     {"name", std::string(kAwkwardValue, sizeof kAwkwardValue - 1)}};
  record.ok = true;
  record.scalars = {{"orders.delivered", 2110.0},
                    {"on_time_rate", 0.1 + 0.2},  // not exactly 0.3: bits must survive
                    {"tiny", std::numeric_limits<double>::denorm_min()},
                    {"negative", -1.5e300}};
  record.wall_s = 0.123456789;
  return record;
}

void check_same(const RunRecord& a, const RunRecord& b) {
  CHECK(a.sweep_id == b.sweep_id);
  CHECK(a.run.point == b.run.point);
  CHECK(a.run.rep == b.run.rep);
  CHECK(a.run.seed == b.run.seed);
  CHECK(a.run.scenario_hash == b.run.scenario_hash);
  REQUIRE(a.settings.size() == b.settings.size());
  for (std::size_t i = 0; i < a.settings.size(); ++i) {
    CHECK(a.settings[i].path == b.settings[i].path);
    CHECK(a.settings[i].value == b.settings[i].value);
  }
  CHECK(a.ok == b.ok);
  CHECK(a.error == b.error);
  REQUIRE(a.scalars.size() == b.scalars.size());
  for (std::size_t i = 0; i < a.scalars.size(); ++i) {
    CHECK(a.scalars[i].first == b.scalars[i].first);
    CHECK(std::memcmp(&a.scalars[i].second, &b.scalars[i].second, sizeof(double)) == 0);
  }
  CHECK(std::memcmp(&a.wall_s, &b.wall_s, sizeof(double)) == 0);
}

}  // namespace

TEST_CASE("run record wire: a round trip keeps every field, bit for bit") {
  const RunRecord ok = sample();
  check_same(decode_run_record(encode_run_record(ok)), ok);

  RunRecord failed;
  failed.sweep_id = "s";
  failed.run = {0, 0, 0, 0};
  failed.ok = false;
  failed.error = "the scenario does not load: x.yaml:3:1: duration: must be > 0";
  const RunRecord back = decode_run_record(encode_run_record(failed));
  check_same(back, failed);
  CHECK_FALSE(back.ok);
  CHECK(back.scalars.empty());

  RunRecord nan;
  nan.scalars = {{"x", std::numeric_limits<double>::quiet_NaN()}};
  CHECK(std::isnan(decode_run_record(encode_run_record(nan)).scalars[0].second));
}

TEST_CASE("run record wire: anything but one whole record is refused") {
  const std::string bytes = encode_run_record(sample());
  for (std::size_t cut :
       {std::size_t{0}, std::size_t{3}, std::size_t{9}, bytes.size() / 2, bytes.size() - 1}) {
    CAPTURE(cut);
    CHECK_THROWS_AS(decode_run_record(std::string_view(bytes).substr(0, cut)), WireFormatError);
  }
  CHECK_THROWS_AS(decode_run_record(bytes + "x"), WireFormatError);
  std::string other_magic = bytes;
  other_magic[4] = 'X';
  CHECK_THROWS_AS(decode_run_record(other_magic), WireFormatError);
  // A count far beyond what the message holds is refused, not allocated.
  RunRecord empty;
  std::string huge = encode_run_record(empty);
  const std::size_t settings_count_at = 4 + 5 + 4 + 0 + 4 + 4 + 8 + 8;
  huge[settings_count_at + 3] = '\x7f';
  CHECK_THROWS_AS(decode_run_record(huge), WireFormatError);
}
