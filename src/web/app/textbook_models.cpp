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

#include "core/meio/clark_scarf.h"
#include "core/model/distribution.h"
#include "core/policy/eoq_backorders.h"
#include "core/policy/epq.h"
#include "core/policy/finite_horizon_s_S.h"
#include "core/policy/newsvendor_distribution.h"
#include "core/policy/quantity_discount.h"
#include "core/policy/r_Q_optimal.h"
#include "core/policy/s_S_optimal.h"
#include "core/policy/wagner_whitin.h"
#include "core/sim/policy_sim.h"

namespace echelon::app {

namespace {

constexpr double kBig = 1e7;
// The simulation shown beside the analytic figures: short enough for a frame in wasm, seeded.
constexpr int kSimPeriods = 4000;
constexpr int kSimWarmup = 200;
constexpr int kSimReplications = 8;
constexpr std::uint64_t kSimSeed = 20260101;
constexpr int kWagnerWhitinPeriods = 12;
constexpr int kMaxSerialStages = 20;

std::string num(double v) {
  char text[48];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

std::string pm(const SimEstimate& e, double scale = 1.0) {
  return num(scale * e.mean) + " +- " + num(scale * e.standard_error);
}

std::vector<TextbookModelInfo> make_models() {
  std::vector<TextbookModelInfo> m;
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
               {{"scheme", "Scheme (0 all-units, 1 incremental)", "", 0.0, 0.0, 1.0, false, true,
                 "All-units: the whole order gets the price of its range. Incremental: each unit gets the price of "
                 "its own range."},
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
                       "Which periods order, and how much, for known demands over 12 periods.", false,
                       {{"order_cost_per_order", "Order cost K", "money/order", 54.0, 0.0, kBig, false, false,
                         "Fixed cost of an order in any period."},
                        {"holding_cost_per_unit_period", "Holding cost h", "money/unit/period", 0.4, 0.0, kBig, false,
                         false, "Cost of carrying one unit into the next period."}}};
  static const char* kDemandNames[kWagnerWhitinPeriods] = {"demand_1", "demand_2", "demand_3",  "demand_4",
                                                           "demand_5", "demand_6", "demand_7",  "demand_8",
                                                           "demand_9", "demand_10", "demand_11", "demand_12"};
  static const char* kDemandLabels[kWagnerWhitinPeriods] = {"Demand, period 1", "Demand, period 2", "Demand, period 3",
                                                            "Demand, period 4", "Demand, period 5", "Demand, period 6",
                                                            "Demand, period 7", "Demand, period 8", "Demand, period 9",
                                                            "Demand, period 10", "Demand, period 11", "Demand, period 12"};
  const double spt[kWagnerWhitinPeriods] = {10, 62, 12, 130, 154, 129, 88, 52, 124, 160, 238, 41};
  for (int t = 0; t < kWagnerWhitinPeriods; ++t) {
    ww.fields.push_back({kDemandNames[t], kDemandLabels[t], "units", spt[t], 0.0, kBig, false, false,
                         "Known demand of the period."});
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
  m.push_back({TextbookModel::newsvendor, "newsvendor", "Newsvendor",
               "How much to stock for one selling season of uncertain demand.", false,
               {{"demand_kind", "Demand (0 normal, 1 lognormal, 2 gamma, 3 Poisson)", "", 0.0, 0.0, 3.0, false, true,
                 "Distribution of the season's demand."},
                {"demand_mean", "Demand mean", "units", 50.0, 0.0, kBig, true, false, "Mean demand."},
                {"demand_sd", "Demand std. dev.", "units", 8.0, 0.0, kBig, true, false,
                 "Standard deviation of demand (ignored for Poisson)."},
                {"overage_cost_per_unit", "Overage cost c_o", "money/unit", 0.18, 0.0, kBig, true, false,
                 "Cost of each unit left over."},
                {"underage_cost_per_unit", "Underage cost c_u", "money/unit", 0.70, 0.0, kBig, true, false,
                 "Cost of each unit short."}}});
  m.push_back({TextbookModel::r_Q, "r_Q", "(r, Q) exact optimum",
               "Reorder point r and lot size Q minimising the exact expected cost.", false,
               {{"demand_kind", "Demand (0 normal, 1 Poisson)", "", 1.0, 0.0, 1.0, false, true,
                 "Demand per period: normal, or Poisson (whole units)."},
                {"demand_mean", "Demand mean", "units/period", 1.5, 0.0, kBig, true, false, "Mean demand per period."},
                {"demand_sd", "Demand std. dev.", "units/period", 0.0, 0.0, kBig, false, false,
                 "Standard deviation per period (normal only; ignored for Poisson)."},
                {"lead_time_periods", "Lead time L", "periods", 2.0, 0.0, 1000.0, false, false,
                 "Constant lead time (whole, >= 1, to be simulated)."},
                {"order_cost_per_order", "Order cost K", "money/order", 100.0, 0.0, kBig, true, false,
                 "Fixed cost of placing one order."},
                {"holding_cost_per_unit_period", "Holding cost h", "money/unit/period", 20.0, 0.0, kBig, true, false,
                 "Cost of one unit on hand for one period."},
                {"backorder_cost_per_unit_period", "Backorder cost b", "money/unit/period", 150.0, 0.0, kBig, true,
                 false, "Cost of one unit backordered for one period."}}});
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
                {"demand_kind", "Demand (0 normal, 1 Poisson)", "", 0.0, 0.0, 1.0, false, true,
                 "Demand per period at stage 1."},
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
  r.simulation_note = "Deterministic model: nothing to simulate.";
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
  r.simulation_note = "Deterministic model: nothing to simulate.";
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
  r.simulation_note = "Deterministic model: nothing to simulate.";
  return r;
}

Result<TextbookResult> solve_wagner_whitin(const std::vector<double>& x) {
  WagnerWhitinInput in;
  in.order_cost_per_order = {x[0]};
  in.holding_cost_per_unit_period = {x[1]};
  in.demand_units.assign(x.begin() + 2, x.end());
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
  r.simulation_note = "Deterministic model: nothing to simulate.";
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
  r.simulation_note = "A time-varying plan over a finite horizon: the stationary simulator does not apply.";
  return r;
}

Result<TextbookResult> solve_newsvendor(const std::vector<double>& x, bool simulate) {
  const int kind = static_cast<int>(x[0]);
  const double mean = x[1];
  const double sd = x[2];
  GeneralNewsvendorInput in;
  PeriodDemand sim_demand;
  bool can_simulate = true;
  switch (kind) {
    case 0:
      in.demand = dist::Normal{mean, sd};
      sim_demand = {DemandKind::normal, mean, sd, {}};
      break;
    case 1:
      in.demand = dist::Lognormal{mean, sd};
      can_simulate = false;
      break;
    case 2:
      in.demand = dist::Gamma{mean * mean / (sd * sd), sd * sd / mean};
      sim_demand = {DemandKind::gamma, mean, sd, {}};
      break;
    default:
      in.demand = dist::Poisson{mean};
      sim_demand = {DemandKind::poisson, mean, 0.0, {}};
      break;
  }
  in.form = NewsvendorForm::costs;
  in.overage_cost_per_unit = x[3];
  in.underage_cost_per_unit = x[4];
  auto c = compute_general_newsvendor(in);
  if (!c.ok()) return c.problems();
  TextbookResult r;
  r.decision = "S* = " + num(c->order_quantity);
  r.decision_values = {c->order_quantity};
  r.cost = c->expected_cost;
  r.cost_label = "expected cost";
  r.formula =
      "Stock the critical fractile of demand: the smallest S with P(D <= S) >= c_u / (c_u + c_o); its expected cost "
      "is c_o E[left over] + c_u E[short].";
  r.details = {{"critical ratio", num(c->critical_ratio)},
               {"expected left over", num(c->expected_left_over)},
               {"expected short", num(c->expected_short)},
               {"in-stock probability", num(c->in_stock_probability)},
               {"fill rate", num(c->fill_rate)}};
  if (!can_simulate) {
    r.simulation_note = "Not simulated: the simulator has no lognormal demand.";
    return r;
  }
  if (!simulate) return not_simulated_yet(r);
  // Each simulated period starts at S (base stock, orders arriving before the next demand), so
  // its end is one season: left over (S - D)^+ and short (D - S)^+.
  PolicySimInput s = sim_base(sim_demand, 0.0);
  s.policy = SimPolicy::base_stock;
  s.level = c->order_quantity;
  simulate_into(r, s, in.overage_cost_per_unit, in.underage_cost_per_unit, 0.0, c->expected_left_over,
                c->expected_short, std::nan(""), c->fill_rate);
  if (r.simulated) {
    r.simulation_note += " Each period is one season starting at S*";
    r.simulation_note += kind == 0 ? "; negative normal draws count as zero demand." : ".";
  }
  return r;
}

Result<TextbookResult> solve_r_Q(const std::vector<double>& x, bool simulate) {
  RQOptimalInput in;
  const bool poisson = x[0] == 1.0;
  in.demand = poisson ? PeriodDemand{DemandKind::poisson, x[1], 0.0, {}} : PeriodDemand{DemandKind::normal, x[1], x[2], {}};
  in.lead_time_periods = x[3];
  in.order_cost_per_order = x[4];
  in.holding_cost_per_unit_period = x[5];
  in.backorder_cost_per_unit_period = x[6];
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
  r.details = {{"ordering cost per period", num(o.ordering_cost_per_period)},
               {"holding cost per period", num(o.holding_cost_per_period)},
               {"backorder cost per period", num(o.backorder_cost_per_period)},
               {"cycle service level", num(o.cycle_service_level)},
               {"fill rate", num(o.fill_rate)},
               {"search steps", num(static_cast<double>(c->search_steps))}};
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
  if (n != 1) {
    r.simulation_note = "Not simulated: the single-location simulator covers a one-stage line only.";
    return r;
  }
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

Result<TextbookResult> run_textbook_model(TextbookModel model, const std::vector<double>& inputs, bool simulate) {
  const TextbookModelInfo& info = textbook_model_info(model);
  if (inputs.size() != info.fields.size()) {
    return Problem{"inputs", "expected " + std::to_string(info.fields.size()) + " inputs, got " +
                                 std::to_string(inputs.size())};
  }
  Problems problems;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const std::string why = check_field(info.fields[i], inputs[i]);
    if (!why.empty()) problems.push_back(input_problem(info.fields[i], why));
  }
  if (!problems.empty()) return problems;
  switch (model) {
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
