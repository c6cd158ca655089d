// The app's textbook models against the published values the core's own tests use, the
// simulation beside them, and the state's handling of refused inputs.
#include "app/textbook_models.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace echelon::app {
namespace {

Result<TextbookResult> run_defaults(TextbookModel model) { return run_textbook_model(model, textbook_defaults(model)); }

std::size_t field_index(TextbookModel model, const std::string& name) {
  const auto& fields = textbook_model_info(model).fields;
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (name == fields[i].name) return i;
  ADD_FAILURE() << "no field " << name;
  return 0;
}

TEST(TextbookModels, EveryModelIsListedInOrderWithDefaultsInRange) {
  const auto& models = textbook_models();
  ASSERT_EQ(models.size(), 10u);
  for (std::size_t i = 0; i < models.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(models[i].model), i);
    for (const TextbookField& f : models[i].fields) {
      EXPECT_TRUE(f.min_open ? f.default_value > f.min_value : f.default_value >= f.min_value) << f.name;
      EXPECT_LE(f.default_value, f.max_value) << f.name;
    }
    auto r = run_defaults(models[i].model);
    ASSERT_TRUE(r.ok()) << models[i].key << ": " << describe(r.problems());
    EXPECT_FALSE(r->formula.empty());
    EXPECT_FALSE(r->decision.empty());
  }
}

// Snyder & Shen's EOQ with planned backorders instance (core test KnownAnswer): K = 8,
// h = 0.225, b = 5, lambda = 1300: Q* = 310.8126, x* = 13.3843, cost 66.9214.
TEST(TextbookModels, EoqWithBackorders) {
  auto r = run_defaults(TextbookModel::eoq_backorders);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->decision_values[0], 310.8126, 5e-5);
  EXPECT_NEAR(r->decision_values[1], 13.3843, 5e-5);
  EXPECT_NEAR(r->cost, 66.9214, 5e-5);
  // Played out over whole cycles the saw-tooth costs the same (orders rounded to steps of a
  // thousandth of a cycle: within 0.2%).
  ASSERT_TRUE(r->simulated);
  EXPECT_NEAR(r->simulated_cost, r->cost, 2e-3 * r->cost);
}

// Plain EOQ by hand: K = 100, h = 2, lambda = 1000: Q* = sqrt(2*100*1000/2) = 316.2278, cost
// sqrt(2*100*1000*2) = 632.4555 (the Harris formula; Snyder & Shen 2nd ed. section 3.2).
TEST(TextbookModels, PlainEoq) {
  auto r = run_defaults(TextbookModel::eoq);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->decision_values[0], 316.2278, 5e-5);
  EXPECT_NEAR(r->cost, 632.4555, 5e-5);
  ASSERT_TRUE(r->simulated);
  EXPECT_NEAR(r->simulated_cost, r->cost, 2e-3 * r->cost);
  // No demand: nothing to order, nothing to play out.
  auto inputs = textbook_defaults(TextbookModel::eoq);
  inputs[field_index(TextbookModel::eoq, "demand_units_per_period")] = 0.0;
  auto none = run_textbook_model(TextbookModel::eoq, inputs);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->cost, 0.0);
  EXPECT_FALSE(none->simulated);
}

// EPQ by hand: K = 100, h = 2, lambda = 1000, P = 4000: Q* = sqrt(2*100*1000/(2*0.75)) = 365.1484,
// cost sqrt(2*100*1000*2*0.75) = 547.7226.
TEST(TextbookModels, Epq) {
  auto r = run_defaults(TextbookModel::epq);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->decision_values[0], 365.1484, 5e-5);
  EXPECT_NEAR(r->cost, 547.7226, 5e-5);
  ASSERT_TRUE(r->simulated);
  EXPECT_NEAR(r->simulated_cost, r->cost, 2e-3 * r->cost);
}

// Nahmias 6th ed. section 4.7: all-units Q* = 500 at 198.10 a year; incremental Q* = 400 at 204.00.
TEST(TextbookModels, QuantityDiscountsBothSchemes) {
  auto all = run_defaults(TextbookModel::quantity_discount);
  ASSERT_TRUE(all.ok());
  EXPECT_DOUBLE_EQ(all->decision_values[0], 500.0);
  EXPECT_NEAR(all->cost, 198.10, 1e-9);
  auto inputs = textbook_defaults(TextbookModel::quantity_discount);
  inputs[field_index(TextbookModel::quantity_discount, "scheme")] = 1.0;
  auto inc = run_textbook_model(TextbookModel::quantity_discount, inputs);
  ASSERT_TRUE(inc.ok());
  EXPECT_NEAR(inc->decision_values[0], 400.0, 1e-9);
  EXPECT_NEAR(inc->cost, 204.0, 1e-9);
  // The played-out cost counts each order's purchase and its stock at the order's average price.
  ASSERT_TRUE(all->simulated && inc->simulated);
  EXPECT_NEAR(all->simulated_cost, all->cost, 2e-3 * all->cost);
  EXPECT_NEAR(inc->simulated_cost, inc->cost, 2e-3 * inc->cost);
}

// Silver, Pyke & Thomas's lot-sizing example (core test SilverPykeThomasExample): $501.20,
// ordering in periods 1, 4, 5, 7, 9, 10, 11.
TEST(TextbookModels, WagnerWhitin) {
  auto r = run_defaults(TextbookModel::wagner_whitin);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->cost, 501.20, 1e-9);
  EXPECT_EQ(r->decision, "order in periods 1, 4, 5, 7, 9, 10, 11");
  ASSERT_TRUE(r->simulated);
  EXPECT_NEAR(r->simulated_cost, 501.20, 1e-9);
}

// The horizon is editable: the first 4 periods of the same example, demands 10, 62, 12, 130,
// K = 54, h = 0.4. By hand, the plans: one order (0.4 (62 + 2*12 + 3*130) = 190.4, + 54 = 244.4);
// orders in 1 and 4: 54 + 0.4 (62 + 24) + 54 = 142.4; orders in 1, 2, 4: 162 + 0.4*12 = 166.8;
// orders in 1, 3, 4 ... 54+24.8+54+54 = 186.8. The least is 142.4, ordering in 1 and 4.
// Then period 2's demand edited to 200 makes a second order in period 2 pay:
// 1, 2, 4: 54 + 54 + 0.4*12 + 54 = 166.8 against 1, 4: 54 + 0.4 (200 + 24) + 54 = 197.6.
TEST(TextbookModels, WagnerWhitinEditablePeriodsAndDemands) {
  auto inputs = textbook_defaults(TextbookModel::wagner_whitin);
  inputs[field_index(TextbookModel::wagner_whitin, "periods")] = 4.0;
  EXPECT_FALSE(textbook_field_applies(TextbookModel::wagner_whitin, inputs,
                                      field_index(TextbookModel::wagner_whitin, "demand_5")));
  EXPECT_TRUE(textbook_field_applies(TextbookModel::wagner_whitin, inputs,
                                     field_index(TextbookModel::wagner_whitin, "demand_4")));
  auto r = run_textbook_model(TextbookModel::wagner_whitin, inputs);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_EQ(r->decision, "order in periods 1, 4");
  EXPECT_NEAR(r->cost, 142.4, 1e-9);
  inputs[field_index(TextbookModel::wagner_whitin, "demand_2")] = 200.0;
  r = run_textbook_model(TextbookModel::wagner_whitin, inputs);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->decision, "order in periods 1, 2, 4");
  EXPECT_NEAR(r->cost, 166.8, 1e-9);
  // 52 periods (the 12 repeated): every demand is used, and a demand beyond the horizon is not
  // checked.
  inputs = textbook_defaults(TextbookModel::wagner_whitin);
  inputs[field_index(TextbookModel::wagner_whitin, "periods")] = 52.0;
  r = run_textbook_model(TextbookModel::wagner_whitin, inputs);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->simulated_cost, r->cost, 1e-9);
  inputs[field_index(TextbookModel::wagner_whitin, "periods")] = 3.0;
  inputs[field_index(TextbookModel::wagner_whitin, "demand_9")] = -5.0;
  EXPECT_TRUE(run_textbook_model(TextbookModel::wagner_whitin, inputs).ok());
  inputs[field_index(TextbookModel::wagner_whitin, "demand_2")] = -5.0;
  auto bad = run_textbook_model(TextbookModel::wagner_whitin, inputs);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.problems()[0].path, "inputs/demand_2");
}

// The hand example of the core test (D uniform on {0, 1, 2}, h = 1, b = 4, K = 1.2, T = 2):
// S_1 = 2, s_1 = 0, V_1(0) = 172/45.
TEST(TextbookModels, FiniteHorizonHandExample) {
  auto r = run_defaults(TextbookModel::finite_horizon_s_S);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_EQ(r->decision, "period 1: s = 0, S = 2");
  EXPECT_NEAR(r->cost, 172.0 / 45.0, 1e-12);
  // The period rules simulated from x1 cost the same within the Monte Carlo error.
  ASSERT_TRUE(r->simulated) << r->simulation_note;
  EXPECT_GT(r->simulated_cost_error, 0.0);
  EXPECT_NEAR(r->simulated_cost, r->cost, 4.0 * r->simulated_cost_error);
}

std::vector<double> newsvendor_inputs(int kind, double mean, double sd) {
  auto inputs = textbook_defaults(TextbookModel::newsvendor);
  inputs[field_index(TextbookModel::newsvendor, "demand_kind")] = kind;
  inputs[field_index(TextbookModel::newsvendor, "demand_mean")] = mean;
  inputs[field_index(TextbookModel::newsvendor, "demand_sd")] = sd;
  return inputs;
}

void set_prices(std::vector<double>& inputs, double p, double c, double v) {
  inputs[field_index(TextbookModel::newsvendor, "form")] = 1.0;
  inputs[field_index(TextbookModel::newsvendor, "selling_price")] = p;
  inputs[field_index(TextbookModel::newsvendor, "unit_cost")] = c;
  inputs[field_index(TextbookModel::newsvendor, "salvage_value")] = v;
}

// Snyder & Shen's newsvendor, cost form (core test SnyderShenCostForm): N(50, 8), c_o = 0.18,
// c_u = 0.70: S* = 56.6040, cost 1.9976. The seasons simulated at S* cost the same within a few
// standard errors.
TEST(TextbookModels, NewsvendorAnalyticAndSimulated) {
  auto r = run_defaults(TextbookModel::newsvendor);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->decision_values[0], 56.6040, 5e-5);
  EXPECT_NEAR(r->cost, 1.9976, 5e-5);
  ASSERT_TRUE(r->simulated) << r->simulation_note;
  EXPECT_NEAR(r->simulated_cost, r->cost, 4.0 * r->simulated_cost_error + 1e-9);
  EXPECT_GT(r->simulated_cost_error, 0.0);
}

// The price form: Nahmias's newsstand (core test NahmiasNewsstandPriceForm), N(11.73, 4.74),
// p = 0.75, c = 0.25, v = 0: S* = 13.771647, expected profit 4.572403; and the lognormal
// (core test LognormalClosedForm: mean 100, sd 50, p = 10, c = 4, v = 1): S* = 109.625026,
// profit 435.048741. Both simulated, the profit within the Monte Carlo error.
TEST(TextbookModels, NewsvendorPriceFormAndLognormal) {
  auto inputs = newsvendor_inputs(1, 11.73, 4.74);
  set_prices(inputs, 0.75, 0.25, 0.0);
  EXPECT_FALSE(textbook_field_applies(TextbookModel::newsvendor, inputs,
                                      field_index(TextbookModel::newsvendor, "overage_cost_per_unit")));
  auto r = run_textbook_model(TextbookModel::newsvendor, inputs);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_NEAR(r->decision_values[0], 13.771647, 1e-6);
  EXPECT_NEAR(r->cost, 4.572403, 1e-6);
  EXPECT_EQ(r->cost_label, "expected profit");
  ASSERT_TRUE(r->simulated);
  EXPECT_NEAR(r->simulated_cost, r->cost, 4.0 * r->simulated_cost_error);

  inputs = newsvendor_inputs(3, 100.0, 50.0);
  set_prices(inputs, 10.0, 4.0, 1.0);
  auto ln = run_textbook_model(TextbookModel::newsvendor, inputs);
  ASSERT_TRUE(ln.ok()) << describe(ln.problems());
  EXPECT_NEAR(ln->decision_values[0], 109.625026, 1e-5);
  EXPECT_NEAR(ln->cost, 435.048741, 1e-5);
  ASSERT_TRUE(ln->simulated) << ln->simulation_note;
  EXPECT_NEAR(ln->simulated_cost, ln->cost, 4.0 * ln->simulated_cost_error);
  EXPECT_LT(ln->simulated_cost_error, 0.01 * ln->cost);
}

// Every distribution of the scenario format solves and simulates. Hand values: a constant 50
// is stocked exactly (cost 0); the default table {40: 1/4, 50: 1/2, 60: 1/4} with c_u/(c_u + c_o)
// = 0.70/0.88 = 0.795 stocks 60 (P(D <= 50) = 0.75 < 0.795), cost 0.18 (0.25*20 + 0.5*10) = 1.8;
// the default sample of 10 (sorted 37 42 45 48 49 50 52 55 58 61) needs P >= 0.795, the 8th
// value 55 (P = 0.8), cost 0.18 (18+13+10+7+6+5+3+0)/10 + 0.70 (3+6)/10 = 1.116 + 0.63 = 1.746.
TEST(TextbookModels, NewsvendorEveryDistribution) {
  auto constant = run_textbook_model(TextbookModel::newsvendor, newsvendor_inputs(0, 50.0, 8.0));
  ASSERT_TRUE(constant.ok()) << describe(constant.problems());
  EXPECT_DOUBLE_EQ(constant->decision_values[0], 50.0);
  EXPECT_NEAR(constant->cost, 0.0, 1e-12);
  auto table = run_textbook_model(TextbookModel::newsvendor, newsvendor_inputs(6, 0.0, 0.0));
  ASSERT_TRUE(table.ok()) << describe(table.problems());
  EXPECT_DOUBLE_EQ(table->decision_values[0], 60.0);
  EXPECT_NEAR(table->cost, 1.8, 1e-12);
  auto sample = run_textbook_model(TextbookModel::newsvendor, newsvendor_inputs(7, 0.0, 0.0));
  ASSERT_TRUE(sample.ok()) << describe(sample.problems());
  EXPECT_DOUBLE_EQ(sample->decision_values[0], 55.0);
  EXPECT_NEAR(sample->cost, 1.746, 1e-12);
  for (int kind = 0; kind < 8; ++kind) {
    auto r = run_textbook_model(TextbookModel::newsvendor, newsvendor_inputs(kind, 50.0, 10.0));
    ASSERT_TRUE(r.ok()) << kind << ": " << describe(r.problems());
    ASSERT_TRUE(r->simulated) << kind;
    EXPECT_NEAR(r->simulated_cost, r->cost, 4.0 * r->simulated_cost_error + 1e-12) << kind;
  }
  // A table whose probabilities do not sum to 1 is refused by the core, naming the table.
  auto inputs = newsvendor_inputs(6, 0.0, 0.0);
  inputs[field_index(TextbookModel::newsvendor, "outcome_probability_1")] = 0.5;
  auto bad = run_textbook_model(TextbookModel::newsvendor, inputs);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.problems()[0].path.find("demand"), std::string::npos) << bad.problems()[0].path;
}

// Snyder & Shen Example 5.8 (Poisson 1.5, L = 2, K = 100, h = 20, p = 150): (r, Q) = (3, 5) at
// 107.92358063314975. The simulated (r, nQ) policy costs the same within its error.
TEST(TextbookModels, RQPoissonExample) {
  auto r = run_defaults(TextbookModel::r_Q);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_EQ(r->decision_values[0], 3.0);
  EXPECT_EQ(r->decision_values[1], 5.0);
  EXPECT_NEAR(r->cost, 107.92358063314975, 1e-9);
  ASSERT_TRUE(r->simulated) << r->simulation_note;
  EXPECT_NEAR(r->simulated_cost, r->cost, 4.0 * r->simulated_cost_error);
  EXPECT_LT(r->simulated_cost_error, 0.05 * r->cost);
  // The service variants stand beside the least-cost policy (Snyder & Shen's example has
  // P(X <= 3) = 0.647 at the optimum, below the 0.95 target).
  ASSERT_EQ(r->variants.size(), 3u);
  EXPECT_EQ(r->variants[0][1], "3");
  EXPECT_EQ(r->variants[0][2], "5");
}

// The type 1 and type 2 optima of the app are the core's (tested there against a brute-force
// scan, r_Q_optimal_test PoissonServiceTargetsMatchBruteForce), and each meets its target at a
// cost no lower than the least-cost policy. By hand for type 1: Poisson lead-time demand with
// mean 3, P(X <= 5) = 0.9161 < 0.95 <= P(X <= 6) = 0.9665, so r* = 6 at least.
TEST(TextbookModels, RQServiceTargets) {
  auto inputs = textbook_defaults(TextbookModel::r_Q);
  const auto least = run_textbook_model(TextbookModel::r_Q, inputs);
  ASSERT_TRUE(least.ok());
  inputs[field_index(TextbookModel::r_Q, "service")] = 1.0;
  auto type1 = run_textbook_model(TextbookModel::r_Q, inputs);
  ASSERT_TRUE(type1.ok()) << describe(type1.problems());
  EXPECT_GE(type1->decision_values[0], 6.0);
  EXPECT_GE(type1->cost, least->cost);
  inputs[field_index(TextbookModel::r_Q, "service")] = 2.0;
  auto type2 = run_textbook_model(TextbookModel::r_Q, inputs);
  ASSERT_TRUE(type2.ok()) << describe(type2.problems());
  EXPECT_GE(type2->cost, least->cost);
  EXPECT_NE(type2->formula.find("fill rate"), std::string::npos);
  ASSERT_EQ(type2->variants.size(), 3u);
  EXPECT_EQ(type2->variants[1][3], type1->variants[1][3]);
  // A pure service model: no backorder cost, a fill-rate target of 0.99, normal demand.
  inputs[field_index(TextbookModel::r_Q, "demand_kind")] = 0.0;
  inputs[field_index(TextbookModel::r_Q, "backorder_cost_per_unit_period")] = 0.0;
  inputs[field_index(TextbookModel::r_Q, "service_target")] = 0.99;
  auto pure = run_textbook_model(TextbookModel::r_Q, inputs);
  ASSERT_TRUE(pure.ok()) << describe(pure.problems());
  ASSERT_EQ(pure->variants.size(), 3u);
  EXPECT_EQ(pure->variants[0][1], "-");  // least cost needs b > 0: the row says why
  const auto fill = std::stod(pure->variants[2][5]);
  EXPECT_GE(fill, 0.99 - 1e-9);
  ASSERT_TRUE(pure->simulated) << pure->simulation_note;
}

// Zheng & Federgruen's Table I, mean 10 (K = 64, h = 1, p = 9, L = 0): (s, S) = (6, 40). The
// simulated policy agrees with the exact cost within its error, with the lead time 0 and 2.
TEST(TextbookModels, SSZhengFedergruen) {
  auto r = run_defaults(TextbookModel::s_S);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_EQ(r->decision, "s* = 6, S* = 40");
  ASSERT_TRUE(r->simulated) << r->simulation_note;
  EXPECT_NEAR(r->simulated_cost, r->cost, 4.0 * r->simulated_cost_error);
  auto inputs = textbook_defaults(TextbookModel::s_S);
  inputs[field_index(TextbookModel::s_S, "lead_time_periods")] = 2.0;
  auto lagged = run_textbook_model(TextbookModel::s_S, inputs);
  ASSERT_TRUE(lagged.ok());
  ASSERT_TRUE(lagged->simulated);
  EXPECT_NEAR(lagged->simulated_cost, lagged->cost, 4.0 * lagged->simulated_cost_error);
}

// Snyder & Shen Example 6.1: echelon levels 6.49, 12.02, 22.71, cost 47.66. Twenty stages solve
// too (stages beyond the third repeat its data); the line and a single stage are simulated.
TEST(TextbookModels, ClarkScarfExampleAndLongLine) {
  auto r = run_defaults(TextbookModel::clark_scarf);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  ASSERT_EQ(r->decision_values.size(), 3u);
  EXPECT_NEAR(r->decision_values[0], 6.49, 0.005);
  EXPECT_NEAR(r->decision_values[1], 12.02, 0.005);
  EXPECT_NEAR(r->decision_values[2], 22.71, 0.005);
  EXPECT_NEAR(r->cost, 47.66, 0.005);
  // The three-stage line simulated with echelon base stock at those levels costs the optimum,
  // within 4 standard errors (the simulator's timing is checked on the same example in
  // tests/core/sim/sim_test.cpp).
  ASSERT_TRUE(r->simulated) << r->simulation_note;
  EXPECT_NEAR(r->simulated_cost, r->cost, 4.0 * r->simulated_cost_error + 0.005);

  auto inputs = textbook_defaults(TextbookModel::clark_scarf);
  inputs[field_index(TextbookModel::clark_scarf, "stages")] = 20.0;
  auto twenty = run_textbook_model(TextbookModel::clark_scarf, inputs);
  ASSERT_TRUE(twenty.ok()) << describe(twenty.problems());
  EXPECT_EQ(twenty->decision_values.size(), 20u);
  EXPECT_GT(twenty->cost, r->cost);

  // One stage, h = 3, p = 37.12, L = 1, N(5, 1): a newsvendor over one period,
  // S* = 5 + Phi^-1(37.12 / 40.12) = 5 + Phi^-1(0.925224) = 5 + 1.441118.
  inputs = textbook_defaults(TextbookModel::clark_scarf);
  inputs[field_index(TextbookModel::clark_scarf, "stages")] = 1.0;
  auto one = run_textbook_model(TextbookModel::clark_scarf, inputs);
  ASSERT_TRUE(one.ok());
  EXPECT_NEAR(one->decision_values[0], 6.441118, 1e-5);
  ASSERT_TRUE(one->simulated) << one->simulation_note;
  EXPECT_NEAR(one->simulated_cost, one->cost, 4.0 * one->simulated_cost_error);
}

TEST(TextbookModels, ProblemsNameTheField) {
  auto inputs = textbook_defaults(TextbookModel::epq);
  inputs[field_index(TextbookModel::epq, "holding_cost_per_unit_period")] = -1.0;
  auto r = run_textbook_model(TextbookModel::epq, inputs);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.problems()[0].path, "inputs/holding_cost_per_unit_period");
  // A combination only the core refuses: production slower than demand.
  inputs = textbook_defaults(TextbookModel::epq);
  inputs[field_index(TextbookModel::epq, "production_units_per_period")] = 500.0;
  auto slow = run_textbook_model(TextbookModel::epq, inputs);
  ASSERT_FALSE(slow.ok());
  EXPECT_FALSE(slow.problems()[0].message.empty());
}

TEST(TextbookModels, StateKeepsTheLastGoodResultAndCachesByInputs) {
  TextbookState state;
  EXPECT_EQ(state.model(), TextbookModel::r_Q);
  ASSERT_TRUE(state.result().ok());
  state.select(TextbookModel::epq);
  ASSERT_TRUE(state.result().ok());
  const double good = state.result()->cost;
  const long long solves = state.solves();
  // Out of range: refused, named, nothing re-solved.
  EXPECT_FALSE(state.set_input(field_index(TextbookModel::epq, "setup_cost_per_batch"), -5.0, true));
  EXPECT_EQ(state.field_problem().path, "inputs/setup_cost_per_batch");
  EXPECT_EQ(state.solves(), solves);
  // In range but refused by the core: the problems show and the last good result stays.
  EXPECT_TRUE(state.set_input(field_index(TextbookModel::epq, "production_units_per_period"), 500.0, true));
  EXPECT_FALSE(state.result().ok());
  ASSERT_NE(state.last_good(), nullptr);
  EXPECT_EQ(state.last_good()->cost, good);
  // The same value again solves nothing.
  const long long after = state.solves();
  EXPECT_TRUE(state.set_input(field_index(TextbookModel::epq, "production_units_per_period"), 500.0, true));
  EXPECT_EQ(state.solves(), after);
  // The slow model solves on release only.
  state.select(TextbookModel::finite_horizon_s_S);
  const long long before_drag = state.solves();
  EXPECT_TRUE(state.set_input(field_index(TextbookModel::finite_horizon_s_S, "periods"), 3.0, false));
  EXPECT_TRUE(state.pending());
  EXPECT_EQ(state.solves(), before_drag);
  state.solve();
  EXPECT_FALSE(state.pending());
  EXPECT_EQ(state.solves(), before_drag + 1);
  // Mid-drag the optimum follows at once and the simulation waits for the end of the edit.
  state.select(TextbookModel::s_S);
  ASSERT_TRUE(state.result().ok());
  EXPECT_TRUE(state.result()->simulated);
  EXPECT_TRUE(state.set_input(field_index(TextbookModel::s_S, "order_cost_per_order"), 100.0, false));
  ASSERT_TRUE(state.result().ok());
  EXPECT_FALSE(state.result()->simulated);
  EXPECT_TRUE(state.result()->simulation_pending);
  EXPECT_TRUE(state.pending());
  const std::string mid_drag = state.result()->decision;
  state.solve();
  ASSERT_TRUE(state.result().ok());
  EXPECT_TRUE(state.result()->simulated);
  EXPECT_FALSE(state.pending());
  EXPECT_EQ(state.result()->decision, mid_drag);
  // A long Clark-Scarf line waits for the end of the drag; a short one follows it.
  state.select(TextbookModel::clark_scarf);
  const long long before_line = state.solves();
  EXPECT_TRUE(state.set_input(field_index(TextbookModel::clark_scarf, "backorder_cost_per_unit_period"), 40.0, false));
  EXPECT_EQ(state.solves(), before_line + 1);
  EXPECT_TRUE(state.set_input(field_index(TextbookModel::clark_scarf, "stages"), 20.0, false));
  EXPECT_EQ(state.solves(), before_line + 1);
  EXPECT_TRUE(state.pending());
  state.solve();
  ASSERT_TRUE(state.result().ok());
  EXPECT_EQ(state.result()->decision_values.size(), 20u);
  // Each model keeps its own inputs.
  state.select(TextbookModel::epq);
  EXPECT_EQ(state.inputs()[field_index(TextbookModel::epq, "production_units_per_period")], 500.0);
}

}  // namespace
}  // namespace echelon::app
