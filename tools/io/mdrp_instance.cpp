// MDRP instance reader: four tab-separated files with a header line each (docs/mdrp.md).
// Every problem is collected, each with file, line, column and the column's name; a file whose
// header is wrong is not read further, and checks that need another file (an order's
// restaurant) are skipped when that file could not be read, so one mistake gives one message.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "knightsim/mdrp.hpp"
#include "mdrp_text.hpp"

namespace knightsim {
namespace {

using mdrp_text::Field;

struct Row {
  int line = 0;
  std::vector<Field> fields;
};

struct Table {
  std::vector<Row> rows;  ///< rows with the right number of fields
  bool complete = true;   ///< false when a row was dropped (a problem says why)
};

/// The data rows of a tab-separated file whose header must be exactly `columns`. nullopt when
/// the file cannot be read or its header is wrong (problems say why).
std::optional<Table> read_table(const std::string& path,
                                const std::vector<std::string_view>& columns,
                                std::vector<MdrpProblem>& problems) {
  const auto lines = mdrp_text::read_lines(path, problems);
  if (!lines) return std::nullopt;
  if (lines->empty()) {
    problems.push_back({path, 1, 0, "", "empty file: a header line is expected"});
    return std::nullopt;
  }
  const mdrp_text::Line& header_line = lines->front();
  const std::vector<Field> header = mdrp_text::split_tabs(header_line.text);
  bool header_ok = true;
  for (std::size_t i = 0; i < std::max(header.size(), columns.size()); ++i) {
    const int column = i < header.size() ? header[i].column : 0;
    if (i >= header.size()) {
      problems.push_back(
          {path, header_line.number, 0, std::string(columns[i]), "missing column in the header"});
    } else if (i >= columns.size()) {
      problems.push_back({path, header_line.number, column, std::string(header[i].text),
                          fmt::format("unexpected extra column (expected {})", columns.size())});
    } else if (header[i].text != columns[i]) {
      problems.push_back({path, header_line.number, column, std::string(columns[i]),
                          fmt::format("header column {} is '{}', expected '{}' (tab-separated)",
                                      i + 1, header[i].text, columns[i])});
    } else {
      continue;
    }
    header_ok = false;
  }
  if (!header_ok) return std::nullopt;

  Table table;
  for (std::size_t l = 1; l < lines->size(); ++l) {
    const mdrp_text::Line& line = (*lines)[l];
    std::vector<Field> fields = mdrp_text::split_tabs(line.text);
    if (fields.size() < columns.size()) {
      problems.push_back({path, line.number, static_cast<int>(line.text.size()) + 1,
                          std::string(columns[fields.size()]),
                          fmt::format("missing value ({} columns expected, {} found)",
                                      columns.size(), fields.size())});
      table.complete = false;
      continue;
    }
    if (fields.size() > columns.size()) {
      problems.push_back({path, line.number, fields[columns.size()].column, "",
                          fmt::format("extra value '{}' ({} columns expected, {} found)",
                                      fields[columns.size()].text, columns.size(), fields.size())});
      table.complete = false;
      continue;
    }
    table.rows.push_back(Row{line.number, std::move(fields)});
  }
  return table;
}

/// Reads the fields of one row, recording a problem for each bad one.
class RowReader {
 public:
  RowReader(const std::string& path, const std::vector<std::string_view>& columns, const Row& row,
            std::vector<MdrpProblem>& problems)
      : path_(path), columns_(columns), row_(row), problems_(problems) {}

  double number(std::size_t i) {
    const auto value = mdrp_text::parse_number(row_.fields[i].text);
    if (!value) fail(i, fmt::format("'{}' is not a number", row_.fields[i].text));
    return value.value_or(0.0);
  }
  int minutes(std::size_t i) {
    const auto value = mdrp_text::parse_whole(row_.fields[i].text);
    if (!value) fail(i, fmt::format("'{}' is not a whole number of minutes", row_.fields[i].text));
    return value.value_or(0);
  }
  std::string id(std::size_t i) {
    const std::string_view text = row_.fields[i].text;
    if (text.empty()) {
      fail(i, "empty id");
    } else if (text.find_first_of(" \t") != std::string_view::npos) {
      fail(i,
           fmt::format("id '{}' contains a space (solution files are whitespace-separated)", text));
    } else if (text == kMdrpStartPosition) {
      fail(i, "id '0' is reserved: it names a courier's start position in solution files");
    }
    return std::string(text);
  }
  /// A problem about field `i` that is not about its syntax (a rule between fields).
  void fail(std::size_t i, std::string message) {
    problems_.push_back(
        {path_, row_.line, row_.fields[i].column, std::string(columns_[i]), std::move(message)});
    ok_ = false;
  }
  bool ok() const { return ok_; }

 private:
  const std::string& path_;
  const std::vector<std::string_view>& columns_;
  const Row& row_;
  std::vector<MdrpProblem>& problems_;
  bool ok_ = true;
};

const std::vector<std::string_view> kParameterColumns = {
    "meters_per_minute",      "pickup service minutes", "dropoff service minutes",
    "target click-to-door",   "maximum click-to-door",  "pay per order",
    "guaranteed pay per hour"};
const std::vector<std::string_view> kRestaurantColumns = {"restaurant", "x", "y"};
const std::vector<std::string_view> kOrderColumns = {"order",          "x",          "y",
                                                     "placement_time", "restaurant", "ready_time"};
const std::vector<std::string_view> kCourierColumns = {"courier", "x", "y", "on_time", "off_time"};

bool load_parameters(const std::string& dir, MdrpInstance& instance,
                     std::vector<MdrpProblem>& problems) {
  const std::string path = mdrp_text::join_path(dir, "instance_parameters.txt");
  const auto table = read_table(path, kParameterColumns, problems);
  if (!table || !table->complete) return false;
  const std::vector<Row>& rows = table->rows;
  if (rows.size() != 1) {
    problems.push_back(
        {path, rows.empty() ? 1 : rows[1].line, 0, "",
         fmt::format("exactly one row of parameters expected, {} found", rows.size())});
    return false;
  }
  RowReader r(path, kParameterColumns, rows.front(), problems);
  MdrpParameters& p = instance.parameters;
  p.meters_per_minute = r.number(0);
  p.pickup_service_min = r.minutes(1);
  p.dropoff_service_min = r.minutes(2);
  p.target_click_to_door_min = r.minutes(3);
  p.maximum_click_to_door_min = r.minutes(4);
  p.pay_per_order = r.number(5);
  p.guaranteed_pay_per_hour = r.number(6);
  if (!r.ok()) return false;
  if (!(p.meters_per_minute > 0)) r.fail(0, "must be > 0");
  if (p.pickup_service_min < 0) r.fail(1, "must be >= 0");
  if (p.dropoff_service_min < 0) r.fail(2, "must be >= 0");
  if (p.target_click_to_door_min <= 0) r.fail(3, "must be > 0");
  if (p.maximum_click_to_door_min < p.target_click_to_door_min) {
    r.fail(4, fmt::format("must be >= the target click-to-door ({})", p.target_click_to_door_min));
  }
  if (p.pay_per_order < 0) r.fail(5, "must be >= 0");
  if (p.guaranteed_pay_per_hour < 0) r.fail(6, "must be >= 0");
  return r.ok();
}

bool load_restaurants(const std::string& dir, MdrpInstance& instance,
                      std::vector<MdrpProblem>& problems) {
  const std::string path = mdrp_text::join_path(dir, "restaurants.txt");
  const auto table = read_table(path, kRestaurantColumns, problems);
  if (!table) return false;
  bool ok = table->complete;
  for (const Row& row : table->rows) {
    RowReader r(path, kRestaurantColumns, row, problems);
    MdrpRestaurant restaurant{r.id(0), {r.number(1), r.number(2)}};
    if (r.ok() &&
        !instance.restaurant_index.emplace(restaurant.id, instance.restaurants.size()).second) {
      r.fail(0, fmt::format("duplicate restaurant id '{}'", restaurant.id));
    }
    if (r.ok()) instance.restaurants.push_back(std::move(restaurant));
    ok = ok && r.ok();
  }
  return ok;
}

bool load_orders(const std::string& dir, bool restaurants_ok, MdrpInstance& instance,
                 std::vector<MdrpProblem>& problems) {
  const std::string path = mdrp_text::join_path(dir, "orders.txt");
  const auto table = read_table(path, kOrderColumns, problems);
  if (!table) return false;
  bool ok = table->complete;
  for (const Row& row : table->rows) {
    RowReader r(path, kOrderColumns, row, problems);
    MdrpOrder order;
    order.id = r.id(0);
    order.position = {r.number(1), r.number(2)};
    order.placement_min = r.minutes(3);
    const std::string restaurant = r.id(4);
    order.ready_min = r.minutes(5);
    if (r.ok()) {
      if (!instance.order_index.emplace(order.id, instance.orders.size()).second) {
        r.fail(0, fmt::format("duplicate order id '{}'", order.id));
      } else if (restaurants_ok && instance.find_restaurant(order.id)) {
        r.fail(0, fmt::format("order id '{}' is also a restaurant id: solution files could not "
                              "tell the two places apart",
                              order.id));
      }
      if (order.ready_min < order.placement_min) {
        r.fail(5, fmt::format("must not be before placement_time ({})", order.placement_min));
      }
      if (restaurants_ok) {
        if (const auto index = instance.find_restaurant(restaurant)) {
          order.restaurant = *index;
        } else {
          r.fail(4, fmt::format("unknown restaurant '{}' (not in restaurants.txt)", restaurant));
        }
      }
    }
    if (r.ok()) instance.orders.push_back(std::move(order));
    ok = ok && r.ok();
  }
  return ok;
}

bool load_couriers(const std::string& dir, MdrpInstance& instance,
                   std::vector<MdrpProblem>& problems) {
  const std::string path = mdrp_text::join_path(dir, "couriers.txt");
  const auto table = read_table(path, kCourierColumns, problems);
  if (!table) return false;
  bool ok = table->complete;
  for (const Row& row : table->rows) {
    RowReader r(path, kCourierColumns, row, problems);
    MdrpCourier courier{r.id(0), {r.number(1), r.number(2)}, r.minutes(3), r.minutes(4)};
    if (r.ok()) {
      if (!instance.courier_index.emplace(courier.id, instance.couriers.size()).second) {
        r.fail(0, fmt::format("duplicate courier id '{}'", courier.id));
      }
      if (courier.off_min <= courier.on_min) {
        r.fail(4, fmt::format("must be after on_time ({})", courier.on_min));
      }
    }
    if (r.ok()) instance.couriers.push_back(std::move(courier));
    ok = ok && r.ok();
  }
  return ok;
}

template <typename Map>
std::optional<std::size_t> find_in(const Map& map, std::string_view id) {
  const auto it = map.find(std::string(id));
  if (it == map.end()) return std::nullopt;
  return it->second;
}

}  // namespace

std::string MdrpProblem::format() const {
  std::string out = file;
  if (line > 0) {
    out += fmt::format(":{}", line);
    if (column > 0) out += fmt::format(":{}", column);
  }
  out += ": ";
  if (!field.empty()) out += field + ": ";
  return out + message;
}

void MdrpInstance::rebuild_index() {
  restaurant_index.clear();
  order_index.clear();
  courier_index.clear();
  for (std::size_t i = 0; i < restaurants.size(); ++i) restaurant_index[restaurants[i].id] = i;
  for (std::size_t i = 0; i < orders.size(); ++i) order_index[orders[i].id] = i;
  for (std::size_t i = 0; i < couriers.size(); ++i) courier_index[couriers[i].id] = i;
}

std::optional<std::size_t> MdrpInstance::find_restaurant(std::string_view id) const {
  return find_in(restaurant_index, id);
}
std::optional<std::size_t> MdrpInstance::find_order(std::string_view id) const {
  return find_in(order_index, id);
}
std::optional<std::size_t> MdrpInstance::find_courier(std::string_view id) const {
  return find_in(courier_index, id);
}

MdrpLoadResult load_mdrp_instance(const std::string& dir) {
  MdrpLoadResult result;
  MdrpInstance instance;
  const bool parameters_ok = load_parameters(dir, instance, result.problems);
  const bool restaurants_ok = load_restaurants(dir, instance, result.problems);
  const bool orders_ok = load_orders(dir, restaurants_ok, instance, result.problems);
  const bool couriers_ok = load_couriers(dir, instance, result.problems);
  if (parameters_ok && restaurants_ok && orders_ok && couriers_ok && result.problems.empty()) {
    result.instance = std::move(instance);
  }
  return result;
}

}  // namespace knightsim
