// The app's textbook models: one inventory model at a time solved from its inputs, checked by
// simulation where the model has one.
//
// Contents
//   num, pm, make_models          formatting; the models with their fields and defaults
//   input_problem, check_field    input checks naming the field
//   sim_base, not_simulated_yet   the single-location simulation shared by several models
//   solve_...                     EOQ with backorders, EPQ, quantity discount, Wagner-Whitin,
//                                 finite horizon (s, S), newsvendor, (r, Q), (s, S), Clark-Scarf
//   textbook_models ... run_textbook_model   the public lookup and the dispatch to a solver
//   TextbookState                 the selected model, its inputs and the last good result
#include "app/textbook_models.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/meio/clark_scarf.h"
#include "core/model/distribution.h"
#include "core/policy/eoq.h"
#include "core/policy/eoq_backorders.h"
#include "core/policy/epq.h"
#include "core/policy/finite_horizon_s_S.h"
#include "core/policy/newsvendor_distribution.h"
#include "core/policy/quantity_discount.h"
#include "core/policy/r_Q_optimal.h"
#include "core/policy/s_S_optimal.h"
#include "core/policy/wagner_whitin.h"
#include "core/sim/policy_sim.h"
#include "core/sim/sim.h"
#include "core/stats/stats.h"

namespace echelon::app {

namespace {

constexpr double kBig = 1e7;
// The simulation shown beside the analytic figures: short enough for a frame in wasm, seeded.
constexpr int kSimPeriods = 4000;
constexpr int kSimWarmup = 200;
constexpr int kSimReplications = 8;
constexpr std::uint64_t kSimSeed = 20260101;
// Newsvendor seasons per replication: a season is one draw, so many are cheap.
constexpr int kNewsvendorSeasons = 16000;
constexpr int kMaxWagnerWhitinPeriods = 52;
constexpr int kMaxOutcomes = 10;
constexpr int kMaxSample = 30;
constexpr int kMaxSerialStages = 20;

std::string num(double v) {
  char text[48];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

std::string pm(const SimEstimate& e, double scale = 1.0) {
  return num(scale * e.mean) + " +- " + num(scale * e.standard_error);
}

// Silver, Pyke & Thomas's 12 periods, repeated for longer horizons.
const double kSptDemand[12] = {10, 62, 12, 130, 154, 129, 88, 52, 124, 160, 238, 41};

// Built on first use (the state of an app held in a static may ask for the models before this
// file's own statics exist, so nothing here reads a non-constant static).
std::vector<TextbookModelInfo> make_models() {
  const std::vector<std::string> distribution_choices = {"constant",          "normal",        "gamma",
                                                         "lognormal",         "Poisson",       "negative binomial",
                                                         "discrete table",    "empirical sample"};
  std::vector<TextbookModelInfo> m;
  m.push_back({TextbookModel::eoq, "eoq", "EOQ (economic order quantity)",
               "Order size Q for steady demand, with no shortages (Harris).", false,
               {{"order_cost_per_order", "Order cost K", "money/order", 100.0, 0.0, kBig, true, false,
                 "Fixed cost of placing one order."},
                {"holding_cost_per_unit_period", "Holding cost h", "money/unit/period", 2.0, 0.0, kBig, true, false,
                 "Cost of keeping one unit in stock for one period."},
                {"demand_units_per_period", "Demand rate lambda", "units/period", 1000.0, 0.0, kBig, false, false,
                 "Steady demand per period."}}});
  m.push_back({TextbookModel::eoq_backorders, "eoq_backorders", "EOQ with planned backorders",
               "Order size Q and the backorders x allowed before each order arrives, for steady demand.", false,
               {{"order_cost_per_order", "Order cost K", "money/order", 8.0, 0.0, kBig, true, false,
                 "Fixed cost of placing one order."},
                {"holding_cost_per_unit_period", "Holding cost h", "money/unit/period", 0.225, 0.0, kBig, true, false,
                 "Cost of keeping one unit in stock for one period."},
                {"backorder_cost_per_unit_period", "Backorder cost b", "money/unit/period", 5.0, 0.0, kBig, true, false,
                 "Cost of owing a customer one unit for one period."},
                {"demand_units_per_period", "Demand rate lambda", "units/period", 1300.0, 0.0, kBig, false, false,
                 "Steady demand per period."}}});
  m.push_back({TextbookModel::epq, "epq", "Economic production quantity",
               "Batch size Q when a batch is produced at a finite rate P instead of arriving at once.", false,
               {{"setup_cost_per_batch", "Setup cost K", "money/batch", 100.0, 0.0, kBig, true, false,
                 "Fixed cost of starting one batch."},
                {"holding_cost_per_unit_period", "Holding cost h", "money/unit/period", 2.0, 0.0, kBig, true, false,
                 "Cost of keeping one unit in stock for one period."},
                {"demand_units_per_period", "Demand rate lambda", "units/period", 1000.0, 0.0, kBig, false, false,
                 "Steady demand per period."},
                {"production_units_per_period", "Production rate P", "units/period", 4000.0, 0.0, kBig, true, false,
                 "Units made per period while a batch runs; must exceed the demand rate."}}});
  m.push_back({TextbookModel::quantity_discount, "quantity_discount", "EOQ with quantity discounts",
               "Order size Q when the unit price falls at price breaks (purchase cost in the objective).", false,
               {TextbookField::choice("scheme", "Discount scheme", 0, {"all-units", "incremental"},
                                      "All-units: the whole order gets the price of its range. Incremental: each "
                                      "unit gets the price of its own range."),
                {"order_cost_per_order", "Order cost K", "money/order", 8.0, 0.0, kBig, false, false,
                 "Fixed cost of placing one order."},
                {"demand_units_per_period", "Demand rate lambda", "units/period", 600.0, 0.0, kBig, true, false,
                 "Steady demand per period."},
                {"holding_cost_per_unit_period", "Holding cost h", "money/unit/period", 0.0, 0.0, kBig, false, false,
                 "Fixed part of the holding cost (h and i may not both be 0)."},
                {"holding_rate_per_period", "Holding rate i", "1/period", 0.2, 0.0, 10.0, false, false,
                 "Holding cost as a fraction of the unit's price per period."},
                {"price_0", "Price below break 1", "money/unit", 0.30, 0.0, kBig, true, false, "Unit price c_0."},
                {"break_1", "Break 1", "units", 500.0, 0.0, kBig, true, false, "Quantity from which price 1 applies."},
                {"price_1", "Price from break 1", "money/unit", 0.29, 0.0, kBig, true, false, "Unit price c_1."},
                {"break_2", "Break 2", "units", 1000.0, 0.0, kBig, true, false, "Quantity from which price 2 applies."},
                {"price_2", "Price from break 2", "money/unit", 0.28, 0.0, kBig, true, false, "Unit price c_2."}}});
  TextbookModelInfo ww{TextbookModel::wagner_whitin, "wagner_whitin", "Wagner-Whitin lot sizing",
                       "Which periods order, and how much, for known demands period by period.", false,
                       {{"periods", "Periods T", "periods", 12.0, 1.0, kMaxWagnerWhitinPeriods, false, true,
                         "Length of the horizon; one demand per period below."},
                        {"order_cost_per_order", "Order cost K", "money/order", 54.0, 0.0, kBig, false, false,
                         "Fixed cost of an order in any period."},
                        {"holding_cost_per_unit_period", "Holding cost h", "money/unit/period", 0.4, 0.0, kBig, false,
                         false, "Cost of carrying one unit into the next period."}}};
  for (int t = 0; t < kMaxWagnerWhitinPeriods; ++t) {
    ww.fields.push_back({"demand_" + std::to_string(t + 1), "Demand, period " + std::to_string(t + 1), "units",
                         kSptDemand[t % 12], 0.0, kBig, false, false, "Known demand of the period."});
  }
  m.push_back(ww);
  m.push_back({TextbookModel::finite_horizon_s_S, "finite_horizon_s_S", "Finite-horizon (s, S) dynamic program",
               "The best order rule in every period of a finite horizon, with fixed cost, discounting and a "
               "terminal cost.",
               true,
               {{"periods", "Periods T", "periods", 2.0, 1.0, 104.0, false, true, "Length of the horizon."},
                {"max_demand", "Demand uniform on 0..m, m", "units", 2.0, 0.0, 200.0, false, true,
                 "Each period's demand is equally likely to be any whole number from 0 to m."},
                {"fixed_order_cost", "Order cost K", "money/order", 1.2, 0.0, kBig, false, false,
                 "Fixed cost of any order."},
                {"unit_cost", "Unit cost c", "money/unit", 0.0, 0.0, kBig, false, false, "Cost per unit ordered."},
                {"holding_cost_per_unit_period", "Holding cost h", "money/unit/period", 1.0, 0.0, kBig, false, false,
                 "Charged per unit on hand at a period's end."},
                {"backorder_cost_per_unit_period", "Backorder cost b", "money/unit/period", 4.0, 0.0, kBig, false,
                 false, "Charged per unit owed at a period's end."},
                {"discount_factor", "Discount factor alpha", "", 1.0, 0.0, 1.0, true, false,
                 "Weight of the next period's costs, in (0, 1]."},
                {"terminal_cost_per_unit_left", "Terminal cost per unit left e", "money/unit", 0.0, -kBig, kBig, false,
                 false, "Charged per unit left after the last period; negative for a salvage value (at most c)."},
                {"terminal_cost_per_unit_short", "Terminal cost per unit short f", "money/unit", 0.0, 0.0, kBig, false,
                 false, "Charged per unit still owed after the last period."},
                {"initial_level", "Initial level x1", "units", 0.0, -1000.0, 20000.0, false, true,
                 "Inventory at the start of period 1 (negative: backorders)."}}});
  TextbookModelInfo nv{TextbookModel::newsvendor, "newsvendor", "Newsvendor",
                       "How much to stock for one selling season of uncertain demand.", false,
                       {TextbookField::choice("demand_kind", "Demand distribution", 1, distribution_choices,
                                              "Distribution of the season's demand (the forms of the scenario "
                                              "format)."),
                        {"demand_mean", "Demand mean", "units", 50.0, 0.0, kBig, false, false,
                         "Mean demand (the value itself for a constant)."},
                        {"demand_sd", "Demand std. dev.", "units", 8.0, 0.0, kBig, true, false,
                         "Standard deviation of demand (negative binomial: sd^2 above the mean)."},
                        TextbookField::choice("form", "Costs given as", 0, {"costs c_o, c_u", "prices p, c, v"},
                                              "Cost form: c_o per unit left over, c_u per unit short. Price form: "
                                              "c_u = p - c + g, c_o = c - v, and the expected profit is shown."),
                        {"overage_cost_per_unit", "Overage cost c_o", "money/unit", 0.18, 0.0, kBig, true, false,
                         "Cost of each unit left over."},
                        {"underage_cost_per_unit", "Underage cost c_u", "money/unit", 0.70, 0.0, kBig, true, false,
                         "Cost of each unit short."},
                        {"selling_price", "Selling price p", "money/unit", 0.75, 0.0, kBig, true, false,
                         "Price of each unit sold."},
                        {"unit_cost", "Unit cost c", "money/unit", 0.25, 0.0, kBig, true, false,
                         "Cost of each unit stocked."},
                        {"salvage_value", "Salvage value v", "money/unit", 0.0, -kBig, kBig, false, false,
                         "Value of each unit left over (below c; negative: a disposal cost)."},
                        {"goodwill_cost_per_unit_short", "Goodwill cost g", "money/unit", 0.0, 0.0, kBig, false, false,
                         "Penalty per unit short beyond the lost margin."},
                        {"outcomes", "Outcomes in the table", "outcomes", 3.0, 1.0, kMaxOutcomes, false, true,
                         "Rows of the discrete table below."}}};
  const double table_values[3] = {40.0, 50.0, 60.0};
  const double table_probabilities[3] = {0.25, 0.5, 0.25};
  for (int k = 0; k < kMaxOutcomes; ++k) {
    const std::string i = std::to_string(k + 1);
    nv.fields.push_back({"outcome_value_" + i, "Outcome " + i + ": demand", "units",
                         k < 3 ? table_values[k] : 0.0, 0.0, kBig, false, false, "One possible demand."});
    nv.fields.push_back({"outcome_probability_" + i, "Outcome " + i + ": probability", "",
                         k < 3 ? table_probabilities[k] : 0.0, 0.0, 1.0, false, false,
                         "Its probability (the table's probabilities sum to 1)."});
  }
  nv.fields.push_back({"sample_size", "Observations in the sample", "values", 10.0, 1.0, kMaxSample, false, true,
                       "Observed demands below, each equally likely."});
  const double sample[10] = {42, 55, 48, 61, 50, 37, 58, 45, 52, 49};
  for (int k = 0; k < kMaxSample; ++k) {
    nv.fields.push_back({"sample_" + std::to_string(k + 1), "Observation " + std::to_string(k + 1), "units",
                         sample[k % 10], 0.0, kBig, false, false, "One observed season's demand."});
  }
  m.push_back(nv);
  m.push_back({TextbookModel::r_Q, "r_Q", "(r, Q) exact optimum",
               "Reorder point r and lot size Q minimising the exact expected cost, or meeting a service target.",
               false,
               {TextbookField::choice("demand_kind", "Demand distribution", 1, {"normal", "Poisson"},
                                      "Demand per period: normal, or Poisson (whole units)."),
                {"demand_mean", "Demand mean", "units/period", 1.5, 0.0, kBig, true, false, "Mean demand per period."},
                {"demand_sd", "Demand std. dev.", "units/period", 0.5, 0.0, kBig, true, false,
                 "Standard deviation per period (normal demand)."},
                {"lead_time_periods", "Lead time L", "periods", 2.0, 0.0, 1000.0, false, false,
                 "Constant lead time (whole, >= 1, to be simulated)."},
                {"order_cost_per_order", "Order cost K", "money/order", 100.0, 0.0, kBig, true, false,
                 "Fixed cost of placing one order."},
                {"holding_cost_per_unit_period", "Holding cost h", "money/unit/period", 20.0, 0.0, kBig, true, false,
                 "Cost of one unit on hand for one period."},
                {"backorder_cost_per_unit_period", "Backorder cost b", "money/unit/period", 150.0, 0.0, kBig, false,
                 false, "Cost of one unit backordered for one period (may be 0 with a service target)."},
                TextbookField::choice("service", "Optimise for", 0,
                                      {"least cost", "type 1: cycle service", "type 2: fill rate"},
                                      "Least cost, or the least cost meeting a service target: type 1, no stockout "
                                      "in a replenishment cycle with probability alpha; type 2, a share beta of "
                                      "demand met from stock."),
                {"service_target", "Service target (alpha or beta)", "", 0.95, 0.0, 0.999999, true, false,
                 "The target of the two service variants, in (0, 1)."}}});
  m.push_back({TextbookModel::s_S, "s_S", "(s, S) exact optimum (Zheng-Federgruen)",
               "Periodic review: when the position is at or below s, order up to S.", false,
               {{"demand_mean", "Poisson demand mean", "units/period", 10.0, 0.0, 5000.0, true, false,
                 "Mean of the Poisson demand per period."},
                {"lead_time_periods", "Lead time L", "periods", 0.0, 0.0, 100.0, false, true,
                 "Whole periods from order to arrival."},
                {"order_cost_per_order", "Order cost K", "money/order", 64.0, 0.0, kBig, false, false,
                 "Fixed cost of placing one order."},
                {"holding_cost_per_unit_period", "Holding cost h", "money/unit/period", 1.0, 0.0, kBig, true, false,
                 "Cost of one unit on hand for one period."},
                {"backorder_cost_per_unit_period", "Backorder cost p", "money/unit/period", 9.0, 0.0, kBig, true, false,
                 "Cost of one unit backordered for one period."}}});
  m.push_back({TextbookModel::clark_scarf, "clark_scarf", "Clark-Scarf serial line",
               "Optimal echelon base-stock levels of a serial line; stage 1 faces the customer.", false,
               {{"stages", "Stages N (beyond 3 repeat stage 3)", "stages", 3.0, 1.0, kMaxSerialStages, false, true,
                 "Number of stages in the line."},
                TextbookField::choice("demand_kind", "Demand distribution", 0, {"normal", "Poisson"},
                                      "Demand per period at stage 1."),
                {"demand_mean", "Demand mean", "units/period", 5.0, 0.0, kBig, true, false, "Mean demand per period."},
                {"demand_sd", "Demand std. dev.", "units/period", 1.0, 0.0, kBig, false, false,
                 "Standard deviation per period (normal only)."},
                {"backorder_cost_per_unit_period", "Backorder cost p", "money/unit/period", 37.12, 0.0, kBig, true,
                 false, "Cost per unit backordered at stage 1 per period."},
                {"holding_1", "Echelon holding h, stage 1", "money/unit/period", 3.0, 0.0, kBig, true, false,
                 "Holding cost added at stage 1 (customer-facing)."},
                {"lead_time_1", "Lead time, stage 1", "periods", 1.0, 0.0, 1000.0, false, false,
                 "Periods for a shipment to reach stage 1."},
                {"holding_2", "Echelon holding h, stage 2", "money/unit/period", 2.0, 0.0, kBig, true, false,
                 "Holding cost added at stage 2."},
                {"lead_time_2", "Lead time, stage 2", "periods", 1.0, 0.0, 1000.0, false, false,
                 "Periods for a shipment to reach stage 2."},
                {"holding_3", "Echelon holding h, stage 3+", "money/unit/period", 2.0, 0.0, kBig, true, false,
                 "Holding cost added at stage 3 and every stage beyond."},
                {"lead_time_3", "Lead time, stage 3+", "periods", 2.0, 0.0, 1000.0, false, false,
                 "Periods for a shipment to reach stage 3 and every stage beyond."}}});
  return m;
}

Problem input_problem(const TextbookField& f, const std::string& message) {
  return Problem{std::string("inputs/") + f.name, message};
}

// The range and wholeness of one input, before the core sees it.
std::string check_field(const TextbookField& f, double v) {
  if (!std::isfinite(v)) return "must be a finite number";
  if (f.min_open ? v <= f.min_value : v < f.min_value) {
    return std::string("must be ") + (f.min_open ? "above " : "at least ") + num(f.min_value);
  }
  if (v > f.max_value) return "must be at most " + num(f.max_value);
  if (f.whole && v != std::floor(v)) return "must be a whole number";
  return "";
}

bool whole_at_least_one(double v) { return v >= 1.0 && v == std::floor(v); }

PolicySimInput sim_base(const PeriodDemand& demand, double sim_lead_time) {
  PolicySimInput s;
  s.demand = demand;
  s.lead_time = {sim_lead_time, 0.0, {}};
  s.review_period_periods = 1;
  s.periods = kSimPeriods;
  s.warmup_periods = kSimWarmup;
  s.replications = kSimReplications;
  s.seed = kSimSeed;
  return s;
}

// Simulates and fills the comparison: cost = h on hand + b backorders + K orders.
void simulate_into(TextbookResult& r, const PolicySimInput& s, double h, double b, double K, double analytic_on_hand,
                   double analytic_backorders, double analytic_orders, double analytic_fill_rate) {
  auto sim = simulate_policy(s);
  if (!sim.ok()) {
    r.simulation_note = "Not simulated: " + describe(sim.problems());
    return;
  }
  r.simulated = true;
  r.simulated_cost = h * sim->on_hand_units.mean + b * sim->backorders_units.mean + K * sim->orders_per_period.mean;
  r.simulated_cost_error = h * sim->on_hand_units.standard_error + b * sim->backorders_units.standard_error +
                           K * sim->orders_per_period.standard_error;
  r.comparison.push_back({"cost per period", num(r.cost), num(r.simulated_cost) + " +- " + num(r.simulated_cost_error)});
  r.comparison.push_back({"on hand (period end)", std::isnan(analytic_on_hand) ? "" : num(analytic_on_hand), pm(sim->on_hand_units)});
  r.comparison.push_back({"backorders (period end)", std::isnan(analytic_backorders) ? "" : num(analytic_backorders),
                          pm(sim->backorders_units)});
  r.comparison.push_back({"orders per period", std::isnan(analytic_orders) ? "" : num(analytic_orders), pm(sim->orders_per_period)});
  r.comparison.push_back({"fill rate", std::isnan(analytic_fill_rate) ? "" : num(analytic_fill_rate), pm(sim->fill_rate)});
  char note[200];
  std::snprintf(note, sizeof note, "Simulated: %d replications of %d periods after %d of warm-up, seed %llu.",
                kSimReplications, kSimPeriods, kSimWarmup, static_cast<unsigned long long>(kSimSeed));
  r.simulation_note = note;
}

// While a drag runs only the optimum is recomputed; the simulation follows when it ends.
TextbookResult not_simulated_yet(TextbookResult& r) {
  r.simulation_pending = true;
  r.simulation_note = "Simulated when the edit ends.";
  return r;
}

// Mean and standard error of per-replication means.
SimEstimate across_replications(const std::vector<double>& values) {
  SimEstimate e;
  const double n = static_cast<double>(values.size());
  for (double v : values) e.mean += v / n;
  double squares = 0.0;
  for (double v : values) squares += (v - e.mean) * (v - e.mean);
  e.standard_error = values.size() > 1 ? std::sqrt(squares / (n - 1.0) / n) : 0.0;
  return e;
}

// The deterministic lot models played out: steady demand lambda, an order of Q placed whenever
// the net stock has fallen to -x, arriving at once (production_rate 0) or made at rate P from
// then on. 40 cycles of 1,000 steps; within a step the stock moves linearly, so its positive and
// negative parts are integrated exactly and only the moment of ordering is rounded to a step
// (a bias of about a thousandth of a cycle).
constexpr int kPlayOutCycles = 40;
constexpr int kPlayOutStepsPerCycle = 1000;

struct LotPlayOut {
  double on_hand = 0.0;     // time-average of (net stock)^+
  double backorders = 0.0;  // time-average of (net stock)^-
  double orders_per_period = 0.0;
};

// The integral over one step of max(v, 0) for v moving linearly from a to b.
double positive_area(double a, double b, double dt) {
  if (a >= 0.0 && b >= 0.0) return 0.5 * (a + b) * dt;
  if (a <= 0.0 && b <= 0.0) return 0.0;
  const double top = std::max(a, b);
  return 0.5 * top * dt * top / (std::fabs(a) + std::fabs(b));
}

LotPlayOut play_out_lots(double demand_rate, double lot, double max_backorder, double production_rate) {
  LotPlayOut out;
  const double horizon = kPlayOutCycles * lot / demand_rate;
  const int steps = kPlayOutCycles * kPlayOutStepsPerCycle;
  const double dt = horizon / steps;
  double net = -max_backorder;
  double to_make = 0.0;
  double orders = 0.0;
  double on_hand_area = 0.0;
  double backorder_area = 0.0;
  for (int i = 0; i < steps; ++i) {
    if (to_make <= 0.0 && net <= -max_backorder + 1e-9 * lot) {
      orders += 1.0;
      if (production_rate > 0.0) {
        to_make = lot;
      } else {
        net += lot;
      }
    }
    const double made = std::min(to_make, production_rate * dt);
    to_make -= made;
    const double next = net + made - demand_rate * dt;
    on_hand_area += positive_area(net, next, dt);
    backorder_area += positive_area(-net, -next, dt);
    net = next;
  }
  out.on_hand = on_hand_area / horizon;
  out.backorders = backorder_area / horizon;
  out.orders_per_period = orders / horizon;
  return out;
}

// A lot policy to play out: its costs, and the analytic averages to set beside the played ones.
struct LotModel {
  double demand_rate = 0.0;
  double lot = 0.0;
  double max_backorder = 0.0;
  double production_rate = 0.0;  // 0: the lot arrives at once
  double cost_per_order = 0.0;   // fixed cost plus any purchase cost of one order
  double holding_per_unit_period = 0.0;
  double backorder_per_unit_period = 0.0;
  double analytic_on_hand = 0.0;
  double analytic_backorders = 0.0;
};

// Plays the policy out and fills the comparison (deterministic: no error bar).
LotPlayOut play_out_into(TextbookResult& r, const LotModel& m) {
  if (m.demand_rate <= 0.0) {
    r.simulation_note = "No demand: nothing to play out.";
    return {};
  }
  const LotPlayOut p = play_out_lots(m.demand_rate, m.lot, m.max_backorder, m.production_rate);
  r.simulated = true;
  r.simulated_cost = m.cost_per_order * p.orders_per_period + m.holding_per_unit_period * p.on_hand +
                     m.backorder_per_unit_period * p.backorders;
  r.simulated_cost_error = 0.0;
  r.comparison.push_back({"cost per period", num(r.cost), num(r.simulated_cost)});
  r.comparison.push_back({"on hand (average)", num(m.analytic_on_hand), num(p.on_hand)});
  r.comparison.push_back({"backorders (average)", num(m.analytic_backorders), num(p.backorders)});
  r.comparison.push_back({"orders per period", num(m.demand_rate / m.lot), num(p.orders_per_period)});
  r.simulation_note = "Played out: the policy stepped through " + std::to_string(kPlayOutCycles) + " cycles of " +
                      std::to_string(kPlayOutStepsPerCycle) +
                      " steps (deterministic, so no error bar; orders fall on step boundaries).";
  return p;
}

Result<TextbookResult> solve_eoq(const std::vector<double>& x) {
  const EoqInput in{x[0], x[1], x[2]};
  auto c = compute_eoq(in);
  if (!c.ok()) return c.problems();
  TextbookResult r;
  r.decision = "Q* = " + num(c->order_quantity_units);
  r.decision_values = {c->order_quantity_units};
  r.cost = c->cost_per_period;
  r.cost_label = "cost per period";
  r.formula =
      "Order Q* = sqrt(2 K lambda / h) each time the stock runs out: it balances the ordering cost K lambda / Q "
      "against the holding cost h Q / 2, and the least cost per period is sqrt(2 K lambda h).";
  r.details = {{"orders per period", num(c->orders_per_period)},
               {"cycle length (periods)", num(c->cycle_length_periods)},
               {"ordering cost per period", num(in.order_cost_per_order * c->orders_per_period)},
               {"holding cost per period", num(in.holding_cost_per_unit_period * c->order_quantity_units / 2.0)}};
  const double q = c->order_quantity_units;
  play_out_into(r, {in.demand_units_per_period, q, 0.0, 0.0, in.order_cost_per_order, in.holding_cost_per_unit_period,
                    0.0, q / 2.0, 0.0});
  return r;
}

Result<TextbookResult> solve_eoq_backorders(const std::vector<double>& x) {
  const EoqBackordersInput in{x[0], x[1], x[2], x[3]};
  auto c = compute_eoq_backorders(in);
  if (!c.ok()) return c.problems();
  TextbookResult r;
  r.decision = "Q* = " + num(c->order_quantity_units) + ", x* = " + num(c->max_backorder_units);
  r.decision_values = {c->order_quantity_units, c->max_backorder_units};
  r.cost = c->cost_per_period;
  r.cost_label = "cost per period";
  r.formula =
      "Order Q* = sqrt(2 K lambda / h) x sqrt((h + b) / b) each time, letting backorders reach x* = Q* h / (h + b) "
      "first; the cost per period K lambda / Q + h (Q - x)^2 / (2Q) + b x^2 / (2Q) is then sqrt(2 K lambda h b / (h + b)).";
  r.details = {{"ordering cost per period", num(c->ordering_cost_per_period)},
               {"holding cost per period", num(c->holding_cost_per_period)},
               {"backorder cost per period", num(c->backorder_cost_per_period)},
               {"share of time in stock", num(c->share_of_time_in_stock)},
               {"cycle length (periods)", num(c->cycle_length_periods)}};
  play_out_into(r, {in.demand_units_per_period, c->order_quantity_units, c->max_backorder_units, 0.0,
                    in.order_cost_per_order, in.holding_cost_per_unit_period, in.backorder_cost_per_unit_period,
                    c->holding_cost_per_period / in.holding_cost_per_unit_period,
                    c->backorder_cost_per_period / in.backorder_cost_per_unit_period});
  return r;
}

Result<TextbookResult> solve_epq(const std::vector<double>& x) {
  const EpqInput in{x[0], x[1], x[2], x[3]};
  auto c = compute_epq(in);
  if (!c.ok()) return c.problems();
  TextbookResult r;
  r.decision = "Q* = " + num(c->batch_quantity_units);
  r.decision_values = {c->batch_quantity_units};
  r.cost = c->cost_per_period;
  r.cost_label = "cost per period";
  r.formula =
      "As the EOQ with the holding cost scaled by 1 - lambda / P (stock builds only at P - lambda while a batch "
      "runs): Q* = sqrt(2 K lambda / (h (1 - lambda / P))), cost sqrt(2 K lambda h (1 - lambda / P)).";
  r.details = {{"utilisation lambda / P", num(c->utilisation)},
               {"peak stock", num(c->max_on_hand_units)},
               {"batch run (periods)", num(c->production_time_periods)},
               {"cycle length (periods)", num(c->cycle_length_periods)}};
  play_out_into(r, {in.demand_units_per_period, c->batch_quantity_units, 0.0, in.production_units_per_period,
                    in.setup_cost_per_batch, in.holding_cost_per_unit_period, 0.0, c->max_on_hand_units / 2.0, 0.0});
  return r;
}

Result<TextbookResult> solve_quantity_discount(const std::vector<double>& x) {
  QuantityDiscountInput in;
  in.scheme = x[0] == 0.0 ? DiscountScheme::all_units : DiscountScheme::incremental;
  in.order_cost_per_order = x[1];
  in.demand_units_per_period = x[2];
  in.holding_cost_per_unit_period = x[3];
  in.holding_rate_per_period = x[4];
  in.breaks = {{0.0, x[5]}, {x[6], x[7]}, {x[8], x[9]}};
  auto c = compute_quantity_discount(in);
  if (!c.ok()) return c.problems();
  TextbookResult r;
  r.decision = "Q* = " + num(c->order_quantity_units) + " (price range " + std::to_string(c->price_break_index) + ")";
  r.decision_values = {c->order_quantity_units, static_cast<double>(c->price_break_index)};
  r.cost = c->cost_per_period;
  r.cost_label = "cost per period, purchases included";
  r.formula = in.scheme == DiscountScheme::all_units
                  ? "All-units: in each price range the EOQ at that price, sqrt(2 K lambda / (h + i c_j)), or the "
                    "range's first quantity when the EOQ lies below it; the cheapest candidate, with the purchase cost "
                    "c_j lambda counted, wins."
                  : "Incremental: in each range the EOQ with the fixed cost raised by the range's purchase-cost offset, "
                    "sqrt(2 lambda (K + A_j) / (h + i c_j)), clamped into the range; the cheapest candidate wins.";
  r.details = {{"average unit price", num(c->average_unit_price)},
               {"purchase cost per period", num(c->purchase_cost_per_period)},
               {"ordering cost per period", num(c->ordering_cost_per_period)},
               {"holding cost per period", num(c->holding_cost_per_period)}};
  for (std::size_t j = 0; j < c->candidates.size(); ++j) {
    const DiscountCandidate& d = c->candidates[j];
    r.details.push_back({"candidate, range " + std::to_string(j),
                         d.considered ? "Q = " + num(d.quantity_units) + ", cost " + num(d.cost_per_period)
                                      : "skipped (its EOQ lies above the range)"});
  }
  // Played out with the stock valued at the order's average price, and each order's purchase.
  const double q = c->order_quantity_units;
  const double order_price = purchase_cost_of_order(in, q);
  const double holding = in.holding_cost_per_unit_period + in.holding_rate_per_period * order_price / q;
  const LotPlayOut p = play_out_into(
      r, {in.demand_units_per_period, q, 0.0, 0.0, in.order_cost_per_order + order_price, holding, 0.0, q / 2.0, 0.0});
  r.comparison.insert(r.comparison.begin() + 1, {"purchase cost per period", num(c->purchase_cost_per_period),
                                                 num(order_price * p.orders_per_period)});
  return r;
}

Result<TextbookResult> solve_wagner_whitin(const std::vector<double>& x) {
  WagnerWhitinInput in;
  const auto horizon = static_cast<std::size_t>(x[0]);
  in.order_cost_per_order = {x[1]};
  in.holding_cost_per_unit_period = {x[2]};
  in.demand_units.assign(x.begin() + 3, x.begin() + 3 + static_cast<std::ptrdiff_t>(horizon));
  auto c = compute_wagner_whitin(in);
  if (!c.ok()) return c.problems();
  TextbookResult r;
  std::string periods;
  for (int t : c->order_periods) {
    periods += (periods.empty() ? "" : ", ") + std::to_string(t);
    r.decision_values.push_back(t);
  }
  r.decision = "order in periods " + (periods.empty() ? std::string("none") : periods);
  r.cost = c->total_cost;
  r.cost_label = "total cost over the horizon";
  r.formula =
      "Every order covers whole periods exactly (stock is zero when an order arrives), so the least cost f(j) of "
      "meeting periods 1..j is the cheapest f(i - 1) + K + holding of periods i..j carried from period i.";
  r.details = {{"ordering cost", num(c->ordering_cost)}, {"holding cost", num(c->holding_cost)}};
  for (std::size_t t = 0; t < c->order_units.size(); ++t) {
    if (c->order_units[t] > 0.0) r.details.push_back({"order in period " + std::to_string(t + 1), num(c->order_units[t])});
  }
  // The plan played out period by period: stock carried, never short.
  double stock = 0.0;
  double lowest_stock = 0.0;
  double ordering = 0.0;
  double holding = 0.0;
  for (std::size_t t = 0; t < horizon; ++t) {
    if (c->order_units[t] > 0.0) ordering += in.order_cost_per_order[0];
    stock += c->order_units[t] - in.demand_units[t];
    lowest_stock = std::min(lowest_stock, stock);
    holding += in.holding_cost_per_unit_period[0] * std::max(stock, 0.0);
  }
  r.simulated = true;
  r.simulated_cost = ordering + holding;
  r.comparison = {{"total cost", num(r.cost), num(r.simulated_cost)},
                  {"ordering cost", num(c->ordering_cost), num(ordering)},
                  {"holding cost", num(c->holding_cost), num(holding)},
                  {"lowest stock at a period end", "0 or more", num(lowest_stock)}};
  r.simulation_note = "Played out: the plan stepped period by period, each period's stock carried at h.";
  return r;
}

Result<TextbookResult> solve_finite_horizon(const std::vector<double>& x) {
  FiniteHorizonInput in;
  const int periods = static_cast<int>(x[0]);
  const int m = static_cast<int>(x[1]);
  in.demand_probabilities.assign(static_cast<std::size_t>(periods),
                                 std::vector<double>(static_cast<std::size_t>(m) + 1, 1.0 / (m + 1.0)));
  in.fixed_order_cost = x[2];
  in.unit_cost = x[3];
  in.holding_cost_per_unit_period = x[4];
  in.backorder_cost_per_unit_period = x[5];
  in.discount_factor = x[6];
  in.terminal_cost_per_unit_left = x[7];
  in.terminal_cost_per_unit_short = x[8];
  in.initial_level = static_cast<int>(x[9]);
  in.lowest_start_level = std::min(in.initial_level, 0);
  auto c = compute_finite_horizon_s_S(in);
  if (!c.ok()) return c.problems();
  TextbookResult r;
  const FiniteHorizonPeriod& first = c->periods.front();
  r.decision = first.orders ? "period 1: s = " + std::to_string(first.reorder_point) + ", S = " +
                                  std::to_string(first.order_up_to_level)
                            : "period 1: never order (S = " + std::to_string(first.order_up_to_level) + ")";
  r.decision_values = {static_cast<double>(first.reorder_point), static_cast<double>(first.order_up_to_level)};
  r.cost = c->expected_cost;
  r.cost_label = "expected cost from x1";
  r.formula =
      "Backwards from the last period: G_t(y) = c y + expected holding and backorder cost + alpha E[V_t+1(y - D)], "
      "and V_t(x) = -c x + min(G_t(x), K + min over y >= x of G_t(y)). The best rule each period is (s_t, S_t) "
      "(Scarf 1960): order up to S_t exactly when the level is at or below s_t.";
  bool all_s_S = true;
  for (std::size_t t = 0; t < c->periods.size(); ++t) {
    const FiniteHorizonPeriod& p = c->periods[t];
    all_s_S = all_s_S && p.is_s_S;
    if (t < 12) {
      r.details.push_back({"period " + std::to_string(t + 1),
                           p.orders ? "(s, S) = (" + std::to_string(p.reorder_point) + ", " +
                                          std::to_string(p.order_up_to_level) + ")"
                                    : "no order"});
    }
  }
  if (c->periods.size() > 12) r.details.push_back({"periods 13..", "(not listed)"});
  r.details.push_back({"every period of (s, S) form", all_s_S ? "yes" : "no"});
  r.details.push_back({"work (level x outcome evaluations)", num(c->work_units)});
  // Monte Carlo of the period rules from x1 (each rule read from the program's own table of
  // y*(x); below the table a period that orders orders up to S_t).
  const int paths = kSimPeriods / 4;
  std::vector<double> rep_cost(kSimReplications, 0.0);
  for (int rep = 0; rep < kSimReplications; ++rep) {
    double total = 0.0;
    for (int path = 0; path < paths; ++path) {
      int level = in.initial_level;
      double weight = 1.0;
      double cost = 0.0;
      for (int t = 0; t < periods; ++t) {
        const FiniteHorizonPeriod& p = c->periods[static_cast<std::size_t>(t)];
        int target = level;
        const long long row = static_cast<long long>(level) - p.lowest_level;
        if (row >= 0 && row < static_cast<long long>(p.target_level.size())) {
          target = p.target_level[static_cast<std::size_t>(row)];
        } else if (row < 0 && p.orders) {
          target = std::max(level, p.order_up_to_level);
        }
        if (target > level) cost += weight * (in.fixed_order_cost + in.unit_cost * (target - level));
        const double u = sim_uniform(kSimSeed, static_cast<std::uint64_t>(rep), static_cast<std::uint64_t>(path),
                                     static_cast<std::uint64_t>(t), 0);
        const int demand = std::min(m, static_cast<int>(u * (m + 1.0)));
        level = target - demand;
        cost += weight * (in.holding_cost_per_unit_period * std::max(level, 0) +
                          in.backorder_cost_per_unit_period * std::max(-level, 0));
        weight *= in.discount_factor;
      }
      cost += weight * (in.terminal_cost_per_unit_left * std::max(level, 0) +
                        in.terminal_cost_per_unit_short * std::max(-level, 0));
      total += cost;
    }
    rep_cost[static_cast<std::size_t>(rep)] = total / paths;
  }
  const SimEstimate est = across_replications(rep_cost);
  r.simulated = true;
  r.simulated_cost = est.mean;
  r.simulated_cost_error = est.standard_error;
  r.comparison = {{"expected cost from x1", num(r.cost), pm(est)}};
  r.simulation_note = "Simulated: " + std::to_string(kSimReplications) + " replications of " + std::to_string(paths) +
                      " paths through the horizon from x1, following each period's rule, seed " +
                      std::to_string(kSimSeed) + ".";
  return r;
}

// The newsvendor's demand from its inputs: the distribution chosen and its parameters.
Distribution newsvendor_demand(const std::vector<double>& x) {
  const auto field = [&](const char* name) { return x[textbook_field_index(TextbookModel::newsvendor, name)]; };
  const double mean = field("demand_mean");
  const double sd = field("demand_sd");
  switch (static_cast<int>(field("demand_kind"))) {
    case 0: return dist::Constant{mean};
    case 1: return dist::Normal{mean, sd};
    case 2: return dist::Gamma{mean * mean / (sd * sd), sd * sd / mean};
    case 3: return dist::Lognormal{mean, sd};
    case 4: return dist::Poisson{mean};
    case 5: return dist::NegativeBinomial{mean, sd};
    case 6: {
      dist::Discrete table;
      const int n = static_cast<int>(field("outcomes"));
      for (int k = 1; k <= n; ++k) {
        const std::string i = std::to_string(k);
        table.outcomes.push_back({x[textbook_field_index(TextbookModel::newsvendor, "outcome_value_" + i)],
                                  x[textbook_field_index(TextbookModel::newsvendor, "outcome_probability_" + i)]});
      }
      return table;
    }
    default: {
      dist::Empirical sample;
      const int n = static_cast<int>(field("sample_size"));
      for (int k = 1; k <= n; ++k) {
        sample.sample.push_back(x[textbook_field_index(TextbookModel::newsvendor, "sample_" + std::to_string(k))]);
      }
      return sample;
    }
  }
}

// Draws seasons' demands from the same law the analytic figures use (the normal's mass below
// zero included).
class DemandSampler {
 public:
  explicit DemandSampler(const Distribution& d) : d_(d) {
    if (const auto* p = std::get_if<dist::Poisson>(&d)) table_ = stats::poisson_distribution(p->mean);
    if (const auto* nb = std::get_if<dist::NegativeBinomial>(&d)) {
      const double var = nb->sd * nb->sd;
      table_ = stats::negative_binomial_distribution(nb->mean * nb->mean / (var - nb->mean), nb->mean / var);
    }
    if (const auto* t = std::get_if<dist::Discrete>(&d)) {
      std::vector<dist::Outcome> rows = t->outcomes;
      std::sort(rows.begin(), rows.end(), [](const dist::Outcome& l, const dist::Outcome& r) { return l.value < r.value; });
      double cumulative = 0.0;
      for (const dist::Outcome& o : rows) {
        cumulative += o.probability;
        steps_.push_back({o.value, cumulative});
      }
    }
    if (const auto* e = std::get_if<dist::Empirical>(&d)) {
      sorted_ = e->sample;
      std::sort(sorted_.begin(), sorted_.end());
    }
  }
  // One season's demand: inversion at sim_uniform(seed, rep, season, 0, 0), except the gamma,
  // drawn by Marsaglia & Tsang's method ("A simple method for generating gamma variables", ACM
  // TOMS 26(3), 2000) from the uniforms of stream 1 (its quantile is too slow for 128,000 draws).
  double draw(std::uint64_t rep, std::uint64_t season) const {
    if (const auto* g = std::get_if<dist::Gamma>(&d_)) return gamma_draw(g->shape, g->scale, rep, season);
    return invert(sim_uniform(kSimSeed, rep, season, 0, 0));
  }

 private:
  static double gamma_draw(double shape, double scale, std::uint64_t rep, std::uint64_t season) {
    std::uint64_t count = 0;
    const auto uniform_open = [&]() { return 1.0 - sim_uniform(kSimSeed, rep, season, 1, count++); };  // (0, 1]
    const double two_pi = 6.283185307179586;
    double boost = 1.0;
    double k = shape;
    if (k < 1.0) {  // G(k) = G(k + 1) U^(1/k)
      boost = std::pow(uniform_open(), 1.0 / k);
      k += 1.0;
    }
    const double d = k - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      const double x = std::sqrt(-2.0 * std::log(uniform_open())) * std::cos(two_pi * uniform_open());
      double v = 1.0 + c * x;
      if (v <= 0.0) continue;
      v = v * v * v;
      if (std::log(uniform_open()) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v * boost * scale;
    }
  }

  double invert(double u) const {
    if (const auto* c = std::get_if<dist::Constant>(&d_)) return c->value;
    if (const auto* n = std::get_if<dist::Normal>(&d_)) return stats::normal_quantile(u, n->mean, n->sd);
    if (const auto* l = std::get_if<dist::Lognormal>(&d_)) {
      const double s2 = std::log(1.0 + l->sd * l->sd / (l->mean * l->mean));
      return std::exp(std::log(l->mean) - 0.5 * s2 + std::sqrt(s2) * stats::standard_normal_quantile(u));
    }
    if (!table_.pmf.empty()) return static_cast<double>(stats::discrete_quantile(table_, u));
    if (!steps_.empty()) {
      for (const auto& [value, cumulative] : steps_)
        if (u < cumulative) return value;
      return steps_.back().first;
    }
    const auto i = std::min(sorted_.size() - 1, static_cast<std::size_t>(u * static_cast<double>(sorted_.size())));
    return sorted_[i];
  }

  const Distribution& d_;
  stats::DiscreteDistribution table_;
  std::vector<std::pair<double, double>> steps_;  // value, P(D <= value)
  std::vector<double> sorted_;
};

Result<TextbookResult> solve_newsvendor(const std::vector<double>& x, bool simulate) {
  const auto field = [&](const char* name) { return x[textbook_field_index(TextbookModel::newsvendor, name)]; };
  GeneralNewsvendorInput in;
  in.demand = newsvendor_demand(x);
  const bool prices = field("form") == 1.0;
  in.form = prices ? NewsvendorForm::prices : NewsvendorForm::costs;
  in.overage_cost_per_unit = field("overage_cost_per_unit");
  in.underage_cost_per_unit = field("underage_cost_per_unit");
  in.selling_price = field("selling_price");
  in.unit_cost = field("unit_cost");
  in.salvage_value = field("salvage_value");
  in.goodwill_cost_per_unit_short = field("goodwill_cost_per_unit_short");
  auto c = compute_general_newsvendor(in);
  if (!c.ok()) return c.problems();
  TextbookResult r;
  r.decision = "S* = " + num(c->order_quantity);
  r.decision_values = {c->order_quantity};
  r.cost = prices ? c->expected_profit : c->expected_cost;
  r.cost_label = prices ? "expected profit" : "expected cost";
  r.formula =
      std::string(prices ? "With c_u = p - c + g and c_o = c - v: s" : "S") +
      "tock the critical fractile of demand, the smallest S with P(D <= S) >= c_u / (c_u + c_o); its expected cost "
      "is c_o E[left over] + c_u E[short]" +
      (prices ? ", and the expected profit p E[sales] + v E[left over] - c S - g E[short] is (p - c) E[D] less that "
                "cost."
              : ".");
  r.details = {{"demand", std::string(kind_name(in.demand)) + ", mean " + num(c->demand_mean) + ", sd " +
                              num(c->demand_sd)},
               {"overage c_o / underage c_u", num(c->overage_cost_per_unit) + " / " + num(c->underage_cost_per_unit)},
               {"critical ratio", num(c->critical_ratio)},
               {"expected cost", num(c->expected_cost)},
               {"expected sales", num(c->expected_sales)},
               {"expected left over", num(c->expected_left_over)},
               {"expected short", num(c->expected_short)},
               {"in-stock probability", num(c->in_stock_probability)},
               {"fill rate", num(c->fill_rate)}};
  if (!simulate) return not_simulated_yet(r);
  // Monte Carlo of seasons starting at S*.
  const DemandSampler demand(in.demand);
  const double level = c->order_quantity;
  std::vector<double> value(kSimReplications), left(kSimReplications), shortage(kSimReplications),
      fill(kSimReplications), in_stock(kSimReplications);
  for (int rep = 0; rep < kSimReplications; ++rep) {
    double sum_value = 0.0, sum_left = 0.0, sum_short = 0.0, sum_sales = 0.0, sum_demand = 0.0, covered = 0.0;
    for (int season = 0; season < kNewsvendorSeasons; ++season) {
      const double d = demand.draw(static_cast<std::uint64_t>(rep), static_cast<std::uint64_t>(season));
      const double over = std::max(level - d, 0.0);
      const double under = std::max(d - level, 0.0);
      const double sales = std::min(level, d);
      sum_value += prices ? in.selling_price * sales + in.salvage_value * over - in.unit_cost * level -
                                in.goodwill_cost_per_unit_short * under
                          : in.overage_cost_per_unit * over + in.underage_cost_per_unit * under;
      sum_left += over;
      sum_short += under;
      sum_sales += sales;
      sum_demand += std::max(d, 0.0);
      covered += d <= level ? 1.0 : 0.0;
    }
    const auto i = static_cast<std::size_t>(rep);
    value[i] = sum_value / kNewsvendorSeasons;
    left[i] = sum_left / kNewsvendorSeasons;
    shortage[i] = sum_short / kNewsvendorSeasons;
    fill[i] = sum_demand > 0.0 ? sum_sales / sum_demand : 1.0;
    in_stock[i] = covered / kNewsvendorSeasons;
  }
  const SimEstimate v = across_replications(value);
  r.simulated = true;
  r.simulated_cost = v.mean;
  r.simulated_cost_error = v.standard_error;
  r.comparison = {{r.cost_label, num(r.cost), pm(v)},
                  {"left over", num(c->expected_left_over), pm(across_replications(left))},
                  {"short", num(c->expected_short), pm(across_replications(shortage))},
                  {"in-stock probability", num(c->in_stock_probability), pm(across_replications(in_stock))},
                  {"fill rate", num(c->fill_rate), pm(across_replications(fill))}};
  r.simulation_note = "Simulated: " + std::to_string(kSimReplications) + " replications of " +
                      std::to_string(kNewsvendorSeasons) + " seasons starting at S*, each demand drawn by inverting its "
                      "distribution (gamma: Marsaglia-Tsang), seed " + std::to_string(kSimSeed) + ".";
  return r;
}

std::string r_Q_target_name(RQServiceConstraint constraint) {
  switch (constraint) {
    case RQServiceConstraint::none: return "least cost";
    case RQServiceConstraint::cycle_service_level: return "type 1: cycle service >= target";
    case RQServiceConstraint::fill_rate: return "type 2: fill rate >= target";
  }
  return "";
}

Result<TextbookResult> solve_r_Q(const std::vector<double>& x, bool simulate) {
  RQOptimalInput in;
  const bool poisson = x[0] == 1.0;
  in.demand = poisson ? PeriodDemand{DemandKind::poisson, x[1], 0.0, {}} : PeriodDemand{DemandKind::normal, x[1], x[2], {}};
  in.lead_time_periods = x[3];
  in.order_cost_per_order = x[4];
  in.holding_cost_per_unit_period = x[5];
  in.backorder_cost_per_unit_period = x[6];
  const RQServiceConstraint kinds[3] = {RQServiceConstraint::none, RQServiceConstraint::cycle_service_level,
                                        RQServiceConstraint::fill_rate};
  in.constraint = kinds[static_cast<int>(x[7])];
  in.service_target = x[8];
  auto c = optimize_r_Q(in);
  if (!c.ok()) return c.problems();
  const RQPolicyCost& o = c->optimal;
  TextbookResult r;
  r.decision = "r* = " + num(o.reorder_point) + ", Q* = " + num(o.lot_size_units);
  r.decision_values = {o.reorder_point, o.lot_size_units};
  r.cost = o.cost_per_period;
  r.cost_label = "expected cost per period";
  r.formula =
      "When the inventory position falls to r, order Q. The cost per period is K lambda / Q plus the average over "
      "positions r..r+Q of G(y) = h E[(y - X)^+] + b E[(X - y)^+], X the lead-time demand; the optimum has "
      "G(r*) = G(r* + Q*) = the cost (Federgruen-Zheng for Poisson demand, exact normal cost otherwise).";
  if (in.constraint == RQServiceConstraint::cycle_service_level) {
    r.formula += " Type 1: the cheapest (r, Q) with P(X <= r) >= alpha; for each Q, r is the larger of the "
                 "unconstrained best and the smallest r meeting the target.";
  } else if (in.constraint == RQServiceConstraint::fill_rate) {
    r.formula += " Type 2: the cheapest (r, Q) with fill rate 1 - (G1(r) - G1(r + Q)) / Q >= beta, G1 the loss "
                 "function of X; for each Q, r is the larger of the unconstrained best and the smallest r meeting it.";
  }
  r.details = {{"ordering cost per period", num(o.ordering_cost_per_period)},
               {"holding cost per period", num(o.holding_cost_per_period)},
               {"backorder cost per period", num(o.backorder_cost_per_period)},
               {"cycle service level", num(o.cycle_service_level)},
               {"fill rate", num(o.fill_rate)},
               {"search steps", num(static_cast<double>(c->search_steps))}};
  // The three optima side by side: least cost, and the least cost meeting each service target.
  r.variants_title = "Least cost and service-constrained optima (target " + num(in.service_target) + ")";
  r.variants_header = {"optimise for", "r", "Q", "cost per period", "cycle service", "fill rate"};
  for (RQServiceConstraint kind : kinds) {
    RQOptimalInput v = in;
    v.constraint = kind;
    auto vc = kind == in.constraint ? c : optimize_r_Q(v);
    if (!vc.ok()) {
      r.variants.push_back({r_Q_target_name(kind), "-", "-", vc.problems()[0].message, "", ""});
      continue;
    }
    const RQPolicyCost& p = vc->optimal;
    r.variants.push_back({r_Q_target_name(kind) + (kind == in.constraint ? " (shown)" : ""), num(p.reorder_point),
                          num(p.lot_size_units), num(p.cost_per_period), num(p.cycle_service_level),
                          num(p.fill_rate)});
  }
  if (!whole_at_least_one(in.lead_time_periods)) {
    r.simulation_note = "Not simulated: the simulator needs a whole lead time of at least 1 period.";
    return r;
  }
  if (!simulate) return not_simulated_yet(r);
  PolicySimInput s = sim_base(in.demand, in.lead_time_periods - 1.0);
  s.policy = SimPolicy::r_nQ;
  s.level = o.reorder_point;
  s.quantity = o.lot_size_units;
  const double h = in.holding_cost_per_unit_period;
  const double b = in.backorder_cost_per_unit_period;
  simulate_into(r, s, h, b, in.order_cost_per_order, o.holding_cost_per_period / h,
                b > 0.0 ? o.backorder_cost_per_period / b : std::nan(""), o.ordering_cost_per_period / in.order_cost_per_order,
                o.fill_rate);
  if (r.simulated) {
    r.simulation_note += " (r, nQ) reviewed every period with lead time L - 1 in the simulator's timeline (an order "
                         "placed at a period's end is counted from the next).";
    if (!poisson) r.simulation_note += " Negative normal draws count as zero demand.";
  }
  return r;
}

Result<TextbookResult> solve_s_S(const std::vector<double>& x, bool simulate) {
  SSOptimalInput in;
  in.demand = {DemandKind::poisson, x[0], 0.0, {}};
  in.lead_time_periods = x[1];
  in.order_cost_per_order = x[2];
  in.holding_cost_per_unit_period = x[3];
  in.backorder_cost_per_unit_period = x[4];
  auto c = optimize_s_S(in);
  if (!c.ok()) return c.problems();
  const SSPolicyCost& o = c->optimal;
  TextbookResult r;
  r.decision = "s* = " + std::to_string(o.reorder_level) + ", S* = " + std::to_string(o.order_up_to_level);
  r.decision_values = {static_cast<double>(o.reorder_level), static_cast<double>(o.order_up_to_level)};
  r.cost = o.cost_per_period;
  r.cost_label = "expected cost per period";
  r.formula =
      "Each period, when the position is at or below s, order up to S. The cost per period is (K + the expected "
      "G over one cycle from S down to s) / (the expected cycle length), G(y) = h E[(y - X)^+] + p E[(X - y)^+] with "
      "X the demand of L + 1 periods; Zheng and Federgruen's search finds the exact optimum.";
  r.details = {{"orders per period", num(o.orders_per_period)},
               {"myopic level y*", std::to_string(c->myopic_level)},
               {"G(y*), a lower bound", num(c->myopic_cost_per_period)},
               {"cost terms summed", num(static_cast<double>(c->cost_evaluations))}};
  auto power = power_approximation_s_S(in);
  if (power.ok()) {
    r.details.push_back({"power approximation (s, S)", "(" + std::to_string(power->policy.reorder_level) + ", " +
                                                           std::to_string(power->policy.order_up_to_level) + ")"});
    r.details.push_back({"its exact cost", num(power->policy.cost_per_period)});
  }
  if (!simulate) return not_simulated_yet(r);
  PolicySimInput s = sim_base(in.demand, in.lead_time_periods);
  s.policy = SimPolicy::s_S;
  s.level = static_cast<double>(o.reorder_level);
  s.quantity = static_cast<double>(o.order_up_to_level - o.reorder_level);
  simulate_into(r, s, in.holding_cost_per_unit_period, in.backorder_cost_per_unit_period, in.order_cost_per_order,
                std::nan(""), std::nan(""), o.orders_per_period, std::nan(""));
  return r;
}

// A line of two or more stages simulated by the network simulator: every stage keeps its echelon
// position at S*_j (StockBasis::echelon), the top stage buys from outside in L_top periods, each
// other stage receives from the one above in its own L_j, and each holds at its local rate (the
// sum of the echelon rates from it up), units in transit counted at the shipping stage's rate:
// the cost the Clark-Scarf recursion minimises (tests/core/sim/sim_test.cpp checks this timing
// against Snyder & Shen's example 6.1).
TextbookResult simulate_serial_line(TextbookResult& r, const SerialSystem& sys, const SerialPolicy& policy, bool simulate) {
  const std::size_t n = sys.stages.size();
  for (const SerialStage& st : sys.stages) {
    if (!whole_at_least_one(st.lead_time_periods)) {
      r.simulation_note = "Not simulated: the simulator needs whole lead times of at least 1 period at every stage.";
      return r;
    }
  }
  if (!simulate) return not_simulated_yet(r);
  sim::SimNetwork net;
  // Simulator stage k is line stage n - 1 - k: the top of the line first.
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t j = n - 1 - k;
    sim::SimStage st;
    st.name = "stage " + std::to_string(j + 1);
    double local = 0.0;
    for (std::size_t i = j; i < n; ++i) local += sys.stages[i].echelon_holding_cost_per_unit_period;
    st.holding_cost_per_unit_period = local;
    st.unit_value = local;
    st.policy.order_up_to = policy.echelon_base_stock[j];
    st.policy.basis = sim::StockBasis::echelon;
    if (k == 0) {
      st.supply_lead_time_periods.kind = sim::DistributionKind::constant;
      st.supply_lead_time_periods.mean = sys.stages[j].lead_time_periods;
    }
    net.stages.push_back(st);
    if (k > 0) {
      sim::SimArc arc;
      arc.upstream = static_cast<int>(k - 1);
      arc.downstream = static_cast<int>(k);
      arc.lead_time_periods.kind = sim::DistributionKind::constant;
      arc.lead_time_periods.mean = sys.stages[j].lead_time_periods;
      net.arcs.push_back(arc);
    }
  }
  sim::SimStage& store = net.stages.back();
  store.has_external_demand = true;
  store.shortage_cost_per_unit = sys.backorder_cost_per_unit_period;
  store.demand_per_period.kind = sys.demand_kind == SerialDemandKind::poisson ? sim::DistributionKind::poisson
                                                                                : sim::DistributionKind::normal;
  store.demand_per_period.mean = sys.demand_mean_per_period;
  store.demand_per_period.sd = sys.demand_sd_per_period;
  net.settings.periods = kSimPeriods;
  net.settings.warm_up_periods = kSimWarmup;
  net.settings.replications = kSimReplications;
  net.settings.seed = kSimSeed;
  net.settings.series_replications = 0;
  auto est = sim::simulate(net);
  if (!est.ok()) {
    r.simulation_note = "Not simulated: " + describe(est.problems());
    return r;
  }
  r.simulated = true;
  r.simulated_cost = est->network.total_cost.mean;
  r.simulated_cost_error = est->network.total_cost.half_width / 1.96;
  r.comparison.push_back({"cost per period", num(r.cost), num(r.simulated_cost) + " +- " + num(r.simulated_cost_error)});
  r.comparison.push_back({"fill rate at the customer", "", num(est->stages.back().fill_rate.mean) + " +- " +
                                                               num(est->stages.back().fill_rate.half_width / 1.96)});
  char note[220];
  std::snprintf(note, sizeof note,
                "Simulated as a %zu-stage line (echelon base stock, each stage's own lead time): %d replications of %d "
                "periods after %d of warm-up, seed %llu; +- one standard error.",
                n, kSimReplications, kSimPeriods, kSimWarmup, static_cast<unsigned long long>(kSimSeed));
  r.simulation_note = note;
  return r;
}

Result<TextbookResult> solve_clark_scarf(const std::vector<double>& x, bool simulate) {
  SerialSystem sys;
  const int n = static_cast<int>(x[0]);
  sys.demand_kind = x[1] == 1.0 ? SerialDemandKind::poisson : SerialDemandKind::normal;
  sys.demand_mean_per_period = x[2];
  sys.demand_sd_per_period = x[3];
  sys.backorder_cost_per_unit_period = x[4];
  for (int j = 0; j < n; ++j) {
    const int given = std::min(j, 2);
    sys.stages.push_back({x[5 + 2 * static_cast<std::size_t>(given)], x[6 + 2 * static_cast<std::size_t>(given)]});
  }
  auto c = optimize_serial_base_stock(sys);
  if (!c.ok()) return c.problems();
  TextbookResult r;
  r.decision = "echelon S* = ";
  for (int j = 0; j < n; ++j) {
    r.decision += (j ? ", " : "") + num(c->echelon_base_stock[static_cast<std::size_t>(j)]);
    if (j == 5 && n > 7) {
      r.decision += ", ... (" + std::to_string(n) + " stages)";
      break;
    }
  }
  r.decision_values = c->echelon_base_stock;
  r.cost = c->expected_cost_per_period;
  r.cost_label = "expected cost per period";
  r.formula =
      "Each stage keeps its echelon position (its stock plus everything downstream) at S*_j. From the customer up: "
      "C_j(y) = E[h_j (y - D_j) + C_j-1(min(S*_j-1, y - D_j))] over the lead-time demand D_j, starting from the "
      "backorder cost (p + sum of h) on shortfalls, and S*_j minimises C_j (Clark-Scarf, Chen-Zheng).";
  for (int j = 0; j < n && j < 20; ++j) {
    const auto i = static_cast<std::size_t>(j);
    r.details.push_back({"stage " + std::to_string(j + 1) + ": echelon / local S",
                         num(c->echelon_base_stock[i]) + " / " + num(c->local_base_stock[i])});
  }
  r.details.push_back({"work (products summed)", num(static_cast<double>(c->work_products))});
  if (n != 1) return simulate_serial_line(r, sys, *c, simulate);
  if (!whole_at_least_one(sys.stages[0].lead_time_periods)) {
    r.simulation_note = "Not simulated: the simulator needs a whole lead time of at least 1 period.";
    return r;
  }
  if (!simulate) return not_simulated_yet(r);
  const PeriodDemand demand = sys.demand_kind == SerialDemandKind::poisson
                                  ? PeriodDemand{DemandKind::poisson, sys.demand_mean_per_period, 0.0, {}}
                                  : PeriodDemand{DemandKind::normal, sys.demand_mean_per_period, sys.demand_sd_per_period, {}};
  PolicySimInput s = sim_base(demand, sys.stages[0].lead_time_periods - 1.0);
  s.policy = SimPolicy::base_stock;
  s.level = c->echelon_base_stock[0];
  simulate_into(r, s, sys.stages[0].echelon_holding_cost_per_unit_period, sys.backorder_cost_per_unit_period, 0.0,
                std::nan(""), std::nan(""), std::nan(""), std::nan(""));
  if (r.simulated) r.simulation_note += " Base stock reviewed every period, lead time L - 1 in the simulator's timeline.";
  return r;
}

}  // namespace

TextbookField TextbookField::choice(std::string name, std::string label, int default_index,
                                   std::vector<std::string> choices, std::string help) {
  TextbookField f(std::move(name), std::move(label), "", default_index, 0.0,
                  static_cast<double>(choices.size()) - 1.0, false, true, std::move(help));
  f.choices = std::move(choices);
  return f;
}

const std::vector<TextbookModelInfo>& textbook_models() {
  static const std::vector<TextbookModelInfo> models = make_models();
  return models;
}

const TextbookModelInfo& textbook_model_info(TextbookModel model) {
  return textbook_models()[static_cast<std::size_t>(model)];
}

std::vector<double> textbook_defaults(TextbookModel model) {
  std::vector<double> v;
  for (const TextbookField& f : textbook_model_info(model).fields) v.push_back(f.default_value);
  return v;
}

bool textbook_solves_on_release(TextbookModel model, const std::vector<double>& inputs) {
  if (textbook_model_info(model).solve_on_release) return true;
  return model == TextbookModel::clark_scarf && !inputs.empty() && inputs[0] > 8.0;
}

std::size_t textbook_field_index(TextbookModel model, const std::string& name) {
  const auto& fields = textbook_model_info(model).fields;
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return i;
  return fields.size();
}

bool textbook_field_applies(TextbookModel model, const std::vector<double>& inputs, std::size_t index) {
  const auto& fields = textbook_model_info(model).fields;
  if (index >= fields.size() || inputs.size() != fields.size()) return false;
  const std::string& name = fields[index].name;
  const auto value = [&](const char* other) { return inputs[textbook_field_index(model, other)]; };
  // The number ending a listed input's name: demand_7 -> 7.
  const auto ordinal = [&]() { return std::atoi(name.c_str() + name.rfind('_') + 1); };
  const auto starts = [&](const char* prefix) { return name.rfind(prefix, 0) == 0; };
  switch (model) {
    case TextbookModel::wagner_whitin:
      return !starts("demand_") || ordinal() <= value("periods");
    case TextbookModel::r_Q:
      if (name == "demand_sd") return value("demand_kind") == 0.0;
      if (name == "service_target") return value("service") != 0.0;
      return true;
    case TextbookModel::clark_scarf:
      if (name == "demand_sd") return value("demand_kind") == 0.0;
      if (starts("holding_") || starts("lead_time_")) return ordinal() <= value("stages");
      return true;
    case TextbookModel::newsvendor: {
      const int kind = static_cast<int>(value("demand_kind"));
      const bool prices = value("form") == 1.0;
      if (name == "demand_mean") return kind <= 5;
      if (name == "demand_sd") return kind == 1 || kind == 2 || kind == 3 || kind == 5;
      if (name == "overage_cost_per_unit" || name == "underage_cost_per_unit") return !prices;
      if (name == "selling_price" || name == "unit_cost" || name == "salvage_value" ||
          name == "goodwill_cost_per_unit_short") {
        return prices;
      }
      if (name == "outcomes") return kind == 6;
      if (starts("outcome_")) return kind == 6 && ordinal() <= value("outcomes");
      if (name == "sample_size") return kind == 7;
      if (starts("sample_")) return kind == 7 && ordinal() <= value("sample_size");
      return true;
    }
    default:
      return true;
  }
}

Result<TextbookResult> run_textbook_model(TextbookModel model, const std::vector<double>& inputs, bool simulate) {
  const TextbookModelInfo& info = textbook_model_info(model);
  if (inputs.size() != info.fields.size()) {
    return Problem{"inputs", "expected " + std::to_string(info.fields.size()) + " inputs, got " +
                                 std::to_string(inputs.size())};
  }
  Problems problems;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (!textbook_field_applies(model, inputs, i)) continue;
    const std::string why = check_field(info.fields[i], inputs[i]);
    if (!why.empty()) problems.push_back(input_problem(info.fields[i], why));
  }
  if (!problems.empty()) return problems;
  switch (model) {
    case TextbookModel::eoq: return solve_eoq(inputs);
    case TextbookModel::eoq_backorders: return solve_eoq_backorders(inputs);
    case TextbookModel::epq: return solve_epq(inputs);
    case TextbookModel::quantity_discount: return solve_quantity_discount(inputs);
    case TextbookModel::wagner_whitin: return solve_wagner_whitin(inputs);
    case TextbookModel::finite_horizon_s_S: return solve_finite_horizon(inputs);
    case TextbookModel::newsvendor: return solve_newsvendor(inputs, simulate);
    case TextbookModel::r_Q: return solve_r_Q(inputs, simulate);
    case TextbookModel::s_S: return solve_s_S(inputs, simulate);
    case TextbookModel::clark_scarf: return solve_clark_scarf(inputs, simulate);
  }
  return Problem{"model", "unknown model"};
}

TextbookState::TextbookState() {
  for (const TextbookModelInfo& info : textbook_models()) inputs_.push_back(textbook_defaults(info.model));
  last_good_.resize(textbook_models().size());
  has_good_.assign(textbook_models().size(), false);
  solve();
}

void TextbookState::select(TextbookModel model) {
  if (model == model_) return;
  model_ = model;
  dirty_ = true;
  field_problem_ = {};
  solve();
}

bool TextbookState::set_input(std::size_t index, double value, bool final) {
  const TextbookModelInfo& info = textbook_model_info(model_);
  if (index >= info.fields.size()) return false;
  const std::string why = check_field(info.fields[index], value);
  if (!why.empty()) {
    field_problem_ = input_problem(info.fields[index], why + " (" + num(value) + " refused)");
    return false;
  }
  field_problem_ = {};
  double& slot = inputs_[static_cast<std::size_t>(model_)][index];
  if (slot != value) {
    slot = value;
    dirty_ = true;
  }
  if (final) {
    solve();
  } else if (!textbook_solves_on_release(model_, inputs()) && dirty_) {
    // Mid-drag: the optimum follows every frame, the simulation waits for the release.
    ++solves_;
    result_ = run_textbook_model(model_, inputs(), false);
    if (result_.ok()) {
      last_good_[static_cast<std::size_t>(model_)] = result_.value();
      has_good_[static_cast<std::size_t>(model_)] = true;
    }
    dirty_ = false;
    simulation_owed_ = result_.ok() && result_->simulation_pending;
  }
  return true;
}

void TextbookState::solve() {
  if (!dirty_ && !simulation_owed_) return;
  dirty_ = false;
  simulation_owed_ = false;
  ++solves_;
  result_ = run_textbook_model(model_, inputs(), true);
  if (result_.ok()) {
    last_good_[static_cast<std::size_t>(model_)] = result_.value();
    has_good_[static_cast<std::size_t>(model_)] = true;
  }
}

const TextbookResult* TextbookState::last_good() const {
  const auto i = static_cast<std::size_t>(model_);
  return has_good_[i] ? &last_good_[i] : nullptr;
}

}  // namespace echelon::app
