#pragma once
// Option parsing helpers shared by subcommands (Boost.Program_options).

#include <boost/program_options.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "knightsim/scenario_loader.hpp"

namespace knightsim::cli {

/// Parses `args` against `options` (+ positional). On a usage error prints it with a hint to
/// --help and returns nullopt.
std::optional<boost::program_options::variables_map> parse_options(
    const std::string& command, const std::vector<std::string>& args,
    const boost::program_options::options_description& options,
    const boost::program_options::positional_options_description& positional);

/// Parses every --set text; prints problems and returns nullopt if any is malformed.
std::optional<std::vector<ScenarioOverride>> parse_overrides(const std::vector<std::string>& texts);

/// Splits an option's comma-separated list: "a, b,c" → {"a", "b", "c"}, blanks and tabs around
/// items trimmed. An empty item is kept, so the caller reports "a,,b" rather than ignoring it.
std::vector<std::string> split_list(const std::string& text);

/// Parses a seed: decimal digits only (no sign: Boost would wrap "-1" to 2^64-1).
bool parse_seed(const std::string& text, std::uint64_t& out);

}  // namespace knightsim::cli
