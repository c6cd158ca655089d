// The app's textbook models against the published values the core's own tests use, the
// simulation beside them, and the state's handling of refused inputs.
#include "app/textbook_models.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

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
  ASSERT_EQ(models.size(), 9u);
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
  EXPECT_FALSE(r->simulated);
}

// EPQ by hand: K = 100, h = 2, lambda = 1000, P = 4000: Q* = sqrt(2*100*1000/(2*0.75)) = 365.1484,
// cost sqrt(2*100*1000*2*0.75) = 547.7226.
TEST(TextbookModels, Epq) {
  auto r = run_defaults(TextbookModel::epq);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->decision_values[0], 365.1484, 5e-5);
  EXPECT_NEAR(r->cost, 547.7226, 5e-5);
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
}

// Silver, Pyke & Thomas's lot-sizing example (core test SilverPykeThomasExample): $501.20,
// ordering in periods 1, 4, 5, 7, 9, 10, 11.
TEST(TextbookModels, WagnerWhitin) {
  auto r = run_defaults(TextbookModel::wagner_whitin);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->cost, 501.20, 1e-9);
  EXPECT_EQ(r->decision, "order in periods 1, 4, 5, 7, 9, 10, 11");
}

// The hand example of the core test (D uniform on {0, 1, 2}, h = 1, b = 4, K = 1.2, T = 2):
// S_1 = 2, s_1 = 0, V_1(0) = 172/45.
TEST(TextbookModels, FiniteHorizonHandExample) {
  auto r = run_defaults(TextbookModel::finite_horizon_s_S);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_EQ(r->decision, "period 1: s = 0, S = 2");
  EXPECT_NEAR(r->cost, 172.0 / 45.0, 1e-12);
}

// Snyder & Shen's newsvendor, cost form (core test SnyderShenCostForm): N(50, 8), c_o = 0.18,
// c_u = 0.70: S* = 56.6040, cost 1.9976. The simulation starts every period at S*, so its cost
// must agree within a few standard errors (negative draws, 6 sd below the mean, are negligible).
TEST(TextbookModels, NewsvendorAnalyticAndSimulated) {
  auto r = run_defaults(TextbookModel::newsvendor);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->decision_values[0], 56.6040, 5e-5);
  EXPECT_NEAR(r->cost, 1.9976, 5e-5);
  ASSERT_TRUE(r->simulated) << r->simulation_note;
  EXPECT_NEAR(r->simulated_cost, r->cost, 4.0 * r->simulated_cost_error + 1e-9);
  EXPECT_GT(r->simulated_cost_error, 0.0);
  // Lognormal (core test LognormalClosedForm: mean 100, sd 50, c_u = 6, c_o = 3): S* = 109.625026,
  // cost 164.951259; not simulated, and it says why.
  auto inputs = textbook_defaults(TextbookModel::newsvendor);
  inputs = {1.0, 100.0, 50.0, 3.0, 6.0};
  auto ln = run_textbook_model(TextbookModel::newsvendor, inputs);
  ASSERT_TRUE(ln.ok()) << describe(ln.problems());
  EXPECT_NEAR(ln->decision_values[0], 109.625026, 1e-5);
  EXPECT_NEAR(ln->cost, 164.951259, 1e-5);
  EXPECT_FALSE(ln->simulated);
  EXPECT_NE(ln->simulation_note.find("lognormal"), std::string::npos);
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
// too (stages beyond the third repeat its data), and one stage is simulated as base stock.
TEST(TextbookModels, ClarkScarfExampleAndLongLine) {
  auto r = run_defaults(TextbookModel::clark_scarf);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  ASSERT_EQ(r->decision_values.size(), 3u);
  EXPECT_NEAR(r->decision_values[0], 6.49, 0.005);
  EXPECT_NEAR(r->decision_values[1], 12.02, 0.005);
  EXPECT_NEAR(r->decision_values[2], 22.71, 0.005);
  EXPECT_NEAR(r->cost, 47.66, 0.005);
  EXPECT_FALSE(r->simulated);

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
