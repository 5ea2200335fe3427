// write_file_atomically: temporary file next to the target, checked writes, fsync, rename.
// rename(2) within one directory is atomic on POSIX, so readers (and a crash) see either the
// previous file or the complete new one, never a prefix.

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <exception>
#include <fstream>
#include <string>
#include <system_error>

#include <fmt/format.h>

#include "knightsim/output_writers.hpp"

namespace knightsim {
namespace {

namespace fs = std::filesystem;

/// Distinguishes temporaries of one process (several writers may run on threads at once).
std::atomic<std::uint64_t> temp_counter{0};

[[noreturn]] void fail(const fs::path& path, const std::string& reason) {
  throw OutputError(fmt::format("cannot write {}: {}", path.string(), reason));
}

/// errno as text; streams do not always set errno, so 0 gets a generic reason.
std::string errno_reason(int error, const char* fallback) {
  return error != 0 ? std::string(std::strerror(error)) : std::string(fallback);
}

/// ".orders.csv.tmp-<pid>-<n>" in the target's directory: hidden, and on the same file system
/// as the target so the final rename is atomic.
fs::path temp_path_for(const fs::path& path) {
  const std::uint64_t n = temp_counter.fetch_add(1, std::memory_order_relaxed);
  return path.parent_path() /
         fmt::format(".{}.tmp-{}-{}", path.filename().string(), static_cast<long>(::getpid()), n);
}

/// Removes the temporary unless the rename has happened.
class TempFileGuard {
 public:
  explicit TempFileGuard(fs::path path) : path_(std::move(path)) {}
  ~TempFileGuard() {
    if (!committed_) {
      std::error_code ignored;
      fs::remove(path_, ignored);
    }
  }
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;
  void commit() { committed_ = true; }

 private:
  fs::path path_;
  bool committed_ = false;
};

/// Flushes the file's data to the device, so a power loss after the rename cannot leave an empty
/// file under the final name. Returns 0 or an errno value.
int fsync_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  const int result = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return result;
}

/// Makes the rename itself durable. Best effort: some file systems refuse fsync on directories,
/// and the file is already complete under its final name.
void fsync_directory(const fs::path& directory) {
  const int fd =
      ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  static_cast<void>(::fsync(fd));
  ::close(fd);
}

}  // namespace

void write_file_atomically(const fs::path& path, const std::function<void(std::ostream&)>& write) {
  if (!path.has_filename()) fail(path, "not a file name");
  const fs::path temp = temp_path_for(path);
  TempFileGuard guard(temp);

  {
    errno = 0;
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) fail(path, errno_reason(errno, "cannot create temporary file"));

    try {
      write(out);
    } catch (const std::exception& e) {
      fail(path, e.what());
    } catch (...) {
      fail(path, "unknown error while writing");
    }

    errno = 0;
    out.flush();
    if (!out) fail(path, errno_reason(errno, "write error"));
    out.close();
    if (!out) fail(path, errno_reason(errno, "write error on close"));
  }

  if (const int error = fsync_file(temp); error != 0) fail(path, std::strerror(error));

  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) fail(path, ec.message());
  guard.commit();
  fsync_directory(path.parent_path());
}

}  // namespace knightsim
