// RunRecord ⇄ bytes for MPI messages; the layout is in run_record_wire.hpp.
#include "knightsim/run_record_wire.hpp"

#include <bit>
#include <cstdint>
#include <limits>

namespace knightsim {
namespace {

constexpr std::string_view kMagic = "KSRR1";

class Writer {
 public:
  void u64(std::uint64_t value) {
    for (int i = 0; i < 8; ++i) out_ += static_cast<char>((value >> (8 * i)) & 0xff);
  }
  void u32(std::uint32_t value) {
    for (int i = 0; i < 4; ++i) out_ += static_cast<char>((value >> (8 * i)) & 0xff);
  }
  void f64(double value) { u64(std::bit_cast<std::uint64_t>(value)); }
  void text(std::string_view value) {
    if (value.size() > std::numeric_limits<std::uint32_t>::max()) {
      throw WireFormatError("a text field of a run record is longer than 4 GiB");
    }
    u32(static_cast<std::uint32_t>(value.size()));
    out_.append(value);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  std::uint64_t u64() {
    need(8);
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i) {
      value |= std::uint64_t{static_cast<unsigned char>(bytes_[at_++])} << (8 * i);
    }
    return value;
  }
  std::uint32_t u32() {
    need(4);
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      value |= std::uint32_t{static_cast<unsigned char>(bytes_[at_++])} << (8 * i);
    }
    return value;
  }
  double f64() { return std::bit_cast<double>(u64()); }
  std::string text() {
    const std::uint32_t size = u32();
    need(size);
    std::string value(bytes_.substr(at_, size));
    at_ += size;
    return value;
  }
  /// A count of items each at least `min_bytes` long: checked against what is left, so a
  /// corrupt count cannot make us reserve gigabytes.
  std::uint32_t count(std::size_t min_bytes) {
    const std::uint32_t n = u32();
    if (n > (bytes_.size() - at_) / min_bytes) fail();
    return n;
  }
  bool at_end() const { return at_ == bytes_.size(); }
  [[noreturn]] static void fail() {
    throw WireFormatError("not an encoded run record (truncated or corrupt message)");
  }

 private:
  void need(std::size_t size) const {
    if (bytes_.size() - at_ < size) fail();
  }
  std::string_view bytes_;
  std::size_t at_ = 0;
};

}  // namespace

std::string encode_run_record(const RunRecord& record) {
  Writer out;
  out.text(kMagic);
  out.text(record.sweep_id);
  out.u32(record.run.point);
  out.u32(record.run.rep);
  out.u64(record.run.seed);
  out.u64(record.run.scenario_hash);
  out.u32(static_cast<std::uint32_t>(record.settings.size()));
  for (const ScenarioOverride& setting : record.settings) {
    out.text(setting.path);
    out.text(setting.value);
  }
  out.u32(record.ok ? 1 : 0);
  out.text(record.error);
  out.u32(static_cast<std::uint32_t>(record.scalars.size()));
  for (const auto& [key, value] : record.scalars) {
    out.text(key);
    out.f64(value);
  }
  out.f64(record.wall_s);
  return out.take();
}

RunRecord decode_run_record(std::string_view bytes) {
  Reader in(bytes);
  if (in.text() != kMagic) Reader::fail();
  RunRecord record;
  record.sweep_id = in.text();
  record.run.point = in.u32();
  record.run.rep = in.u32();
  record.run.seed = in.u64();
  record.run.scenario_hash = in.u64();
  const std::uint32_t settings = in.count(8);
  record.settings.reserve(settings);
  for (std::uint32_t i = 0; i < settings; ++i) {
    ScenarioOverride setting;
    setting.path = in.text();
    setting.value = in.text();
    record.settings.push_back(std::move(setting));
  }
  const std::uint32_t ok = in.u32();
  if (ok > 1) Reader::fail();
  record.ok = ok == 1;
  record.error = in.text();
  const std::uint32_t scalars = in.count(12);
  record.scalars.reserve(scalars);
  for (std::uint32_t i = 0; i < scalars; ++i) {
    std::string key = in.text();
    const double value = in.f64();
    record.scalars.emplace_back(std::move(key), value);
  }
  record.wall_s = in.f64();
  if (!in.at_end()) Reader::fail();
  return record;
}

}  // namespace knightsim
