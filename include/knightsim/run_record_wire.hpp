#pragma once
/// RunRecord as bytes, for sending finished runs between MPI ranks (workers → rank 0, the
/// only writer of the results database). Front-end code (knightsim_io).
///
/// The format is private to one `mpirun`: every rank runs the same binary, so there is no
/// versioning beyond a magic tag; numbers are little-endian whatever the host, doubles as their
/// IEEE-754 bits, strings as a 32-bit length and the bytes.

#include <stdexcept>
#include <string>
#include <string_view>

#include "knightsim/results_db.hpp"

namespace knightsim {

/// A message that is not an encoded RunRecord (truncated, or from another program).
class WireFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string encode_run_record(const RunRecord& record);
/// Throws WireFormatError if `bytes` is not exactly one encoded record.
RunRecord decode_run_record(std::string_view bytes);

}  // namespace knightsim
