// The scenario file format (docs/scenario-format.md) written and read.
//
// Contents
//   writing   numbers, distributions and the scenario as JSON; pretty printing with the
//             replacing UTF-8 handler
//   reading   ObjectReader (fields by name, unknown and duplicate fields reported), distributions,
//             items, nodes, arcs, demands, targets, policies; version upgrades
//   parsing   DocumentBuilder: the SAX handler that caps depth, fields, entries and bytes while
//             parsing, before a document exists; syntax problems with line and column
//   API       write_scenario_json, read_scenario_json, load_scenario_json
#include "core/io/scenario_json.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <set>
#include <unordered_set>

#include "core/model/validate.h"

namespace echelon {

namespace {

using Json = nlohmann::ordered_json;

static_assert(kMaxScenarioArrayEntries >= Limits::max_demands && kMaxScenarioArrayEntries >= Limits::max_records &&
                  kMaxScenarioArrayEntries >= Limits::max_items && kMaxScenarioArrayEntries >= Limits::max_arcs &&
                  kMaxScenarioArrayEntries >= Limits::max_distribution_entries,
              "the parser's array cap must not refuse what the scenario limits allow");

// ---------------------------------------------------------------------------------- writing

Json number(double v) {
  if (std::isnan(v)) return nullptr;  // a missing value
  // Integral values as integers keep histories compact; -0.0 stays a double to keep its sign.
  if (std::trunc(v) == v && std::abs(v) < 9007199254740992.0 && !(v == 0.0 && std::signbit(v))) {
    return static_cast<std::int64_t>(v);
  }
  return v;
}

Json numbers(const std::vector<double>& values) {
  Json out = Json::array();
  for (double v : values) out.push_back(number(v));
  return out;
}

Json distribution_json(const Distribution& d) {
  Json j;
  j["kind"] = std::string(kind_name(d));
  if (auto* c = std::get_if<dist::Constant>(&d)) {
    j["value"] = number(c->value);
  } else if (auto* n = std::get_if<dist::Normal>(&d)) {
    j["mean"] = number(n->mean);
    j["sd"] = number(n->sd);
  } else if (auto* g = std::get_if<dist::Gamma>(&d)) {
    j["shape"] = number(g->shape);
    j["scale"] = number(g->scale);
  } else if (auto* l = std::get_if<dist::Lognormal>(&d)) {
    j["mean"] = number(l->mean);
    j["sd"] = number(l->sd);
  } else if (auto* p = std::get_if<dist::Poisson>(&d)) {
    j["mean"] = number(p->mean);
  } else if (auto* nb = std::get_if<dist::NegativeBinomial>(&d)) {
    j["mean"] = number(nb->mean);
    j["sd"] = number(nb->sd);
  } else if (auto* t = std::get_if<dist::Discrete>(&d)) {
    Json outcomes = Json::array();
    for (const auto& o : t->outcomes) outcomes.push_back({{"value", number(o.value)}, {"probability", number(o.probability)}});
    j["outcomes"] = outcomes;
  } else if (auto* e = std::get_if<dist::Empirical>(&d)) {
    j["sample"] = numbers(e->sample);
  }
  return j;
}

void put(Json& j, const char* key, const std::optional<double>& v) {
  if (v) j[key] = number(*v);
}
void put(Json& j, const char* key, const std::optional<std::string>& v) {
  if (v) j[key] = *v;
}

Json scenario_json(const Scenario& s) {
  Json j;
  j["format"] = kScenarioFormat;
  j["version"] = kScenarioVersion;
  j["name"] = s.name;
  put(j, "description", s.description);
  j["period"] = period_name(s.period);
  j["currency"] = s.currency;

  Json items = Json::array();
  for (const Item& it : s.items) {
    Json x;
    x["id"] = it.id;
    x["name"] = it.name;
    x["unit_cost"] = number(it.unit_cost);
    put(x, "category", it.category);
    put(x, "segment", it.segment);
    if (it.lifecycle) {
      Json lc = Json::object();
      put(lc, "stage", it.lifecycle->stage);
      put(lc, "launch_period", it.lifecycle->launch_period);
      put(lc, "end_of_life_period", it.lifecycle->end_of_life_period);
      put(lc, "shelf_life_periods", it.lifecycle->shelf_life_periods);
      x["lifecycle"] = lc;
    }
    items.push_back(x);
  }
  j["items"] = items;

  Json nodes = Json::array();
  for (const Node& n : s.nodes) {
    Json x;
    x["id"] = n.id;
    x["name"] = n.name;
    x["kind"] = n.kind;
    x["position"] = {{"x", number(n.position.x)}, {"y", number(n.position.y)}};
    x["produces"] = n.produces;
    x["processing_time"] = distribution_json(n.processing_time);
    x["holding_cost"] = {{"basis", holding_cost_basis_name(n.holding_cost.basis)}, {"value", number(n.holding_cost.value)}};
    put(x, "capacity_per_period", n.capacity_per_period);
    put(x, "max_service_time_periods", n.max_service_time_periods);
    x["fixed_order_cost"] = number(n.fixed_order_cost);
    put(x, "cost_added_per_unit", n.cost_added_per_unit);
    nodes.push_back(x);
  }
  j["nodes"] = nodes;

  Json arcs = Json::array();
  for (const Arc& a : s.arcs) {
    Json x;
    x["from"] = a.from;
    x["to"] = a.to;
    x["item"] = a.item;
    x["transit_time"] = distribution_json(a.transit_time);
    x["quantity_per_unit"] = number(a.quantity_per_unit);
    put(x, "sourcing_share", a.sourcing_share);
    arcs.push_back(x);
  }
  j["arcs"] = arcs;

  Json demands = Json::array();
  for (const Demand& d : s.demands) {
    Json x;
    x["node"] = d.node;
    x["item"] = d.item;
    if (d.per_period) x["per_period"] = distribution_json(*d.per_period);
    if (d.history) {
      Json h = Json::object();
      put(h, "start", d.history->start);
      h["quantities"] = numbers(d.history->quantities);
      x["history"] = h;
    }
    demands.push_back(x);
  }
  j["demands"] = demands;

  Json targets = Json::array();
  for (const ServiceTarget& t : s.service_targets) {
    Json x = Json::object();
    put(x, "node", t.node);
    put(x, "item", t.item);
    put(x, "segment", t.segment);
    x["measure"] = service_measure_name(t.measure);
    x["value"] = number(t.value);
    targets.push_back(x);
  }
  j["service_targets"] = targets;

  Json policies = Json::array();
  for (const Policy& p : s.policies) {
    Json x;
    x["node"] = p.node;
    x["item"] = p.item;
    x["kind"] = policy_kind_name(p.kind);
    x["shortage"] = shortage_rule_name(p.shortage);
    x["review_period_periods"] = number(p.review_period_periods);
    put(x, "order_up_to_level", p.order_up_to_level);
    put(x, "reorder_point", p.reorder_point);
    put(x, "order_quantity", p.order_quantity);
    policies.push_back(x);
  }
  j["policies"] = policies;

  j["settings"] = {{"horizon_periods", s.settings.horizon_periods},
                   {"warm_up_periods", s.settings.warm_up_periods},
                   {"replications", s.settings.replications},
                   {"random_seed", s.settings.random_seed}};
  return j;
}

// One line of JSON. Text that is not valid UTF-8 (a name typed or imported with a broken byte)
// is written with U+FFFD in place of each bad byte: nlohmann's default would throw, which
// aborts under JSON_NOEXCEPTION.
std::string text_of(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// Pretty printing with arrays of plain values on one line: a 156-week history is one line,
// not 156.
void pretty(const Json& j, int indent, int depth, std::string& out) {
  const auto pad = [&](int d) { out.append(static_cast<std::size_t>(indent * d), ' '); };
  if (j.is_object() && !j.empty()) {
    out += "{\n";
    std::size_t k = 0;
    for (auto it = j.begin(); it != j.end(); ++it, ++k) {
      pad(depth + 1);
      out += text_of(Json(it.key()));
      out += ": ";
      pretty(it.value(), indent, depth + 1, out);
      if (k + 1 < j.size()) out += ',';
      out += '\n';
    }
    pad(depth);
    out += '}';
    return;
  }
  if (j.is_array() && !j.empty()) {
    bool flat = true;
    for (const auto& e : j) flat = flat && !e.is_structured();
    if (flat) {
      out += text_of(j);
      return;
    }
    out += "[\n";
    for (std::size_t k = 0; k < j.size(); ++k) {
      pad(depth + 1);
      pretty(j[k], indent, depth + 1, out);
      if (k + 1 < j.size()) out += ',';
      out += '\n';
    }
    pad(depth);
    out += ']';
    return;
  }
  out += text_of(j);
}

// ---------------------------------------------------------------------------------- reading

std::string child(const std::string& path, std::string_view key) {
  // JSON Pointer escaping: "~" -> "~0", "/" -> "~1".
  std::string out = path;
  out += '/';
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}
std::string child(const std::string& path, std::size_t index) { return child(path, std::to_string(index)); }

const char* type_name(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::string: return "a string";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

// Reads the fields of one JSON object, remembering which were used so that every other field
// is reported as unknown when the object is finished.
class ObjectReader {
 public:
  ObjectReader(const Json& j, std::string path, Problems& problems)
      : j_(j), path_(std::move(path)), problems_(problems) {}

  const std::string& path() const { return path_; }

  // The field's value, or nullptr when absent (a problem is added when required).
  const Json* get(std::string_view key, bool required) {
    used_.insert(std::string(key));
    auto it = j_.find(key);
    if (it == j_.end()) {
      if (required) problems_.push_back({child(path_, key), "is required"});
      return nullptr;
    }
    return &*it;
  }

  void wrong_type(std::string_view key, const Json& v, const char* expected) {
    std::string message = "must be ";
    message += expected;
    message += ", got ";
    message += type_name(v);
    problems_.push_back({child(path_, key), message});
  }

  bool text(std::string_view key, std::string& out, bool required) {
    const Json* v = get(key, required);
    if (!v) return false;
    if (!v->is_string()) {
      wrong_type(key, *v, "a string");
      return false;
    }
    out = v->get<std::string>();
    return true;
  }
  void text(std::string_view key, std::optional<std::string>& out) {
    std::string value;
    if (text(key, value, false)) out = std::move(value);
  }

  bool real(std::string_view key, double& out, bool required) {
    const Json* v = get(key, required);
    if (!v) return false;
    if (!v->is_number()) {
      wrong_type(key, *v, "a number");
      return false;
    }
    out = v->get<double>();
    return true;
  }
  void real(std::string_view key, std::optional<double>& out) {
    double value = 0.0;
    if (real(key, value, false)) out = value;
  }

  void integer(std::string_view key, int& out, int min, int max) {
    const Json* v = get(key, false);
    if (!v) return;
    if (!v->is_number_integer()) {
      wrong_type(key, *v, "a whole number");
      return;
    }
    const bool negative = v->is_number_integer() && !v->is_number_unsigned() && v->get<std::int64_t>() < 0;
    if (negative ? v->get<std::int64_t>() < min : v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
      problems_.push_back({child(path_, key), "must be between " + std::to_string(min) + " and " + std::to_string(max)});
      return;
    }
    out = static_cast<int>(v->get<std::int64_t>());
  }

  void unsigned64(std::string_view key, std::uint64_t& out) {
    const Json* v = get(key, false);
    if (!v) return;
    if (!v->is_number_unsigned()) {
      wrong_type(key, *v, "a whole number, 0 or more");
      return;
    }
    out = v->get<std::uint64_t>();
  }

  template <typename Enum>
  // Callers pass a local lambda (`+[](std::string_view v) { return parse_x(v); }`), not parse_x
  // itself: Emscripten 3.1.6's linker mistyped the address of a function from another file and
  // the call trapped in wasm.
  bool name(std::string_view key, Enum& out, std::optional<Enum> (*parse)(std::string_view), const char* choices,
            bool required) {
    std::string value;
    if (!text(key, value, required)) return false;
    if (auto e = parse(value)) {
      out = *e;
      return true;
    }
    std::string message = "'";
    message += value.substr(0, 60);
    message += "' is not one of ";
    message += choices;
    problems_.push_back({child(path_, key), message});
    return false;
  }

  // An array field: nullptr when absent or not an array (a problem is added when the type is
  // wrong or the array is longer than `max`).
  const Json* array(std::string_view key, bool required, std::size_t max) {
    const Json* v = get(key, required);
    if (!v) return nullptr;
    if (!v->is_array()) {
      wrong_type(key, *v, "an array");
      return nullptr;
    }
    if (v->size() > max) {
      problems_.push_back({child(path_, key), "has " + std::to_string(v->size()) + " entries; the limit is " + std::to_string(max)});
      return nullptr;
    }
    return v;
  }

  const Json* object(std::string_view key, bool required) {
    const Json* v = get(key, required);
    if (!v) return nullptr;
    if (!v->is_object()) {
      wrong_type(key, *v, "an object");
      return nullptr;
    }
    return v;
  }

  void finish(std::string_view hint = {}) {
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      if (used_.count(it.key())) continue;
      std::string message = "unknown field";
      if (!hint.empty()) {
        message += "; expected one of ";
        message += hint;
      }
      problems_.push_back({child(path_, it.key()), message});
    }
  }

 private:
  const Json& j_;
  std::string path_;
  Problems& problems_;
  std::set<std::string> used_;
};

constexpr const char* kDistributionKinds =
    "constant, normal, gamma, lognormal, poisson, negative_binomial, discrete, empirical";

std::optional<std::vector<double>> read_numbers(const Json& a, const std::string& path, bool allow_null,
                                                Problems& problems) {
  std::vector<double> out;
  out.reserve(a.size());
  bool ok = true;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const Json& e = a[k];
    if (e.is_number()) {
      out.push_back(e.get<double>());
    } else if (allow_null && e.is_null()) {
      out.push_back(std::numeric_limits<double>::quiet_NaN());
    } else {
      std::string message = allow_null ? "must be a number or null (missing), got " : "must be a number, got ";
      message += type_name(e);
      problems.push_back({child(path, k), message});
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<Distribution> read_distribution(const Json& j, const std::string& path, Problems& problems) {
  if (!j.is_object()) {
    std::string message = "must be an object such as {\"kind\": \"normal\", \"mean\": 10, \"sd\": 2}, got ";
    message += type_name(j);
    problems.push_back({path, message});
    return std::nullopt;
  }
  const std::size_t before = problems.size();
  ObjectReader r(j, path, problems);
  std::string kind;
  if (!r.text("kind", kind, true)) {
    r.finish();
    return std::nullopt;
  }
  std::optional<Distribution> out;
  if (kind == "constant") {
    dist::Constant d;
    r.real("value", d.value, true);
    out = d;
  } else if (kind == "normal") {
    dist::Normal d;
    r.real("mean", d.mean, true);
    r.real("sd", d.sd, true);
    out = d;
  } else if (kind == "gamma") {
    dist::Gamma d;
    r.real("shape", d.shape, true);
    r.real("scale", d.scale, true);
    out = d;
  } else if (kind == "lognormal") {
    dist::Lognormal d;
    r.real("mean", d.mean, true);
    r.real("sd", d.sd, true);
    out = d;
  } else if (kind == "poisson") {
    dist::Poisson d;
    r.real("mean", d.mean, true);
    out = d;
  } else if (kind == "negative_binomial") {
    dist::NegativeBinomial d;
    r.real("mean", d.mean, true);
    r.real("sd", d.sd, true);
    out = d;
  } else if (kind == "discrete") {
    dist::Discrete d;
    if (const Json* a = r.array("outcomes", true, Limits::max_distribution_entries)) {
      for (std::size_t k = 0; k < a->size(); ++k) {
        const std::string op = child(child(path, "outcomes"), k);
        if (!(*a)[k].is_object()) {
          problems.push_back({op, "must be an object {\"value\": ..., \"probability\": ...}"});
          continue;
        }
        ObjectReader o((*a)[k], op, problems);
        dist::Outcome outcome;
        o.real("value", outcome.value, true);
        o.real("probability", outcome.probability, true);
        o.finish("value, probability");
        d.outcomes.push_back(outcome);
      }
    }
    out = d;
  } else if (kind == "empirical") {
    dist::Empirical d;
    if (const Json* a = r.array("sample", true, Limits::max_distribution_entries)) {
      if (auto v = read_numbers(*a, child(path, "sample"), false, problems)) d.sample = std::move(*v);
    }
    out = d;
  } else {
    std::string message = "'";
    message += kind.substr(0, 60);
    message += "' is not a distribution kind; use one of ";
    message += kDistributionKinds;
    problems.push_back({child(path, "kind"), message});
    r.finish();
    return std::nullopt;
  }
  r.finish();
  if (problems.size() != before) return std::nullopt;
  return out;
}

void read_distribution_field(ObjectReader& r, std::string_view key, Distribution& out, bool required,
                             Problems& problems) {
  if (const Json* v = r.get(key, required)) {
    if (auto d = read_distribution(*v, child(r.path(), key), problems)) out = std::move(*d);
  }
}

// Runs `each` on every element of an array field that is an object.
template <typename Each>
void for_each_object(ObjectReader& r, std::string_view key, std::size_t max, Problems& problems, Each each) {
  const Json* a = r.array(key, false, max);
  if (!a) return;
  for (std::size_t k = 0; k < a->size(); ++k) {
    const std::string path = child(child(r.path(), key), k);
    if (!(*a)[k].is_object()) {
      std::string message = "must be an object, got ";
      message += type_name((*a)[k]);
      problems.push_back({path, message});
      continue;
    }
    ObjectReader o((*a)[k], path, problems);
    each(o);
  }
}

void read_items(ObjectReader& top, Scenario& s, Problems& problems) {
  for_each_object(top, "items", Limits::max_items, problems, [&](ObjectReader& o) {
    Item it;
    o.text("id", it.id, true);
    o.text("name", it.name, false);
    o.real("unit_cost", it.unit_cost, false);
    o.text("category", it.category);
    o.text("segment", it.segment);
    if (const Json* lc = o.object("lifecycle", false)) {
      ObjectReader l(*lc, child(o.path(), "lifecycle"), problems);
      Lifecycle life;
      l.text("stage", life.stage);
      l.real("launch_period", life.launch_period);
      l.real("end_of_life_period", life.end_of_life_period);
      l.real("shelf_life_periods", life.shelf_life_periods);
      l.finish("stage, launch_period, end_of_life_period, shelf_life_periods");
      it.lifecycle = life;
    }
    o.finish("id, name, unit_cost, category, segment, lifecycle");
    s.items.push_back(std::move(it));
  });
}

void read_nodes(ObjectReader& top, Scenario& s, Problems& problems) {
  for_each_object(top, "nodes", Limits::max_nodes, problems, [&](ObjectReader& o) {
    Node n;
    o.text("id", n.id, true);
    o.text("name", n.name, false);
    o.text("kind", n.kind, false);
    if (const Json* p = o.object("position", false)) {
      ObjectReader pr(*p, child(o.path(), "position"), problems);
      pr.real("x", n.position.x, true);
      pr.real("y", n.position.y, true);
      pr.finish("x, y");
    }
    if (const Json* a = o.array("produces", false, Limits::max_items)) {
      for (std::size_t k = 0; k < a->size(); ++k) {
        if ((*a)[k].is_string()) n.produces.push_back((*a)[k].get<std::string>());
        else problems.push_back({child(child(o.path(), "produces"), k), "must be an item id (a string)"});
      }
    }
    read_distribution_field(o, "processing_time", n.processing_time, false, problems);
    if (const Json* h = o.object("holding_cost", false)) {
      ObjectReader hr(*h, child(o.path(), "holding_cost"), problems);
      hr.name("basis", n.holding_cost.basis, +[](std::string_view v) { return parse_holding_cost_basis(v); }, "annual_rate_of_value, per_unit_period", true);
      hr.real("value", n.holding_cost.value, true);
      hr.finish("basis, value");
    }
    o.real("capacity_per_period", n.capacity_per_period);
    o.real("max_service_time_periods", n.max_service_time_periods);
    o.real("fixed_order_cost", n.fixed_order_cost, false);
    o.real("cost_added_per_unit", n.cost_added_per_unit);
    o.finish(
        "id, name, kind, position, produces, processing_time, holding_cost, capacity_per_period, "
        "max_service_time_periods, fixed_order_cost, cost_added_per_unit");
    s.nodes.push_back(std::move(n));
  });
}

void read_arcs(ObjectReader& top, Scenario& s, Problems& problems) {
  for_each_object(top, "arcs", Limits::max_arcs, problems, [&](ObjectReader& o) {
    Arc a;
    o.text("from", a.from, true);
    o.text("to", a.to, true);
    o.text("item", a.item, true);
    read_distribution_field(o, "transit_time", a.transit_time, false, problems);
    o.real("quantity_per_unit", a.quantity_per_unit, false);
    o.real("sourcing_share", a.sourcing_share);
    o.finish("from, to, item, transit_time, quantity_per_unit, sourcing_share");
    s.arcs.push_back(std::move(a));
  });
}

void read_demands(ObjectReader& top, Scenario& s, Problems& problems) {
  for_each_object(top, "demands", Limits::max_demands, problems, [&](ObjectReader& o) {
    Demand d;
    o.text("node", d.node, true);
    o.text("item", d.item, true);
    if (const Json* v = o.get("per_period", false)) d.per_period = read_distribution(*v, child(o.path(), "per_period"), problems);
    if (const Json* h = o.object("history", false)) {
      ObjectReader hr(*h, child(o.path(), "history"), problems);
      History history;
      hr.text("start", history.start);
      if (const Json* q = hr.array("quantities", true, Limits::max_history_periods)) {
        if (auto v = read_numbers(*q, child(hr.path(), "quantities"), true, problems)) history.quantities = std::move(*v);
      }
      hr.finish("start, quantities");
      d.history = std::move(history);
    }
    o.finish("node, item, per_period, history");
    s.demands.push_back(std::move(d));
  });
}

void read_targets(ObjectReader& top, Scenario& s, Problems& problems) {
  for_each_object(top, "service_targets", Limits::max_records, problems, [&](ObjectReader& o) {
    ServiceTarget t;
    o.text("node", t.node);
    o.text("item", t.item);
    o.text("segment", t.segment);
    o.name("measure", t.measure, +[](std::string_view v) { return parse_service_measure(v); },
           "cycle_service_level, fill_rate, backorder_cost_per_unit_period, stockout_cost_per_unit", true);
    o.real("value", t.value, true);
    o.finish("node, item, segment, measure, value");
    s.service_targets.push_back(std::move(t));
  });
}

void read_policies(ObjectReader& top, Scenario& s, Problems& problems) {
  for_each_object(top, "policies", Limits::max_records, problems, [&](ObjectReader& o) {
    Policy p;
    o.text("node", p.node, true);
    o.text("item", p.item, true);
    o.name("kind", p.kind, +[](std::string_view v) { return parse_policy_kind(v); }, "base_stock, R_S, s_S, r_Q", true);
    o.name("shortage", p.shortage, +[](std::string_view v) { return parse_shortage_rule(v); }, "backorders, lost_sales", false);
    o.real("review_period_periods", p.review_period_periods, false);
    o.real("order_up_to_level", p.order_up_to_level);
    o.real("reorder_point", p.reorder_point);
    o.real("order_quantity", p.order_quantity);
    o.finish("node, item, kind, shortage, review_period_periods, order_up_to_level, reorder_point, order_quantity");
    s.policies.push_back(std::move(p));
  });
}

// Where each older version would be upgraded to the next one. Version 1 is the first.
bool upgrade(Json& /*document*/, int from_version, Problems& problems) {
  if (from_version == kScenarioVersion) return true;
  problems.push_back({"/version", "version " + std::to_string(from_version) + " is not a version of this format"});
  return false;
}

// Line and column (from 1, as an editor counts them) of the byte at `index`.
std::string line_column(std::string_view text, std::size_t index) {
  index = std::min(index, text.size());
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < index; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(index - line_start + 1);
}

// Builds the document from nlohmann's SAX events, so that every count is capped while parsing,
// before anything large exists: nesting depth, fields per object, entries per array, values in
// all. Fields are appended in file order without the ordered map's search (which makes a plain
// DOM parse quadratic in the number of fields of one object); a hash set per open object finds
// duplicate fields, each reported with its JSON Pointer. Returning false stops the parser at once.
class DocumentBuilder : public nlohmann::json_sax<Json> {
 public:
  explicit DocumentBuilder(Problems& problems) : problems_(problems) {
    stack_.reserve(static_cast<std::size_t>(kMaxScenarioDepth) + 1);  // never moved while parsing
  }

  bool null() override { return place(Json(nullptr)); }
  bool boolean(bool v) override { return place(Json(v)); }
  bool number_integer(number_integer_t v) override { return place(Json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return place(Json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return place(Json(v)); }
  bool string(string_t& v) override { return place(Json(std::move(v))); }
  bool binary(binary_t&) override { return false; }  // not produced by JSON text

  bool start_object(std::size_t) override { return open(Json::object()); }
  bool start_array(std::size_t) override { return open(Json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& k) override {
    Open& top = stack_.back();
    if (top.fields.size() >= kMaxScenarioObjectFields) {
      return refuse(pointer(), "has more than " + std::to_string(kMaxScenarioObjectFields) +
                                   " fields; no object of a scenario has that many");
    }
    if (!top.keys.insert(k).second) {
      problems_.push_back({child(pointer(), k), "appears twice in the same object (duplicate field)"});
      if (++duplicates_ >= 100) return false;
    }
    top.fields.emplace_back(std::move(k), Json());
    return true;
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    syntax_error = true;
    error_position = position;
    error_message = ex.what();
    return false;
  }

  Json document;
  bool syntax_error = false;
  std::size_t error_position = 0;
  std::string error_message;

 private:
  // An open array is filled in place. An open object's fields are gathered in a vector of
  // movable pairs and moved into the object when it closes: the ordered map's own vector holds
  // pairs with a const key, which it copies (whole subtrees) each time it grows.
  struct Open {
    Json* value = nullptr;
    std::unordered_set<std::string> keys;              // objects only
    std::vector<std::pair<std::string, Json>> fields;  // objects only
  };

  // The JSON Pointer of the innermost open container: each child is the last entry of its parent.
  std::string pointer() const {
    std::string out;
    for (std::size_t k = 1; k < stack_.size(); ++k) {
      const Open& parent = stack_[k - 1];
      if (parent.value->is_object()) out = child(out, parent.fields.back().first);
      else out = child(out, parent.value->size() - 1);
    }
    return out;
  }

  bool refuse(std::string path, std::string message) {
    problems_.push_back({std::move(path), std::move(message)});
    return false;
  }

  // Puts a value where the parser is: the root, the end of the open array, or the field whose
  // key came last. Returns the value's new address, or nullptr after refusing it.
  Json* slot(Json&& value) {
    if (++values_ > kMaxScenarioValues) {
      refuse(pointer(), "the file holds more than " + std::to_string(kMaxScenarioValues) + " values");
      return nullptr;
    }
    if (stack_.empty()) {
      document = std::move(value);
      return &document;
    }
    Json& top = *stack_.back().value;
    if (top.is_array()) {
      Json::array_t& array = *top.get_ptr<Json::array_t*>();
      if (array.size() >= kMaxScenarioArrayEntries) {
        refuse(pointer(), "has more than " + std::to_string(kMaxScenarioArrayEntries) + " entries");
        return nullptr;
      }
      array.push_back(std::move(value));
      return &array.back();
    }
    Json& field = stack_.back().fields.back().second;
    field = std::move(value);
    return &field;
  }
  bool place(Json&& value) { return slot(std::move(value)) != nullptr; }

  bool open(Json&& container) {
    if (static_cast<int>(stack_.size()) >= kMaxScenarioDepth) {
      return refuse("", "the JSON is nested more than " + std::to_string(kMaxScenarioDepth) +
                            " levels deep (at " + pointer() + "); a scenario never is");
    }
    Json* where = slot(std::move(container));
    if (!where) return false;
    Open opened;
    opened.value = where;
    stack_.push_back(std::move(opened));
    return true;
  }
  bool close() {
    Open& top = stack_.back();
    if (top.value->is_object()) {
      Json::object_t& object = *top.value->get_ptr<Json::object_t*>();
      object.reserve(top.fields.size());
      for (auto& [k, v] : top.fields) object.emplace_back(std::move(k), std::move(v));
    }
    stack_.pop_back();
    return true;
  }

  Problems& problems_;
  std::vector<Open> stack_;
  std::size_t values_ = 0;
  std::size_t duplicates_ = 0;
};

Problem syntax_problem(std::string_view text, const DocumentBuilder& parsed) {
  // The parser reports how many characters it had read; the offending one is the last.
  const std::size_t index = parsed.error_position > 0 ? parsed.error_position - 1 : 0;
  // nlohmann's messages look like "[json.exception.parse_error.101] parse error at line 1,
  // column 2: syntax error while parsing value - ..."; keep the part after the position.
  std::string what = parsed.error_message;
  if (!what.empty() && what.front() == '[') {
    const std::size_t close = what.find("] ");
    if (close != std::string::npos) what = what.substr(close + 2);
  }
  if (what.rfind("parse error", 0) == 0) {
    const std::size_t colon = what.find(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
  }
  if (what.empty()) what = "the text is not valid JSON";
  return {line_column(text, index), "not valid JSON: " + what};
}

}  // namespace

std::string write_scenario_json(const Scenario& scenario, int indent) {
  const Json j = scenario_json(scenario);
  if (indent < 0) return text_of(j);
  std::string out;
  pretty(j, indent, 0, out);
  out += '\n';
  return out;
}

Result<Scenario> read_scenario_json(std::string_view text) {
  if (text.size() > kMaxScenarioBytes) {
    return Problem{"", "the file is " + std::to_string(text.size()) + " bytes; the limit is " +
                           std::to_string(kMaxScenarioBytes)};
  }
  Problems problems;
  DocumentBuilder parsed(problems);
  const bool complete = Json::sax_parse(text, &parsed);
  if (parsed.syntax_error) return syntax_problem(text, parsed);
  if (!complete || !problems.empty()) {
    if (problems.empty()) problems.push_back({"", "the JSON could not be read"});
    return problems;
  }
  Json document = std::move(parsed.document);
  if (!document.is_object()) {
    std::string message = "a scenario file must be a JSON object, got ";
    message += type_name(document);
    return Problem{"", message};
  }

  {
    auto format = document.find("format");
    if (format == document.end()) {
      problems.push_back({"/format", "is required: \"format\": \"echelon-scenario\""});
    } else if (!format->is_string() || format->get<std::string>() != kScenarioFormat) {
      problems.push_back({"/format", "must be \"echelon-scenario\"; this is not an Echelon scenario file"});
    }
    auto version = document.find("version");
    if (version == document.end()) {
      problems.push_back({"/version", "is required (the current version is " + std::to_string(kScenarioVersion) + ")"});
    } else if (!version->is_number_integer()) {
      problems.push_back({"/version", "must be a whole number (the current version is " + std::to_string(kScenarioVersion) + ")"});
    } else if (version->is_number_unsigned() && version->get<std::uint64_t>() > static_cast<std::uint64_t>(kScenarioVersion)) {
      problems.push_back({"/version", "the file is version " + text_of(*version) + ", written by a newer Echelon; this one reads up to version " +
                                          std::to_string(kScenarioVersion)});
    } else {
      upgrade(document, static_cast<int>(version->get<std::int64_t>()), problems);
    }
    if (!problems.empty()) return problems;
  }

  Scenario s;
  ObjectReader top(document, "", problems);
  top.get("format", true);
  top.get("version", true);
  top.text("name", s.name, false);
  top.text("description", s.description);
  top.name("period", s.period, +[](std::string_view v) { return parse_period(v); }, "day, week, month", true);
  top.text("currency", s.currency, true);
  read_items(top, s, problems);
  read_nodes(top, s, problems);
  read_arcs(top, s, problems);
  read_demands(top, s, problems);
  read_targets(top, s, problems);
  read_policies(top, s, problems);
  if (const Json* st = top.object("settings", false)) {
    ObjectReader r(*st, "/settings", problems);
    r.integer("horizon_periods", s.settings.horizon_periods, 1, Limits::max_horizon_periods);
    r.integer("warm_up_periods", s.settings.warm_up_periods, 0, Limits::max_horizon_periods);
    r.integer("replications", s.settings.replications, 1, Limits::max_replications);
    r.unsigned64("random_seed", s.settings.random_seed);
    r.finish("horizon_periods, warm_up_periods, replications, random_seed");
  }
  top.finish(
      "format, version, name, description, period, currency, items, nodes, arcs, demands, service_targets, "
      "policies, settings");
  if (!problems.empty()) return problems;
  return s;
}

Result<Scenario> load_scenario_json(std::string_view text) {
  auto read = read_scenario_json(text);
  if (!read.ok()) return read;
  Problems problems = validate_scenario(*read);
  if (!problems.empty()) return problems;
  return read;
}

}  // namespace echelon
