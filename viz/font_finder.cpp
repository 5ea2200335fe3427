#include "font_finder.hpp"

#include <cstdlib>
#include <filesystem>

namespace knightsim::viz {

std::vector<std::string> font_search_paths() {
  std::vector<std::string> paths;
  if (const char* chosen = std::getenv("KNIGHTSIM_FONT"); chosen != nullptr && *chosen != '\0') {
    paths.emplace_back(chosen);
  }
  // Debian and Ubuntu, then the layouts of other distributions.
  paths.emplace_back("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
  paths.emplace_back("/usr/share/fonts/TTF/DejaVuSans.ttf");
  paths.emplace_back("/usr/share/fonts/dejavu/DejaVuSans.ttf");
  paths.emplace_back("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf");
  return paths;
}

std::optional<std::string> find_font() {
  for (const std::string& path : font_search_paths()) {
    std::error_code error;
    if (std::filesystem::is_regular_file(path, error)) return path;
  }
  return std::nullopt;
}

std::string missing_font_message() {
  std::string message = "knightsim-view: no font found; looked for:\n";
  for (const std::string& path : font_search_paths()) message += "  " + path + "\n";
  message +=
      "Install Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core), or set "
      "KNIGHTSIM_FONT to a .ttf file.";
  return message;
}

}  // namespace knightsim::viz
