#include "hud.hpp"

#include <fmt/format.h>
#include <SFML/Graphics/RectangleShape.hpp>
#include <SFML/Graphics/Text.hpp>
#include <SFML/Graphics/VertexArray.hpp>
#include <algorithm>
#include <cmath>

#include "palette.hpp"

namespace knightsim::viz {
namespace {

constexpr unsigned kTextPx = 14;
constexpr float kLinePx = 18.0f;
constexpr float kPaddingPx = 8.0f;

const char* const kWeekdays[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

}  // namespace

const char* beaufort_name(double force) {
  static const char* const kNames[13] = {
      "calm",         "light air",     "light breeze", "gentle breeze", "moderate breeze",
      "fresh breeze", "strong breeze", "near gale",    "gale",          "strong gale",
      "storm",        "violent storm", "hurricane"};
  const int index = std::clamp(static_cast<int>(std::lround(force)), 0, 12);
  return kNames[index];
}

RiderCounts count_riders(const Simulation& simulation, SimTime now) {
  RiderCounts counts;
  for (const Rider& rider : simulation.riders()) {
    if (!rider_present(rider, now)) continue;
    if (rider.on_shift) ++counts.on_shift;
    switch (rider.state) {
      case RiderState::offline:
        ++counts.offline;
        break;
      case RiderState::idle:
        ++counts.idle;
        break;
      case RiderState::to_merchant:
      case RiderState::waiting_at_merchant:
      case RiderState::to_customer:
        ++counts.busy;
        break;
      case RiderState::returning:
        ++counts.returning;
        break;
      case RiderState::resting:
        ++counts.resting;
        break;
    }
  }
  return counts;
}

Hud::Hud(const Simulation& simulation, const sf::Font& font)
    : simulation_(simulation),
      font_(font),
      marine_(simulation.spec().weather, simulation.spec().map.islands) {}

std::vector<std::string> Hud::status_lines(const RunTracker& tracker, const ViewState& state,
                                           const std::vector<std::string>& suspended_ferries,
                                           SimTime now) const {
  std::vector<std::string> lines;
  const ScenarioClock& clock = simulation_.clock();
  lines.push_back(simulation_.spec().name);
  lines.push_back(
      fmt::format("{} {}", kWeekdays[clock.weekday(now)], clock.format(now).substr(0, 16)));
  std::string speed = state.paused ? "paused" : state.speed_label;
  if (now >= simulation_.end_time()) speed = "run finished";
  lines.push_back("speed " + speed);
  const std::size_t open = tracker.open_orders().size();
  lines.push_back(fmt::format("orders: {} open, {} delivered, {} cancelled", open,
                              tracker.delivered(), tracker.cancelled()));
  if (tracker.delivered() > 0) {
    lines.push_back(fmt::format("on time so far: {:.1f} %",
                                100.0 * static_cast<double>(tracker.delivered_on_time()) /
                                    static_cast<double>(tracker.delivered())));
  } else {
    lines.push_back("on time so far: -");
  }
  const RiderCounts riders = count_riders(simulation_, now);
  lines.push_back(fmt::format("riders: {} busy, {} idle, {} resting, {} on shift", riders.busy,
                              riders.idle, riders.resting, riders.on_shift));
  const WeatherState weather = simulation_.weather().state_at(now);
  lines.push_back(fmt::format("weather: {}, {:.0f} °C", to_string(weather),
                              simulation_.weather().effect_of(weather).temperature_c));
  const double wind = wind_force_at(now);
  lines.push_back(fmt::format("wind: force {:.0f} ({})", wind, beaufort_name(wind)));
  for (const std::string& ferry : suspended_ferries) {
    lines.push_back("ferry " + ferry + ": SUSPENDED");
  }
  if (state.heatmap != HeatmapMode::off) {
    lines.push_back(std::string("heatmap: ") + to_string(state.heatmap));
  }
  return lines;
}

double Hud::wind_force_at(SimTime now) const {
  // The strongest wind anywhere on the map: that is what stops the ferries.
  double force = marine_.at(-1, now).wind_force;
  const int islands = static_cast<int>(simulation_.spec().map.islands.size());
  for (int island = 0; island < islands; ++island) {
    force = std::max(force, marine_.at(island, now).wind_force);
  }
  return force;
}

std::vector<std::string> Hud::inspector_lines(const RunTracker& tracker, const Selection& selection,
                                              SimTime now) const {
  std::vector<std::string> lines;
  if (selection.rider && *selection.rider < simulation_.riders().size()) {
    const Rider& rider = simulation_.riders()[*selection.rider];
    const auto& fleets = simulation_.spec().riders.fleets;
    lines.push_back(fmt::format("rider {} ({})", rider.id,
                                rider.fleet < fleets.size() ? fleets[rider.fleet].name : "?"));
    lines.push_back(std::string("state: ") + to_string(rider.state) +
                    (rider.on_shift ? "" : " (off shift)"));
    lines.push_back(
        fmt::format("orders: {} carried, {} assigned", rider.carried, rider.assigned_open));
    lines.push_back(fmt::format("next stops: {}", rider.route.size()));
    lines.push_back(fmt::format("delivered: {}", rider.orders_delivered));
    lines.push_back(
        fmt::format("earnings: {:.2f} (orders {:.2f})", rider.earnings, rider.order_earnings));
    lines.push_back(fmt::format("hours on shift: {:.1f}",
                                ms_to_minutes(simulation_.on_shift_ms_so_far(rider.id)) / 60.0));
    lines.push_back(fmt::format("distance: {:.1f} km", rider.distance_m / 1000.0));
    lines.push_back(
        fmt::format("fatigue: {:.1f} h (peak {:.1f})", rider.fatigue_h, rider.peak_fatigue_h));
    lines.push_back(fmt::format("experience: {:.0f} days", rider.experience_days));
    if (rider.fleet < fleets.size() && fleets[rider.fleet].battery.range_km > 0) {
      lines.push_back(fmt::format("battery: {:.0f} of {:.0f} km, {} swaps", rider.battery_km,
                                  fleets[rider.fleet].battery.range_km, rider.charging_visits));
    }
    std::string who = rider.woman ? "woman" : "man";
    if (rider.disabled) who += ", disabled";
    if (rider.opted_out) who += ", opted out of night/heavy";
    lines.push_back(who);
    if (rider.incidents > 0) lines.push_back(fmt::format("incidents: {}", rider.incidents));
  } else if (selection.merchant && *selection.merchant < simulation_.merchants().size()) {
    const Merchant& merchant = simulation_.merchants()[*selection.merchant];
    lines.push_back(fmt::format("merchant {} ({})", merchant.id, to_string(merchant.category)));
    const auto& groups = simulation_.spec().merchants;
    if (merchant.group < groups.size()) {
      const MerchantGroupSpec& group = groups[merchant.group];
      const bool open =
          is_open_at(group.opens_ms, group.closes_ms, simulation_.clock().time_of_day_ms(now));
      lines.push_back(open ? "open now" : "closed now");
    }
    lines.push_back(
        fmt::format("orders placed so far: {}", tracker.placed_at_merchant(merchant.id)));
    int waiting = 0;
    for (OrderId id : tracker.open_orders()) {
      const Order& order = simulation_.orders()[id];
      if (order.merchant == merchant.id && order.picked_up_ms == kNever) ++waiting;
    }
    lines.push_back(fmt::format("orders waiting for pickup: {}", waiting));
  }
  return lines;
}

sf::Vector2f Hud::draw_panel(sf::RenderTarget& target, sf::Vector2f top_left,
                             const std::vector<std::string>& lines, unsigned size) const {
  if (lines.empty()) return {0, 0};
  float width = 0;
  std::vector<sf::Text> texts;
  // A tab splits a line into two columns (the help's keys and what they do): proportional
  // type cannot line columns up with spaces.
  constexpr float kSecondColumnPx = 90.0f;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const sf::Vector2f at =
        top_left + sf::Vector2f{kPaddingPx, kPaddingPx + static_cast<float>(i) * kLinePx};
    const std::size_t tab = lines[i].find('\t');
    const std::string first = lines[i].substr(0, tab);
    sf::Text text(sf::String::fromUtf8(first.begin(), first.end()), font_, size);
    text.setFillColor(kHudTextColour);
    text.setPosition(at);
    width = std::max(width, text.getLocalBounds().width);
    texts.push_back(std::move(text));
    if (tab != std::string::npos) {
      const std::string second = lines[i].substr(tab + 1);
      sf::Text column(sf::String::fromUtf8(second.begin(), second.end()), font_, size);
      column.setFillColor(kHudTextColour);
      column.setPosition(at + sf::Vector2f{kSecondColumnPx, 0});
      width = std::max(width, kSecondColumnPx + column.getLocalBounds().width);
      texts.push_back(std::move(column));
    }
  }
  const sf::Vector2f panel_size{width + 2 * kPaddingPx,
                                static_cast<float>(lines.size()) * kLinePx + 2 * kPaddingPx};
  sf::RectangleShape panel(panel_size);
  panel.setPosition(top_left);
  panel.setFillColor(kHudPanelColour);
  target.draw(panel);
  for (const sf::Text& text : texts) target.draw(text);
  return panel_size;
}

void Hud::draw_wind(sf::RenderTarget& target, sf::Vector2f centre, double force) const {
  // A windsock: the longer and redder, the stronger (full at force 12).
  const float share = static_cast<float>(std::clamp(force / 12.0, 0.0, 1.0));
  const sf::Color colour(static_cast<sf::Uint8>(120 + 135 * share),
                         static_cast<sf::Uint8>(220 - 170 * share), 80);
  sf::VertexArray sock(sf::Triangles);
  const float length = 12.0f + 48.0f * share;
  sock.append({centre + sf::Vector2f{0, -8}, colour});
  sock.append({centre + sf::Vector2f{0, 8}, colour});
  sock.append({centre + sf::Vector2f{length, 0}, colour});
  sf::VertexArray pole(sf::Lines);
  pole.append({centre + sf::Vector2f{0, -14}, kHudTextColour});
  pole.append({centre + sf::Vector2f{0, 24}, kHudTextColour});
  target.draw(sock);
  target.draw(pole);
}

void Hud::draw_island_names(sf::RenderTarget& target, const Camera& camera) const {
  for (const IslandSpec& island : simulation_.spec().map.islands) {
    sf::Text text(sf::String::fromUtf8(island.name.begin(), island.name.end()), font_, 13);
    const sf::FloatRect bounds = text.getLocalBounds();
    const sf::Vector2f at = camera.to_screen(centroid(island.outline));
    text.setPosition(std::round(at.x - bounds.width / 2), std::round(at.y - bounds.height / 2));
    text.setFillColor(kHudTextColour);
    text.setOutlineColor(sf::Color(0, 0, 0, 200));
    text.setOutlineThickness(1.5f);
    target.draw(text);
  }
}

void Hud::draw_legend(sf::RenderTarget& target, const Camera& camera) const {
  struct Entry {
    sf::Color colour;
    const char* label;
  };
  std::vector<Entry> entries;
  for (int s = 1; s < kRiderStateCount; ++s) {
    const auto state = static_cast<RiderState>(s);
    entries.push_back({rider_state_colour(state), to_string(state)});
  }
  entries.push_back({rider_state_colour(RiderState::offline), "offline"});
  for (int c = 0; c < kMerchantCategoryCount; ++c) {
    const auto category = static_cast<MerchantCategory>(c);
    entries.push_back({merchant_colour(category), to_string(category)});
  }
  entries.push_back({order_age_colour(0.0), "order, fresh"});
  entries.push_back({order_age_colour(0.8), "order, near promise"});
  entries.push_back({order_age_colour(1.2), "order, late"});
  entries.push_back({kStationColour, "station"});
  if (!simulation_.spec().map.ferries.empty()) {
    entries.push_back({kFerryRouteColour, "ferry route"});
    entries.push_back({kFerrySuspendedColour, "ferry suspended"});
  }
  constexpr float kEntryPx = 16.0f;
  const float height = static_cast<float>(entries.size()) * kEntryPx + 2 * kPaddingPx;
  const sf::Vector2f top_left{kPaddingPx,
                              static_cast<float>(camera.viewport_px().y) - height - kPaddingPx};
  sf::RectangleShape panel({170.0f, height});
  panel.setPosition(top_left);
  panel.setFillColor(kHudPanelColour);
  target.draw(panel);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const float y = top_left.y + kPaddingPx + static_cast<float>(i) * kEntryPx;
    sf::RectangleShape swatch({10.0f, 10.0f});
    swatch.setPosition(top_left.x + kPaddingPx, y + 3.0f);
    swatch.setFillColor(entries[i].colour);
    target.draw(swatch);
    sf::Text text(entries[i].label, font_, 12);
    text.setFillColor(kHudTextColour);
    text.setPosition(top_left.x + kPaddingPx + 16.0f, y);
    target.draw(text);
  }
}

void Hud::draw(sf::RenderTarget& target, const Camera& camera, const RunTracker& tracker,
               const ViewState& state, const std::vector<std::string>& suspended_ferries,
               SimTime now) const {
  target.setView(camera.screen_view());
  const std::vector<std::string> status = status_lines(tracker, state, suspended_ferries, now);
  draw_island_names(target, camera);
  const sf::Vector2f panel = draw_panel(target, {kPaddingPx, kPaddingPx}, status, kTextPx);
  // The windsock just right of the panel, level with its wind line (the 8th).
  draw_wind(target, {kPaddingPx + panel.x + 12.0f, kPaddingPx + kPaddingPx + 7.5f * kLinePx},
            wind_force_at(now));
  if (state.show_legend) draw_legend(target, camera);
  const std::vector<std::string> inspector = inspector_lines(tracker, state.selection, now);
  if (!inspector.empty()) {
    draw_panel(target, {static_cast<float>(camera.viewport_px().x) - 300.0f, kPaddingPx}, inspector,
               kTextPx);
  }
  if (state.show_help) {
    static const std::vector<std::string> kHelp = {
        "knightsim-view controls",
        "space\tpause / resume",
        "1 ... 6\tspeed: real time, 10x, 1 min/s, 5 min/s, 15 min/s, 1 h/s",
        "+ / -\tfaster / slower",
        "wheel\tzoom around the cursor",
        "drag\tpan",
        "click\tselect a rider or merchant (the camera follows a rider)",
        "H\theatmap: demand, lateness, off",
        "L\tlegend on / off",
        "S\tscreenshot (knightsim-view-<time>.png)",
        "F1\tthis help",
        "Esc\tquit"};
    const sf::Vector2f centre{static_cast<float>(camera.viewport_px().x) / 2 - 260.0f,
                              static_cast<float>(camera.viewport_px().y) / 2 - 120.0f};
    draw_panel(target, centre, kHelp, kTextPx);
  }
}

}  // namespace knightsim::viz
