#pragma once
// A scratch directory per test: fresh and empty when made, removed with its contents after.

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace knightsim::testing {

class ScratchDir {
 public:
  /// `kind` names the directory ("knightsim-<kind>-test-<pid>-<n>"), so leftovers of a crashed
  /// test say where they came from; the pid and counter keep parallel test runs apart.
  explicit ScratchDir(const std::string& kind) {
    static std::atomic<int> counter{0};
    path = std::filesystem::temp_directory_path() /
           ("knightsim-" + kind + "-test-" + std::to_string(::getpid()) + "-" +
            std::to_string(counter.fetch_add(1)));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::filesystem::path operator/(const std::string& name) const { return path / name; }
  /// The full path of `name` here, as a string.
  std::string file(const std::string& name) const { return (path / name).string(); }
  std::string str() const { return path.string(); }
  /// Writes `text` to `name` here (bytes as given); returns the full path.
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return file(name);
  }

  std::filesystem::path path;
};

}  // namespace knightsim::testing
