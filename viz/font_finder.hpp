#pragma once
/// The viewer's text font, found at run time: DejaVu Sans from Debian's fonts-dejavu-core
/// (or the file KNIGHTSIM_FONT names), never bundled.

#include <optional>
#include <string>
#include <vector>

namespace knightsim::viz {

/// Where the font is looked for, in order (KNIGHTSIM_FONT first when set).
std::vector<std::string> font_search_paths();
/// The first readable candidate, or nullopt.
std::optional<std::string> find_font();
/// The message for a missing font: every place looked, and the package to install.
std::string missing_font_message();

}  // namespace knightsim::viz
