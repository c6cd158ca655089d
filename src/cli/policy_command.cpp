// `policy MODEL --json-in FILE|-`: one textbook inventory model solved from a JSON object of its
// inputs (core/policy/ and core/meio/clark_scarf.h). Prints {"ok": true, "model", "inputs" (as
// given), "decision" (the optimal decision), "cost", "formula" (the rule in words), "details"};
// bad input gets {"ok": false, "problems": [...]} naming each field, and exit 1. `echelon policy list` prints
// the models with their input fields.
//
// Adding a model: write a `solve_...(Fields&)` that reads its fields and returns an Answer, and
// add one row to kModels.
//
// Contents
//   Fields                       the input object: numbers read by name, problems per field
//   Answer, solve_...            one solver per model: EOQ, EOQ with backorders, EPQ, quantity
//                                discounts, Wagner-Whitin, finite-horizon (s, S), newsvendor
//                                (read_distribution), (r, Q) and (s, S) (read_period_demand),
//                                Clark-Scarf
//   PolicyModel, kModels         the table of models
//   model_names, nesting_depth, read_input, run_policy   the command's input and output
//   add_policy                   the CLI11 subcommand
#include <algorithm>
#include <cmath>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "core/model/distribution.h"
#include "core/model/model.h"
#include "core/policy/eoq.h"
#include "core/policy/eoq_backorders.h"
#include "core/policy/epq.h"
#include "core/policy/finite_horizon_s_S.h"
#include "core/policy/newsvendor_distribution.h"
#include "core/policy/quantity_discount.h"
#include "core/policy/r_Q_optimal.h"
#include "core/policy/s_S_optimal.h"
#include "core/policy/wagner_whitin.h"
#include "core/meio/clark_scarf.h"
#include "core/stats/stats.h"

namespace echelon::cli {

namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxPolicyInputBytes = 16u * 1024u * 1024u;
constexpr int kMaxPolicyInputDepth = 32;
constexpr std::size_t kMaxCostToGoShown = 2001;  // levels of V_1 printed (a wider table is summarised)

// Reads the fields of one JSON object, each problem with its path; fields never read are
// reported as unknown by finish(), so a misspelt field is not silently ignored.
class Fields {
 public:
  Fields(const Json& object, std::string base, Problems& problems)
      : object_(object), base_(std::move(base)), problems_(problems) {}

  bool has(const std::string& name) const { return object_.contains(name); }
  std::string path(const std::string& name) const { return base_ + name; }
  void problem(const std::string& name, const std::string& message) { problems_.push_back({path(name), message}); }

  const Json* get(const std::string& name) {
    used_.insert(name);
    const auto it = object_.find(name);
    return it == object_.end() ? nullptr : &*it;
  }

  // A finite number; `fallback` when absent (a problem when there is none).
  double number(const std::string& name, std::optional<double> fallback = std::nullopt) {
    const Json* v = get(name);
    if (!v) {
      if (!fallback) problem(name, "is required (a number)");
      return fallback.value_or(0.0);
    }
    return number_at(*v, name);
  }
  std::optional<double> optional_number(const std::string& name) {
    if (!has(name)) {
      used_.insert(name);
      return std::nullopt;
    }
    return number(name);
  }
  // A whole number within +/- limit.
  int integer(const std::string& name, int fallback, int limit) {
    const Json* v = get(name);
    if (!v) return fallback;
    const double x = number_at(*v, name);
    if (x != std::floor(x) || std::fabs(x) > limit) {
      problem(name, "must be a whole number within +/- " + std::to_string(limit) + " (got " + format_number(x) + ")");
      return fallback;
    }
    return static_cast<int>(x);
  }
  // A number or an array of numbers (one per period).
  std::vector<double> numbers(const std::string& name, bool required, std::size_t max_entries) {
    const Json* v = get(name);
    if (!v) {
      if (required) problem(name, "is required (a number or an array of numbers)");
      return {};
    }
    if (v->is_number()) return {number_at(*v, name)};
    if (!v->is_array()) {
      problem(name, "must be a number or an array of numbers");
      return {};
    }
    if (v->size() > max_entries) {
      problem(name, "too large: at most " + std::to_string(max_entries) + " entries (got " + std::to_string(v->size()) + ")");
      return {};
    }
    std::vector<double> out;
    for (std::size_t i = 0; i < v->size(); ++i) out.push_back(number_at((*v)[i], name + "/" + std::to_string(i)));
    return out;
  }
  bool flag(const std::string& name, bool fallback) {
    const Json* v = get(name);
    if (!v) return fallback;
    if (!v->is_boolean()) {
      problem(name, "must be true or false");
      return fallback;
    }
    return v->get<bool>();
  }
  std::string text(const std::string& name, const std::string& fallback) {
    const Json* v = get(name);
    if (!v) return fallback;
    if (!v->is_string()) {
      problem(name, "must be a string");
      return fallback;
    }
    return v->get<std::string>();
  }
  void finish() {
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      if (!used_.count(it.key())) problem(it.key(), "is not a field of this model");
    }
  }

 private:
  double number_at(const Json& v, const std::string& name) {
    if (!v.is_number()) {
      problem(name, "must be a number");
      return 0.0;
    }
    const double x = v.get<double>();
    if (!std::isfinite(x)) problem(name, "must be a finite number");
    return std::isfinite(x) ? x : 0.0;
  }

  const Json& object_;
  std::string base_;
  Problems& problems_;
  std::set<std::string> used_;
};

struct Answer {
  Json decision = Json::object();
  Json cost = Json::object();
  std::string formula;
  Json details = Json::object();
};

// Core problems carry the model's field names; the JSON input uses the same names.
Result<Answer> solve_eoq(Fields& f) {
  EoqInput in;
  in.order_cost_per_order = f.number("order_cost_per_order");
  in.holding_cost_per_unit_period = f.number("holding_cost_per_unit_period");
  in.demand_units_per_period = f.number("demand_units_per_period");
  auto r = compute_eoq(in);
  if (!r.ok()) return r.problems();
  Answer a;
  a.decision = {{"order_quantity_units", r->order_quantity_units}};
  a.cost = {{"cost_per_period", r->cost_per_period}};
  a.details = {{"orders_per_period", r->orders_per_period}, {"cycle_length_periods", r->cycle_length_periods}};
  a.formula = "Q* = sqrt(2 K lambda / h): order so that the ordering cost per period K lambda / Q equals the holding cost h Q / 2.";
  return a;
}

Result<Answer> solve_eoq_backorders(Fields& f) {
  EoqBackordersInput in;
  in.order_cost_per_order = f.number("order_cost_per_order");
  in.holding_cost_per_unit_period = f.number("holding_cost_per_unit_period");
  in.backorder_cost_per_unit_period = f.number("backorder_cost_per_unit_period");
  in.demand_units_per_period = f.number("demand_units_per_period");
  auto r = compute_eoq_backorders(in);
  if (!r.ok()) return r.problems();
  Answer a;
  a.decision = {{"order_quantity_units", r->order_quantity_units}, {"max_backorder_units", r->max_backorder_units}};
  a.cost = {{"cost_per_period", r->cost_per_period},
            {"ordering_cost_per_period", r->ordering_cost_per_period},
            {"holding_cost_per_period", r->holding_cost_per_period},
            {"backorder_cost_per_period", r->backorder_cost_per_period}};
  a.details = {{"max_on_hand_units", r->max_on_hand_units},
               {"share_of_time_in_stock", r->share_of_time_in_stock},
               {"cycle_length_periods", r->cycle_length_periods}};
  a.formula = "Q* = sqrt(2 K lambda (h + b) / (h b)) and backorders build to x* = h Q* / (h + b) before each order arrives: "
              "the EOQ with h replaced by h b / (h + b), as waiting customers are cheaper to keep than stock.";
  return a;
}

Result<Answer> solve_epq(Fields& f) {
  EpqInput in;
  in.setup_cost_per_batch = f.number("setup_cost_per_batch");
  in.holding_cost_per_unit_period = f.number("holding_cost_per_unit_period");
  in.demand_units_per_period = f.number("demand_units_per_period");
  in.production_units_per_period = f.number("production_units_per_period");
  auto r = compute_epq(in);
  if (!r.ok()) return r.problems();
  Answer a;
  a.decision = {{"batch_quantity_units", r->batch_quantity_units}};
  a.cost = {{"cost_per_period", r->cost_per_period}};
  a.details = {{"utilisation", r->utilisation},
               {"max_on_hand_units", r->max_on_hand_units},
               {"production_time_periods", r->production_time_periods},
               {"cycle_length_periods", r->cycle_length_periods}};
  a.formula = "Q* = sqrt(2 K lambda / (h (1 - lambda / P))): the EOQ with holding charged on the peak Q (1 - lambda / P), "
              "since stock builds only at the rate production outpaces demand.";
  return a;
}

Result<Answer> solve_quantity_discount(Fields& f) {
  Problems problems;
  QuantityDiscountInput in;
  const std::string scheme = f.text("scheme", "all_units");
  if (scheme == "incremental") {
    in.scheme = DiscountScheme::incremental;
  } else if (scheme != "all_units") {
    f.problem("scheme", "must be \"all_units\" or \"incremental\" (got \"" + scheme + "\")");
  }
  in.order_cost_per_order = f.number("order_cost_per_order");
  in.demand_units_per_period = f.number("demand_units_per_period");
  in.holding_cost_per_unit_period = f.number("holding_cost_per_unit_period", 0.0);
  in.holding_rate_per_period = f.number("holding_rate_per_period", 0.0);
  const Json* breaks = f.get("breaks");
  if (!breaks || !breaks->is_array()) {
    f.problem("breaks", "is required: an array of {\"min_quantity_units\", \"unit_price\"}");
  } else if (breaks->size() > kMaxPriceBreaks) {
    f.problem("breaks", "too large: at most " + std::to_string(kMaxPriceBreaks) + " price breaks");
  } else {
    for (std::size_t j = 0; j < breaks->size(); ++j) {
      const Json& b = (*breaks)[j];
      if (!b.is_object()) {
        f.problem("breaks/" + std::to_string(j), "must be an object {\"min_quantity_units\", \"unit_price\"}");
        continue;
      }
      Fields bf(b, f.path("breaks/" + std::to_string(j) + "/"), problems);
      PriceBreak pb;
      pb.min_quantity_units = bf.number("min_quantity_units");
      pb.unit_price = bf.number("unit_price");
      bf.finish();
      in.breaks.push_back(pb);
    }
  }
  if (!problems.empty()) return problems;
  auto r = compute_quantity_discount(in);
  if (!r.ok()) return r.problems();
  Answer a;
  a.decision = {{"order_quantity_units", r->order_quantity_units}, {"price_break_index", r->price_break_index}};
  a.cost = {{"cost_per_period", r->cost_per_period},
            {"purchase_cost_per_period", r->purchase_cost_per_period},
            {"ordering_cost_per_period", r->ordering_cost_per_period},
            {"holding_cost_per_period", r->holding_cost_per_period}};
  Json candidates = Json::array();
  for (const DiscountCandidate& c : r->candidates) {
    Json one{{"unconstrained_quantity_units", c.unconstrained_quantity_units}, {"in_range", c.in_range}, {"considered", c.considered}};
    if (c.considered) {
      one["quantity_units"] = c.quantity_units;
      one["cost_per_period"] = c.cost_per_period;
    }
    candidates.push_back(one);
  }
  a.details = {{"average_unit_price", r->average_unit_price}, {"candidates", candidates}};
  a.formula = in.scheme == DiscountScheme::all_units
                  ? "For each price, the EOQ at that price's holding cost; if it lies below the price's range the range's "
                    "smallest quantity is the candidate, if above the range is skipped. The candidate with the least "
                    "purchase + ordering + holding cost per period wins."
                  : "For each price range, the EOQ with the range's fixed purchase part added to the order cost, clamped "
                    "into the range; the candidate with the least purchase + ordering + holding cost per period wins.";
  return a;
}

Result<Answer> solve_wagner_whitin(Fields& f) {
  WagnerWhitinInput in;
  in.demand_units = f.numbers("demand_units", true, kMaxLotSizingPeriods + 1);
  in.order_cost_per_order = f.numbers("order_cost_per_order", true, kMaxLotSizingPeriods + 1);
  in.holding_cost_per_unit_period = f.numbers("holding_cost_per_unit_period", true, kMaxLotSizingPeriods + 1);
  in.unit_cost = f.numbers("unit_cost", false, kMaxLotSizingPeriods + 1);
  in.use_planning_horizons = f.flag("use_planning_horizons", false);
  auto r = compute_wagner_whitin(in);
  if (!r.ok()) return r.problems();
  Answer a;
  a.decision = {{"order_units", r->order_units}, {"order_periods", r->order_periods}};
  a.cost = {{"total_cost", r->total_cost},
            {"ordering_cost", r->ordering_cost},
            {"holding_cost", r->holding_cost},
            {"purchase_cost", r->purchase_cost}};
  a.details = {{"cost_to_period", r->cost_to_period},
               {"planning_horizons", r->planning_horizons},
               {"work_units", r->work_units}};
  a.formula = "f(j) = min over i <= j of f(i - 1) + the cost of one order in period i covering periods i..j: some optimal "
              "plan orders only when stock runs out, so every order covers whole periods.";
  return a;
}

Result<Answer> solve_finite_horizon_s_S(Fields& f) {
  Problems problems;
  FiniteHorizonInput in;
  const bool has_pmfs = f.has("demand_probabilities"), has_poisson = f.has("poisson_means");
  if (has_pmfs == has_poisson) {
    f.problem("demand_probabilities", "give exactly one of demand_probabilities (one pmf per period) and poisson_means");
  }
  if (has_pmfs) {
    const Json* pmfs = f.get("demand_probabilities");
    if (!pmfs->is_array()) {
      f.problem("demand_probabilities", "must be an array with one array P(D = 0), P(D = 1), ... per period");
    } else if (pmfs->size() > kMaxFiniteHorizonPeriods) {
      f.problem("demand_probabilities", "too large: at most " + std::to_string(kMaxFiniteHorizonPeriods) + " periods");
    } else {
      for (std::size_t t = 0; t < pmfs->size(); ++t) {
        const Json& pmf = (*pmfs)[t];
        const std::string at = "demand_probabilities/" + std::to_string(t);
        if (!pmf.is_array()) {
          f.problem(at, "must be an array of probabilities");
          continue;
        }
        if (pmf.size() > kMaxFiniteHorizonDemandOutcomes) {
          f.problem(at, "too large: at most " + std::to_string(kMaxFiniteHorizonDemandOutcomes) + " outcomes");
          continue;
        }
        std::vector<double> p;
        for (std::size_t k = 0; k < pmf.size(); ++k) {
          if (!pmf[k].is_number() || !std::isfinite(pmf[k].get<double>())) {
            f.problem(at + "/" + std::to_string(k), "must be a number");
            p.push_back(0.0);
          } else {
            p.push_back(pmf[k].get<double>());
          }
        }
        in.demand_probabilities.push_back(std::move(p));
      }
    }
  }
  if (has_poisson) {
    const std::vector<double> means = f.numbers("poisson_means", true, kMaxFiniteHorizonPeriods);
    for (std::size_t t = 0; t < means.size(); ++t) {
      // A Poisson of mean 1000 needs about 1,200 outcomes to its 1e-12 tail; larger ones are refused.
      if (!(means[t] >= 0.0) || means[t] > 1000.0) {
        f.problem("poisson_means/" + std::to_string(t), "must be from 0 to 1000 (got " + format_number(means[t]) + ")");
        continue;
      }
      in.demand_probabilities.push_back(stats::poisson_distribution(means[t]).pmf);
    }
  }
  in.fixed_order_cost = f.number("fixed_order_cost");
  in.unit_cost = f.number("unit_cost", 0.0);
  in.holding_cost_per_unit_period = f.number("holding_cost_per_unit_period");
  in.backorder_cost_per_unit_period = f.number("backorder_cost_per_unit_period");
  in.discount_factor = f.number("discount_factor", 1.0);
  in.terminal_cost_per_unit_left = f.number("terminal_cost_per_unit_left", 0.0);
  in.terminal_cost_per_unit_short = f.number("terminal_cost_per_unit_short", 0.0);
  constexpr int kLevelLimit = 1000000;
  in.lowest_start_level = f.integer("lowest_start_level", 0, kLevelLimit);
  if (f.has("highest_level")) in.highest_level = f.integer("highest_level", 0, kLevelLimit);
  in.initial_level = f.integer("initial_level", std::max(0, in.lowest_start_level), kLevelLimit);
  if (!problems.empty()) return problems;
  auto r = compute_finite_horizon_s_S(in);
  if (!r.ok()) return r.problems();
  Answer a;
  Json periods = Json::array();
  bool all_s_S = true;
  for (std::size_t t = 0; t < r->periods.size(); ++t) {
    const FiniteHorizonPeriod& p = r->periods[t];
    Json one{{"period", t + 1}, {"order_up_to_level", p.order_up_to_level}, {"orders", p.orders}, {"is_s_S", p.is_s_S}};
    if (p.orders) one["reorder_point"] = p.reorder_point;
    periods.push_back(one);
    all_s_S = all_s_S && p.is_s_S;
  }
  a.decision = {{"periods", periods}, {"all_periods_s_S", all_s_S}};
  a.cost = {{"expected_cost", r->expected_cost}, {"initial_level", in.initial_level}};
  const FiniteHorizonPeriod& first = r->periods[0];
  const int from = in.lowest_start_level;
  const std::size_t skip = static_cast<std::size_t>(from - first.lowest_level);
  Json cost_to_go = Json::array();
  const std::size_t shown = std::min(first.cost_to_go.size() - skip, kMaxCostToGoShown);
  for (std::size_t i = 0; i < shown; ++i) cost_to_go.push_back(first.cost_to_go[skip + i]);
  a.details = {{"highest_level", r->highest_level},
               {"work_units", r->work_units},
               {"cost_to_go_first_period", {{"from_level", from}, {"values", cost_to_go}}}};
  a.formula = "Backward induction from the last period: in period t the level after ordering y minimises c y + expected "
              "holding and backorder cost + the discounted expected cost to go, with K charged when ordering; the "
              "answer is to order up to S_t when the level is at or below s_t (Scarf's (s, S) form).";
  return a;
}

// A Distribution in the scenario file format (docs/scenario-format.md, "Distribution").
std::optional<Distribution> read_distribution(const Json& j, const std::string& base, Problems& problems) {
  if (!j.is_object()) {
    problems.push_back({base, "must be an object with \"kind\" and its parameters"});
    return std::nullopt;
  }
  Fields f(j, base + "/", problems);
  const std::string kind = f.text("kind", "");
  const std::size_t before = problems.size();
  Distribution d;
  if (kind == "constant") {
    d = dist::Constant{f.number("value")};
  } else if (kind == "normal") {
    d = dist::Normal{f.number("mean"), f.number("sd")};
  } else if (kind == "gamma") {
    d = dist::Gamma{f.number("shape"), f.number("scale")};
  } else if (kind == "lognormal") {
    d = dist::Lognormal{f.number("mean"), f.number("sd")};
  } else if (kind == "poisson") {
    d = dist::Poisson{f.number("mean")};
  } else if (kind == "negative_binomial") {
    d = dist::NegativeBinomial{f.number("mean"), f.number("sd")};
  } else if (kind == "discrete") {
    dist::Discrete table;
    const Json* outcomes = f.get("outcomes");
    if (!outcomes || !outcomes->is_array()) {
      f.problem("outcomes", "is required: an array of {\"value\", \"probability\"}");
    } else if (outcomes->size() > Limits::max_distribution_entries) {
      f.problem("outcomes", "too large: at most " + std::to_string(Limits::max_distribution_entries) + " outcomes");
    } else {
      for (std::size_t i = 0; i < outcomes->size(); ++i) {
        const std::string at = base + "/outcomes/" + std::to_string(i);
        if (!(*outcomes)[i].is_object()) {
          problems.push_back({at, "must be an object {\"value\", \"probability\"}"});
          continue;
        }
        Fields of((*outcomes)[i], at + "/", problems);
        dist::Outcome o;
        o.value = of.number("value");
        o.probability = of.number("probability");
        of.finish();
        table.outcomes.push_back(o);
      }
    }
    d = table;
  } else if (kind == "empirical") {
    d = dist::Empirical{f.numbers("sample", true, Limits::max_distribution_entries)};
  } else {
    f.problem("kind", "must be one of constant, normal, gamma, lognormal, poisson, negative_binomial, discrete, empirical (got \"" +
                          kind + "\")");
    return std::nullopt;
  }
  f.finish();
  if (problems.size() != before) return std::nullopt;
  return d;
}

Result<Answer> solve_newsvendor(Fields& f) {
  Problems problems;
  GeneralNewsvendorInput in;
  const Json* demand = f.get("demand");
  std::optional<Distribution> d;
  if (!demand) f.problem("demand", "is required: a distribution such as {\"kind\": \"lognormal\", \"mean\": 100, \"sd\": 50}");
  else d = read_distribution(*demand, f.path("demand"), problems);
  if (d) in.demand = *d;
  const bool price_form = f.has("selling_price") || f.has("unit_cost") || f.has("salvage_value") || f.has("goodwill_cost_per_unit_short");
  const bool cost_form = f.has("overage_cost_per_unit") || f.has("underage_cost_per_unit");
  if (price_form && cost_form) {
    f.get("overage_cost_per_unit");
    f.get("underage_cost_per_unit");
    f.problem("overage_cost_per_unit", "give either the cost form (overage_cost_per_unit, underage_cost_per_unit) or the price "
                                       "form (selling_price, unit_cost, salvage_value, goodwill_cost_per_unit_short), not both");
  }
  if (price_form) {
    in.form = NewsvendorForm::prices;
    in.selling_price = f.number("selling_price");
    in.unit_cost = f.number("unit_cost");
    in.salvage_value = f.number("salvage_value", 0.0);
    in.goodwill_cost_per_unit_short = f.number("goodwill_cost_per_unit_short", 0.0);
  } else {
    in.form = NewsvendorForm::costs;
    in.overage_cost_per_unit = f.number("overage_cost_per_unit");
    in.underage_cost_per_unit = f.number("underage_cost_per_unit");
  }
  if (!problems.empty()) return problems;
  auto r = compute_general_newsvendor(in);
  if (!r.ok()) return r.problems();
  Answer a;
  a.decision = {{"order_quantity", r->order_quantity}};
  a.cost = {{"expected_cost", r->expected_cost}};
  if (in.form == NewsvendorForm::prices) a.cost["expected_profit"] = r->expected_profit;
  a.details = {{"critical_ratio", r->critical_ratio},
               {"overage_cost_per_unit", r->overage_cost_per_unit},
               {"underage_cost_per_unit", r->underage_cost_per_unit},
               {"expected_sales", r->expected_sales},
               {"expected_left_over", r->expected_left_over},
               {"expected_short", r->expected_short},
               {"in_stock_probability", r->in_stock_probability},
               {"fill_rate", r->fill_rate},
               {"demand_mean", r->demand_mean},
               {"demand_sd", r->demand_sd}};
  a.formula = "Stock the critical fractile: the smallest S with P(D <= S) >= c_u / (c_u + c_o) = " +
              format_number(r->underage_cost_per_unit) + " / (" + format_number(r->underage_cost_per_unit) + " + " +
              format_number(r->overage_cost_per_unit) + ") = " + format_number(r->critical_ratio) +
              (in.form == NewsvendorForm::prices ? ", with c_u = price - cost + goodwill and c_o = cost - salvage." : ".");
  return a;
}

// Demand per period for the (r, Q) and (s, S) optimisers: {"kind": "normal", "mean", "sd"},
// {"kind": "poisson", "mean"}, {"kind": "negative_binomial", "mean", "sd"} or
// {"kind": "pmf", "probabilities": [P(D = 0), P(D = 1), ...]}.
std::optional<PeriodDemand> read_period_demand(Fields& f, Problems& problems) {
  const Json* j = f.get("demand");
  if (!j || !j->is_object()) {
    f.problem("demand", "is required: an object such as {\"kind\": \"poisson\", \"mean\": 20}");
    return std::nullopt;
  }
  Fields d(*j, f.path("demand/"), problems);
  const std::size_t before = problems.size();
  const std::string kind = d.text("kind", "");
  PeriodDemand out;
  if (kind == "normal" || kind == "negative_binomial") {
    out.kind = kind == "normal" ? DemandKind::normal : DemandKind::negative_binomial;
    out.mean_units_per_period = d.number("mean");
    out.sd_units_per_period = d.number("sd");
  } else if (kind == "poisson") {
    out.kind = DemandKind::poisson;
    out.mean_units_per_period = d.number("mean");
  } else if (kind == "pmf") {
    out.kind = DemandKind::empirical;
    out.probabilities = d.numbers("probabilities", true, Limits::max_distribution_entries);
  } else {
    d.problem("kind", "must be normal, poisson, negative_binomial or pmf (got \"" + kind + "\")");
    return std::nullopt;
  }
  d.finish();
  if (problems.size() != before) return std::nullopt;
  return out;
}

Result<Answer> solve_r_Q(Fields& f) {
  Problems problems;
  RQOptimalInput in;
  if (auto d = read_period_demand(f, problems)) in.demand = *d;
  in.lead_time_periods = f.number("lead_time_periods");
  in.order_cost_per_order = f.number("order_cost_per_order");
  in.holding_cost_per_unit_period = f.number("holding_cost_per_unit_period");
  in.backorder_cost_per_unit_period = f.number("backorder_cost_per_unit_period", 0.0);
  const std::string constraint = f.text("service_constraint", "none");
  if (constraint == "cycle_service_level") in.constraint = RQServiceConstraint::cycle_service_level;
  else if (constraint == "fill_rate") in.constraint = RQServiceConstraint::fill_rate;
  else if (constraint != "none")
    f.problem("service_constraint", "must be none, cycle_service_level or fill_rate (got \"" + constraint + "\")");
  in.service_target = f.number("service_target", 0.95);
  if (!problems.empty()) return problems;
  auto r = optimize_r_Q(in);
  if (!r.ok()) return r.problems();
  const RQPolicyCost& o = r->optimal;
  Answer a;
  a.decision = {{"reorder_point", o.reorder_point}, {"lot_size_units", o.lot_size_units}};
  a.cost = {{"cost_per_period", o.cost_per_period},
            {"ordering_cost_per_period", o.ordering_cost_per_period},
            {"holding_cost_per_period", o.holding_cost_per_period},
            {"backorder_cost_per_period", o.backorder_cost_per_period}};
  a.details = {{"cycle_service_level", o.cycle_service_level},
               {"fill_rate", o.fill_rate},
               {"whole_units", r->whole_units},
               {"search_steps", r->search_steps}};
  a.formula = "The (r, Q) pair of least exact expected ordering, holding and backorder cost per period (see "
              "core/policy/r_Q_optimal.h): for each Q the best r, then the best Q"
              + std::string(in.constraint == RQServiceConstraint::none ? "." : ", among the pairs meeting the service target.");
  return a;
}

Result<Answer> solve_s_S(Fields& f) {
  Problems problems;
  SSOptimalInput in;
  if (auto d = read_period_demand(f, problems)) in.demand = *d;
  in.lead_time_periods = f.number("lead_time_periods", 0.0);
  in.order_cost_per_order = f.number("order_cost_per_order");
  in.holding_cost_per_unit_period = f.number("holding_cost_per_unit_period");
  in.backorder_cost_per_unit_period = f.number("backorder_cost_per_unit_period");
  if (!problems.empty()) return problems;
  auto r = optimize_s_S(in);
  if (!r.ok()) return r.problems();
  Answer a;
  a.decision = {{"reorder_level", r->optimal.reorder_level}, {"order_up_to_level", r->optimal.order_up_to_level}};
  a.cost = {{"cost_per_period", r->optimal.cost_per_period}};
  a.details = {{"orders_per_period", r->optimal.orders_per_period},
               {"myopic_level", r->myopic_level},
               {"myopic_cost_per_period", r->myopic_cost_per_period},
               {"cost_evaluations", r->cost_evaluations}};
  if (auto power = power_approximation_s_S(in); power.ok()) {
    a.details["power_approximation"] = {{"reorder_level", power->policy.reorder_level},
                                        {"order_up_to_level", power->policy.order_up_to_level},
                                        {"cost_per_period", power->policy.cost_per_period}};
  }
  a.formula = "Zheng & Federgruen's search over (s, S): order up to S when the position falls to s or below, with "
              "c(s, S) = (K + sum of G over the positions one cycle visits) / (expected periods per cycle), G the "
              "expected holding and backorder cost a lead time ahead.";
  return a;
}

Result<Answer> solve_clark_scarf(Fields& f) {
  Problems problems;
  SerialSystem in;
  const Json* stages = f.get("stages");
  if (!stages || !stages->is_array() || stages->empty()) {
    f.problem("stages", "is required: an array of {\"echelon_holding_cost_per_unit_period\", \"lead_time_periods\"}, "
                        "the customer-facing stage first");
  } else if (stages->size() > 1000) {
    f.problem("stages", "too large: at most 1000 stages");
  } else {
    for (std::size_t j = 0; j < stages->size(); ++j) {
      const std::string at = "stages/" + std::to_string(j);
      if (!(*stages)[j].is_object()) {
        f.problem(at, "must be an object {\"echelon_holding_cost_per_unit_period\", \"lead_time_periods\"}");
        continue;
      }
      Fields sf((*stages)[j], f.path(at + "/"), problems);
      SerialStage stage;
      stage.echelon_holding_cost_per_unit_period = sf.number("echelon_holding_cost_per_unit_period");
      stage.lead_time_periods = sf.number("lead_time_periods");
      sf.finish();
      in.stages.push_back(stage);
    }
  }
  in.backorder_cost_per_unit_period = f.number("backorder_cost_per_unit_period");
  const Json* demand = f.get("demand");
  if (!demand || !demand->is_object()) {
    f.problem("demand", "is required: {\"kind\": \"normal\", \"mean\", \"sd\"} or {\"kind\": \"poisson\", \"mean\"}");
  } else {
    Fields d(*demand, f.path("demand/"), problems);
    const std::string kind = d.text("kind", "");
    if (kind == "normal") {
      in.demand_kind = SerialDemandKind::normal;
      in.demand_mean_per_period = d.number("mean");
      in.demand_sd_per_period = d.number("sd");
    } else if (kind == "poisson") {
      in.demand_kind = SerialDemandKind::poisson;
      in.demand_mean_per_period = d.number("mean");
    } else {
      d.problem("kind", "must be normal or poisson (got \"" + kind + "\")");
    }
    d.finish();
  }
  in.grid_points_per_sd = f.integer("grid_points_per_sd", in.grid_points_per_sd, 64);
  if (!problems.empty()) return problems;
  auto r = optimize_serial_base_stock(in);
  if (!r.ok()) return r.problems();
  Answer a;
  a.decision = {{"echelon_base_stock", r->echelon_base_stock}, {"local_base_stock", r->local_base_stock}};
  a.cost = {{"expected_cost_per_period", r->expected_cost_per_period}};
  a.details = {{"echelon_cost", r->echelon_cost}, {"grid_step_units", r->grid_step_units}, {"work_products", r->work_products}};
  a.formula = "Clark & Scarf, Chen & Zheng: from the customer-facing stage up, each stage's echelon base-stock level "
              "minimises its echelon holding cost plus the optimal cost of the stages below, with any shortfall of its "
              "supply charged at the lower stages' cost function (a newsvendor per stage).";
  return a;
}

struct PolicyModel {
  const char* name;
  const char* summary;
  const char* fields;  // the input fields, for `policy list`
  Result<Answer> (*solve)(Fields&);
};

// One row per model.
constexpr PolicyModel kModels[] = {
    {"eoq", "Economic order quantity (Harris)", "order_cost_per_order, holding_cost_per_unit_period, demand_units_per_period",
     solve_eoq},
    {"eoq_backorders", "EOQ with planned backorders",
     "order_cost_per_order, holding_cost_per_unit_period, backorder_cost_per_unit_period, demand_units_per_period",
     solve_eoq_backorders},
    {"epq", "Economic production quantity (finite production rate)",
     "setup_cost_per_batch, holding_cost_per_unit_period, demand_units_per_period, production_units_per_period", solve_epq},
    {"quantity_discount", "EOQ with all-units or incremental quantity discounts",
     "scheme (all_units | incremental), order_cost_per_order, demand_units_per_period, holding_cost_per_unit_period, "
     "holding_rate_per_period, breaks [{min_quantity_units, unit_price}]",
     solve_quantity_discount},
    {"wagner_whitin", "Dynamic lot sizing (Wagner-Whitin)",
     "demand_units [per period], order_cost_per_order, holding_cost_per_unit_period, unit_cost (each a number or one per period), "
     "use_planning_horizons (true or false)",
     solve_wagner_whitin},
    {"finite_horizon_s_S", "Finite-horizon (s, S) by dynamic programming",
     "demand_probabilities [[P(D=0), ...] per period] or poisson_means [per period], fixed_order_cost, unit_cost, "
     "holding_cost_per_unit_period, backorder_cost_per_unit_period, discount_factor, terminal_cost_per_unit_left, "
     "terminal_cost_per_unit_short, lowest_start_level, highest_level, initial_level",
     solve_finite_horizon_s_S},
    {"newsvendor", "Newsvendor for any scenario demand distribution, cost or price form",
     "demand (a scenario distribution), and overage_cost_per_unit, underage_cost_per_unit, or selling_price, unit_cost, "
     "salvage_value, goodwill_cost_per_unit_short",
     solve_newsvendor},
    {"r_Q", "Optimal (r, Q) with the exact cost (normal or Poisson demand), optionally under a service target",
     "demand {kind: normal | poisson, mean, sd}, lead_time_periods, order_cost_per_order, holding_cost_per_unit_period, "
     "backorder_cost_per_unit_period, service_constraint (none | cycle_service_level | fill_rate), service_target",
     solve_r_Q},
    {"s_S", "Optimal periodic (s, S) for whole-unit demand (Zheng & Federgruen), with the power approximation",
     "demand {kind: poisson | negative_binomial | pmf, mean, sd, probabilities}, lead_time_periods, order_cost_per_order, "
     "holding_cost_per_unit_period, backorder_cost_per_unit_period",
     solve_s_S},
    {"clark_scarf", "Optimal echelon base-stock levels of a serial line (Clark & Scarf)",
     "stages [{echelon_holding_cost_per_unit_period, lead_time_periods}] customer-facing first, "
     "backorder_cost_per_unit_period, demand {kind: normal | poisson, mean, sd}, grid_points_per_sd",
     solve_clark_scarf},
};

std::string model_names() {
  std::string names;
  for (const PolicyModel& m : kModels) names += std::string(names.empty() ? "" : ", ") + m.name;
  return names;
}

// Deepest nesting of arrays and objects, counted outside strings, without parsing.
int nesting_depth(const std::string& text) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    else if (c == ']' || c == '}') --depth;
  }
  return deepest;
}

std::optional<std::string> read_input(const std::string& source) {
  if (source != "-") return read_file(source);
  std::string text;
  char buffer[65536];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    if (text.size() > kMaxPolicyInputBytes) {
      report_invalid({{"--json-in", "the input is larger than " + std::to_string(kMaxPolicyInputBytes) + " bytes"}}, "-");
      return std::nullopt;
    }
  }
  return text;
}

int run_policy(const std::string& model_name, const std::string& source) {
  if (model_name == "list") {
    Json models = Json::array();
    for (const PolicyModel& m : kModels) models.push_back({{"model", m.name}, {"summary", m.summary}, {"fields", m.fields}});
    std::cout << json_text(Json{{"ok", true}, {"models", models}}) << "\n";
    return kExitOk;
  }
  const PolicyModel* model = nullptr;
  for (const PolicyModel& m : kModels) {
    if (model_name == m.name) model = &m;
  }
  if (!model) return report_invalid({{"MODEL", "unknown model \"" + model_name + "\"; one of: " + model_names() + ", or list"}});
  if (source.empty()) return report_invalid({{"--json-in", "is required: a JSON file of the model's inputs, or - for stdin"}});
  const auto text = read_input(source);
  if (!text) return kExitInvalidInput;
  if (text->size() > kMaxPolicyInputBytes) {
    return report_invalid({{"--json-in", "the input is larger than " + std::to_string(kMaxPolicyInputBytes) + " bytes"}}, source);
  }
  if (nesting_depth(*text) > kMaxPolicyInputDepth) {
    return report_invalid({{"", "nested deeper than " + std::to_string(kMaxPolicyInputDepth) + " levels"}}, source);
  }
  const Json input = Json::parse(*text, nullptr, false);
  if (input.is_discarded()) return report_invalid({{"", "not valid JSON"}}, source);
  if (!input.is_object()) return report_invalid({{"", "must be a JSON object of the model's inputs"}}, source);
  Problems problems;
  Fields fields(input, "", problems);
  auto answer = model->solve(fields);
  fields.finish();
  // A field already reported (missing, or not a number) gets no second, vaguer message from the
  // model's own validation about the placeholder put in its place.
  const Problems reading = problems;
  for (const Problem& p : answer.problems()) {
    const bool seen = std::any_of(reading.begin(), reading.end(), [&](const Problem& q) { return q.path == p.path; });
    if (!seen) problems.push_back(p);
  }
  if (!problems.empty()) return report_invalid(problems, source);
  const Answer& a = answer.value();
  Json out{{"ok", true},          {"model", model->name},   {"inputs", input},     {"decision", a.decision},
           {"cost", a.cost},      {"formula", a.formula},   {"details", a.details}};
  std::cout << json_text(out) << "\n";
  return kExitOk;
}

}  // namespace

Command add_policy(CLI::App& app) {
  auto model = std::make_shared<std::string>();
  auto source = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("policy", "Solve one textbook inventory model from JSON inputs (policy list: the models)");
  cmd->add_option("MODEL", *model, "The model: " + model_names() + ", or list")->required();
  cmd->add_option("--json-in", *source, "JSON object of the model's inputs: a file, or - for stdin");
  return {cmd, [model, source]() { return run_policy(*model, *source); }};
}

}  // namespace echelon::cli
