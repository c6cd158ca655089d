// The textbook models as the app's Single location tab runs them on an edit (app/textbook_models.h):
// the core's optimum plus, for the stochastic policies, the seeded simulation beside it
// (8 replications of 4,000 periods). Natively and in wasm; a frame at 60 Hz is 16.7 ms.
//   defaults      each model at its published instance (the app's defaults)
//   Clark-Scarf   Snyder & Shen's Example 6.1 extended to 20 stages (stages 4..20 repeat stage 3),
//                 normal and Poisson demand
//   finite (s, S) 52 periods of demand uniform on 0..20 (solved when a drag ends, not per frame)
//   variants      (r, Q) with a type 1 and a type 2 target, the newsvendor with lognormal and
//                 gamma demand in the price form (its Monte Carlo draws by inversion), and
//                 Wagner-Whitin over 52 periods
#include <string>
#include <utility>
#include <vector>

#include "app/textbook_models.h"
#include "harness.h"

int main() {
  using namespace echelon;
  using app::TextbookModel;
  const char* target = bench::target_name();

  for (const app::TextbookModelInfo& info : app::textbook_models()) {
    const std::vector<double> inputs = app::textbook_defaults(info.model);
    bench::print(bench::measure(std::string("app textbook/") + info.key + " (defaults)", [&](long long n) {
                   for (long long i = 0; i < n; ++i) {
                     auto r = app::run_textbook_model(info.model, inputs);
                     bench::keep(r.ok() ? r->cost : 0.0);
                   }
                 }),
                 target);
  }

  for (double kind : {0.0, 1.0}) {
    std::vector<double> inputs = app::textbook_defaults(TextbookModel::clark_scarf);
    inputs[0] = 20.0;  // stages
    inputs[1] = kind;  // 0 normal, 1 Poisson
    const std::string name = std::string("app textbook/clark_scarf 20 stages, ") + (kind == 0.0 ? "normal" : "Poisson");
    bench::print(bench::measure(name, [&](long long n) {
                   for (long long i = 0; i < n; ++i) {
                     auto r = app::run_textbook_model(TextbookModel::clark_scarf, inputs);
                     bench::keep(r.ok() ? r->cost : 0.0);
                   }
                 }),
                 target);
  }

  const auto run_named = [&](const std::string& name, TextbookModel model, const std::vector<double>& inputs) {
    bench::print(bench::measure("app textbook/" + name, [&](long long n) {
                   for (long long i = 0; i < n; ++i) {
                     auto r = app::run_textbook_model(model, inputs);
                     bench::keep(r.ok() ? r->cost : 0.0);
                   }
                 }),
                 target);
  };
  const auto with = [](TextbookModel model, std::vector<std::pair<const char*, double>> changes) {
    std::vector<double> inputs = app::textbook_defaults(model);
    for (const auto& [name, value] : changes) inputs[app::textbook_field_index(model, name)] = value;
    return inputs;
  };
  run_named("r_Q type 1 target 0.95", TextbookModel::r_Q, with(TextbookModel::r_Q, {{"service", 1.0}}));
  run_named("r_Q type 2 target 0.95", TextbookModel::r_Q, with(TextbookModel::r_Q, {{"service", 2.0}}));
  run_named("r_Q normal N(1.5, 0.5), type 2", TextbookModel::r_Q,
            with(TextbookModel::r_Q, {{"demand_kind", 0.0}, {"service", 2.0}}));
  run_named("newsvendor lognormal, price form", TextbookModel::newsvendor,
            with(TextbookModel::newsvendor, {{"demand_kind", 3.0}, {"demand_mean", 100.0}, {"demand_sd", 50.0},
                                             {"form", 1.0}, {"selling_price", 10.0}, {"unit_cost", 4.0},
                                             {"salvage_value", 1.0}}));
  run_named("newsvendor gamma", TextbookModel::newsvendor, with(TextbookModel::newsvendor, {{"demand_kind", 2.0}}));
  run_named("wagner_whitin 52 periods", TextbookModel::wagner_whitin,
            with(TextbookModel::wagner_whitin, {{"periods", 52.0}}));

  std::vector<double> finite = app::textbook_defaults(TextbookModel::finite_horizon_s_S);
  finite[0] = 52.0;  // periods
  finite[1] = 20.0;  // demand uniform on 0..20
  bench::print(bench::measure("app textbook/finite_horizon_s_S 52 periods, demand 0..20", [&](long long n) {
                 for (long long i = 0; i < n; ++i) {
                   auto r = app::run_textbook_model(TextbookModel::finite_horizon_s_S, finite);
                   bench::keep(r.ok() ? r->cost : 0.0);
                 }
               }),
               target);
  return 0;
}
