#include "options.hpp"

#include <charconv>
#include <cstdint>
#include <cstdio>

namespace po = boost::program_options;

namespace knightsim::cli {

std::optional<po::variables_map> parse_options(
    const std::string& command, const std::vector<std::string>& args,
    const po::options_description& options, const po::positional_options_description& positional) {
  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), values);
    po::notify(values);
  } catch (const po::error& error) {
    std::fprintf(stderr, "knightsim %s: %s\nTry 'knightsim %s --help'.\n", command.c_str(),
                 error.what(), command.c_str());
    return std::nullopt;
  }
  return values;
}

std::optional<std::vector<ScenarioOverride>> parse_overrides(
    const std::vector<std::string>& texts) {
  std::vector<ScenarioOverride> overrides;
  bool ok = true;
  for (const std::string& text : texts) {
    std::string error;
    if (auto parsed = parse_override(text, &error)) {
      overrides.push_back(*parsed);
    } else {
      std::fprintf(stderr, "--set %s: %s\n", text.c_str(), error.c_str());
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return overrides;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? comma : comma - start);
    const std::size_t first = item.find_first_not_of(" \t");
    const std::size_t last = item.find_last_not_of(" \t");
    items.push_back(first == std::string::npos ? "" : item.substr(first, last - first + 1));
    if (comma == std::string::npos) return items;
    start = comma + 1;
  }
}

bool parse_seed(const std::string& text, std::uint64_t& out) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace knightsim::cli
