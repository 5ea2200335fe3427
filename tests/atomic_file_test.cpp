// write_file_atomically: the final name holds either the previous content or the complete new
// content, never a prefix, and no temporary is left behind.

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "knightsim/output_writers.hpp"
#include "scratch_dir.hpp"

namespace fs = std::filesystem;
using knightsim::OutputError;
using knightsim::write_file_atomically;

namespace {

/// A fresh empty directory, removed with everything in it at the end of the test.
struct ScratchDir : knightsim::testing::ScratchDir {
  ScratchDir() : knightsim::testing::ScratchDir("atomic") {}
};

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  REQUIRE(out);
}

/// Runs `call`, which must throw OutputError, and returns the message.
template <typename Call>
std::string output_error_message(Call&& call) {
  try {
    call();
  } catch (const OutputError& e) {
    return e.what();
  }
  FAIL("expected OutputError");
  return {};
}

}  // namespace

TEST_SUITE("atomic_file") {
  TEST_CASE("writes the content and leaves no temporary file") {
    ScratchDir dir;
    const fs::path target = dir.path / "orders.csv";
    write_file_atomically(target, [](std::ostream& out) { out << "a,b\n1,2\n"; });
    CHECK(read_all(target) == "a,b\n1,2\n");
    CHECK(entries(dir.path) == std::vector<std::string>{"orders.csv"});
  }

  TEST_CASE("replaces an existing file") {
    ScratchDir dir;
    const fs::path target = dir.path / "summary.json";
    write_text(target, "old content that is longer than the new one\n");
    write_file_atomically(target, [](std::ostream& out) { out << "{}\n"; });
    CHECK(read_all(target) == "{}\n");
    CHECK(entries(dir.path) == std::vector<std::string>{"summary.json"});
  }

  TEST_CASE("writes to a hidden temporary in the same directory, not to the final name") {
    ScratchDir dir;
    const fs::path target = dir.path / "orders.csv";
    std::vector<std::string> seen_while_writing;
    write_file_atomically(target, [&](std::ostream& out) {
      out << "partial";
      out.flush();
      seen_while_writing = entries(dir.path);
    });
    REQUIRE(seen_while_writing.size() == 1);
    CHECK(seen_while_writing[0].rfind(".orders.csv.tmp-", 0) == 0);
    CHECK(read_all(target) == "partial");
  }

  TEST_CASE("a writer that throws leaves the previous file intact and no temporary") {
    ScratchDir dir;
    const fs::path target = dir.path / "riders.csv";
    write_text(target, "previous\n");
    const std::string message = output_error_message([&] {
      write_file_atomically(target, [](std::ostream& out) {
        out << "half a row,";
        out.flush();
        throw std::runtime_error("simulated failure");
      });
    });
    CHECK(message.find(target.string()) != std::string::npos);
    CHECK(message.find("simulated failure") != std::string::npos);
    CHECK(read_all(target) == "previous\n");
    CHECK(entries(dir.path) == std::vector<std::string>{"riders.csv"});
  }

  TEST_CASE("a writer that throws creates no final file when there was none") {
    ScratchDir dir;
    const fs::path target = dir.path / "riders.csv";
    CHECK_THROWS_AS(write_file_atomically(target,
                                          [](std::ostream& out) {
                                            out << "x";
                                            throw 42;  // not a std::exception
                                          }),
                    OutputError);
    CHECK(entries(dir.path).empty());
  }

  TEST_CASE("a stream left in a failed state is an error") {
    ScratchDir dir;
    const fs::path target = dir.path / "orders.csv";
    const std::string message = output_error_message([&] {
      write_file_atomically(target, [](std::ostream& out) {
        out << "row\n";
        out.setstate(std::ios::badbit);
      });
    });
    CHECK(message.rfind("cannot write " + target.string() + ": ", 0) == 0);
    CHECK(entries(dir.path).empty());
  }

  TEST_CASE("a missing directory gives an OutputError naming the path") {
    ScratchDir dir;
    const fs::path target = dir.path / "no_such_dir" / "orders.csv";
    const std::string message = output_error_message(
        [&] { write_file_atomically(target, [](std::ostream& out) { out << "x"; }); });
    CHECK(message.rfind("cannot write " + target.string() + ": ", 0) == 0);
    CHECK(message.find("No such file or directory") != std::string::npos);
    CHECK(entries(dir.path).empty());
  }

  TEST_CASE("a directory that is a regular file gives an OutputError naming the path") {
    // Tests may run as root, where permission bits do not stop writes; a file standing where
    // the directory should be fails for everyone.
    ScratchDir dir;
    write_text(dir.path / "blocker", "");
    const fs::path target = dir.path / "blocker" / "summary.json";
    const std::string message = output_error_message(
        [&] { write_file_atomically(target, [](std::ostream& out) { out << "x"; }); });
    CHECK(message.rfind("cannot write " + target.string() + ": ", 0) == 0);
    CHECK(entries(dir.path) == std::vector<std::string>{"blocker"});
  }

  TEST_CASE("a directory under the final name is left alone and the temporary removed") {
    ScratchDir dir;
    const fs::path target = dir.path / "orders.csv";
    fs::create_directory(target);
    write_text(target / "keep", "kept");
    const std::string message = output_error_message(
        [&] { write_file_atomically(target, [](std::ostream& out) { out << "x"; }); });
    CHECK(message.find(target.string()) != std::string::npos);
    CHECK(entries(dir.path) == std::vector<std::string>{"orders.csv"});
    CHECK(read_all(target / "keep") == "kept");
  }
}
