// Safety-stock computation speed (normal lead-time demand), natively and in wasm.
#include "core/policy/safety_stock.h"
#include "harness.h"

int main() {
  using namespace echelon;
  SafetyStockInput in;
  in.mean_demand_per_period = 100.0;
  in.sd_demand_per_period = 20.0;
  in.mean_lead_time_periods = 5.0;
  in.sd_lead_time_periods = 1.0;
  in.review_period_periods = 1.0;
  in.cycle_service_level = 0.95;

  auto m = bench::measure("safety_stock/normal (one call)", [&](long long n) {
    for (long long i = 0; i < n; ++i) {
      // Vary the target slightly so the quantile is recomputed each time.
      in.cycle_service_level = 0.90 + 0.09 * static_cast<double>(i % 97) / 97.0;
      auto r = compute_safety_stock(in);
      bench::keep(r.ok() ? r->safety_stock : 0.0);
    }
  });
  bench::print(m, bench::target_name());
  return 0;
}
