// Report export speed, natively and in wasm: the plan and the simulated KPIs of a 2,000-stage
// network as CSV and JSON (what the app's Export items do on a click). The numbers are filled
// in directly, so only the formatting is measured.
#include <cstdint>
#include <string>

#include "core/plan/report_export.h"
#include "harness.h"

namespace {

constexpr int kStages = 2000;

}  // namespace

int main() {
  using namespace echelon;
  const char* target = bench::target_name();
  std::uint64_t seed = 42;

  Scenario scenario;
  Plan plan;
  sim::SimEstimates estimates;
  for (int j = 0; j < kStages; ++j) {
    Node node;
    node.id = "stage-" + std::to_string(j);
    node.name = j % 7 == 0 ? "Store, \"" + std::to_string(j) + "\"" : "Stage " + std::to_string(j);  // some need quoting
    node.kind = j % 3 == 0 ? "store" : "dc";
    scenario.nodes.push_back(node);
    PlanStage s;
    s.node_index = static_cast<std::size_t>(j);
    s.node = node.id;
    s.item = "item";
    s.service_target = 0.9 + 0.09 * bench::unit_random(seed);
    s.safety_factor = 1.0 + bench::unit_random(seed);
    s.multi_echelon.outbound_service_time = 5.0 * bench::unit_random(seed);
    s.multi_echelon.net_replenishment_time = 10.0 * bench::unit_random(seed);
    s.multi_echelon.safety_stock = 100.0 * bench::unit_random(seed);
    s.multi_echelon.base_stock_level = 500.0 * bench::unit_random(seed);
    s.multi_echelon.holding_cost = 20.0 * bench::unit_random(seed);
    s.single_echelon.safety_stock = 120.0 * bench::unit_random(seed);
    plan.stages.push_back(s);
    sim::StageKpis k;
    k.fill_rate = {0.9 + 0.1 * bench::unit_random(seed), 0.01 * bench::unit_random(seed)};
    k.on_hand = {200.0 * bench::unit_random(seed), 5.0 * bench::unit_random(seed)};
    k.total_cost = {50.0 * bench::unit_random(seed), bench::unit_random(seed)};
    estimates.stages.push_back(k);
  }

  bench::print(bench::measure("report/plan CSV (2,000 stages)", [&](long long n) {
                 for (long long i = 0; i < n; ++i) bench::keep(plan_csv(scenario, plan)->size());
               }),
               target);
  bench::print(bench::measure("report/plan JSON (2,000 stages)", [&](long long n) {
                 for (long long i = 0; i < n; ++i) bench::keep(plan_json(scenario, plan)->size());
               }),
               target);
  bench::print(bench::measure("report/KPIs CSV (2,000 stages)", [&](long long n) {
                 for (long long i = 0; i < n; ++i) bench::keep(kpis_csv(scenario, plan, estimates)->size());
               }),
               target);
  bench::print(bench::measure("report/KPIs JSON (2,000 stages)", [&](long long n) {
                 for (long long i = 0; i < n; ++i) bench::keep(kpis_json(scenario, plan, estimates)->size());
               }),
               target);
  return 0;
}
