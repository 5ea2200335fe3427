#pragma once
/// Reading a whole input file (scenarios, logs) for the front ends' parsers.

#include <optional>
#include <string>

namespace knightsim {

/// A whole file's bytes; nullopt and the system's reason ("No such file or directory") in
/// `error` if it cannot be read.
std::optional<std::string> read_text_file(const std::string& path, std::string& error);

}  // namespace knightsim
