// Single-location policy computation speed, natively and in wasm:
//   one buffer with normal lead-time demand, with gamma, with the exact discrete compound
//   (Poisson demand, a 10-point lead-time distribution), and a 10,000-item portfolio at one
//   location (mixed cycle-service and fill-rate targets, the automatic model rule).
#include <cstdint>
#include <vector>

#include "core/policy/safety_stock.h"
#include "harness.h"

namespace {

echelon::BufferInput single(echelon::DemandKind kind, double mean, double sd) {
  echelon::BufferInput in;
  in.demand.demand = {kind, mean, sd, {}};
  in.demand.lead_time = {4.0, 0.5, {}};
  in.demand.review_period_periods = 1.0;
  in.target_kind = echelon::ServiceTargetKind::cycle_service_level;
  in.target_value = 0.95;
  return in;
}


}  // namespace

int main() {
  using namespace echelon;
  const char* target = bench::target_name();

  BufferInput normal = single(DemandKind::normal, 100.0, 20.0);
  bench::print(bench::measure("policy/buffer normal, cycle service (one item)", [&](long long n) {
                 for (long long i = 0; i < n; ++i) {
                   normal.target_value = 0.90 + 0.09 * static_cast<double>(i % 97) / 97.0;
                   auto r = compute_buffer(normal);
                   bench::keep(r.ok() ? r->level : 0.0);
                 }
               }),
               target);

  BufferInput normal_fill = single(DemandKind::normal, 100.0, 20.0);
  normal_fill.target_kind = ServiceTargetKind::fill_rate;
  bench::print(bench::measure("policy/buffer normal, fill rate (one item)", [&](long long n) {
                 for (long long i = 0; i < n; ++i) {
                   normal_fill.target_value = 0.90 + 0.09 * static_cast<double>(i % 97) / 97.0;
                   auto r = compute_buffer(normal_fill);
                   bench::keep(r.ok() ? r->level : 0.0);
                 }
               }),
               target);

  BufferInput gamma = single(DemandKind::gamma, 100.0, 80.0);
  bench::print(bench::measure("policy/buffer gamma, cycle service (one item)", [&](long long n) {
                 for (long long i = 0; i < n; ++i) {
                   gamma.target_value = 0.90 + 0.09 * static_cast<double>(i % 97) / 97.0;
                   auto r = compute_buffer(gamma);
                   bench::keep(r.ok() ? r->level : 0.0);
                 }
               }),
               target);

  BufferInput exact = single(DemandKind::poisson, 3.0, 0.0);
  exact.demand.lead_time.points.clear();
  for (int k = 0; k < 10; ++k) exact.demand.lead_time.points.push_back({static_cast<double>(2 + k), 0.1});
  exact.target_kind = ServiceTargetKind::fill_rate;
  bench::print(bench::measure("policy/buffer exact Poisson x 10-point lead time, fill", [&](long long n) {
                 for (long long i = 0; i < n; ++i) {
                   exact.target_value = 0.90 + 0.09 * static_cast<double>(i % 97) / 97.0;
                   auto r = compute_buffer(exact);
                   bench::keep(r.ok() ? r->level : 0.0);
                 }
               }),
               target);

  // The portfolio: 10,000 items, demand 1..1000 per period with cv 0.1..0.45, lead time 1..12
  // periods with sd up to 30%, weekly review, targets 90..99.5%, every second item a fill rate.
  std::vector<BufferInput> items;
  std::uint64_t state = 42;
  for (int i = 0; i < 10000; ++i) {
    BufferInput in;
    const double mean = 1.0 + 999.0 * bench::unit_random(state);
    in.demand.demand = {DemandKind::normal, mean, mean * (0.1 + 0.35 * bench::unit_random(state)), {}};
    const double lead = 1.0 + static_cast<double>(static_cast<int>(12.0 * bench::unit_random(state)));
    in.demand.lead_time = {lead, lead * 0.3 * bench::unit_random(state), {}};
    in.demand.review_period_periods = 1.0;
    in.demand.slow_mover_mean_units = 0.0;  // the portfolio times the continuous models
    in.target_kind = i % 2 == 0 ? ServiceTargetKind::cycle_service_level : ServiceTargetKind::fill_rate;
    in.target_value = 0.90 + 0.095 * bench::unit_random(state);
    items.push_back(in);
  }
  bench::print(bench::measure(
                   "policy/portfolio 10,000 items (one location)",
                   [&](long long n) {
                     for (long long k = 0; k < n; ++k) {
                       double total = 0.0;
                       for (const BufferInput& in : items) {
                         auto r = compute_buffer(in);
                         if (r.ok()) total += r->safety_stock;
                       }
                       bench::keep(total);
                     }
                   },
                   1.0, 3),
               target);
  return 0;
}
