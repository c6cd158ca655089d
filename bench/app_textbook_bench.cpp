// The textbook models as the app's Single location tab runs them on an edit (app/textbook_models.h):
// the core's optimum plus, for the stochastic policies, the seeded simulation beside it
// (8 replications of 4,000 periods). Natively and in wasm; a frame at 60 Hz is 16.7 ms.
//   defaults      each model at its published instance (the app's defaults)
//   Clark-Scarf   Snyder & Shen's Example 6.1 extended to 20 stages (stages 4..20 repeat stage 3),
//                 normal and Poisson demand
//   finite (s, S) 52 periods of demand uniform on 0..20 (solved when a drag ends, not per frame)
#include <string>
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
