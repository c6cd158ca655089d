// The service study's per-item work on the car-parts history (2,674 monthly series, shared data):
// the portfolio built one demand at a time and each item's service curve, timed one by one. Prints
// the slowest demands and curves with their demand model, the totals, and a digest (FNV-1a of the
// bit patterns) of every number the portfolio and the curves hold, so a change that must keep the
// results can be checked by comparing digests.
//   service_portfolio_bench [path/to/carparts_long.csv] [lead_time_periods] [unit_cost]
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "core/io/history_import.h"
#include "core/service/portfolio.h"
#include "core/service/service_curve.h"

namespace {

using clock_type = std::chrono::steady_clock;
double since(clock_type::time_point t0) { return std::chrono::duration<double, std::milli>(clock_type::now() - t0).count(); }

struct Digest {
  std::uint64_t h = 1469598103934665603ULL;
  void add(double v) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    for (int i = 0; i < 8; ++i) {
      h ^= (bits >> (8 * i)) & 0xffU;
      h *= 1099511628211ULL;
    }
  }
};

const char* kind_name(echelon::DemandKind k) {
  switch (k) {
    case echelon::DemandKind::normal: return "normal";
    case echelon::DemandKind::gamma: return "gamma";
    case echelon::DemandKind::poisson: return "poisson";
    case echelon::DemandKind::negative_binomial: return "negative binomial";
    case echelon::DemandKind::empirical: return "empirical";
  }
  return "";
}

struct Timed {
  double ms = 0.0;
  std::size_t index = 0;
};

void print_slowest(const char* what, std::vector<Timed> t, const std::vector<echelon::service::ServiceItem>& items,
                   const std::vector<std::size_t>& item_of) {
  std::sort(t.begin(), t.end(), [](const Timed& a, const Timed& b) { return a.ms > b.ms; });
  for (std::size_t k = 0; k < t.size() && k < 5; ++k) {
    std::printf("  slowest %s #%zu: %.2f ms", what, t[k].index, t[k].ms);
    const std::size_t i = item_of[t[k].index];
    if (i < items.size()) {
      const auto& d = items[i].demand;
      std::printf(" (%s, mean %.4g, sd %.4g per period, %zu lead-time points, R %.0f)", kind_name(d.demand.kind),
                  d.demand.mean_units_per_period, d.demand.sd_units_per_period, d.lead_time.points.size(),
                  d.review_period_periods);
    }
    std::printf("\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace echelon;
  const std::string path = argc > 1 ? argv[1] : std::string(ECHELON_SHARED_DATA_DIR) + "/carparts_long.csv";
  std::ifstream in(path);
  if (!in) {
    std::printf("service_portfolio_bench: no data at %s (skipped)\n", path.c_str());
    return 0;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  HistoryImportSettings settings;
  settings.scenario_name = "carparts";
  settings.lead_time_periods = argc > 2 ? std::atof(argv[2]) : 2.0;
  settings.unit_cost = argc > 3 ? std::atof(argv[3]) : 40.0;
  settings.holding_rate_per_year = 0.25;
  settings.service_target = 0.95;
  auto scenario = import_history(text, settings);
  if (!scenario.ok()) {
    std::printf("import failed: %s\n", describe(scenario.problems()).c_str());
    return 1;
  }

  auto started = service::PortfolioBuilder::start(*scenario);
  if (!started.ok()) return 1;
  service::PortfolioBuilder builder = std::move(started).value();
  std::vector<Timed> demand_ms;
  double portfolio_ms = 0.0;
  std::vector<std::size_t> item_of_demand;
  std::size_t items_so_far = 0;
  while (!builder.done()) {
    const std::size_t di = builder.demands_done();
    const auto t0 = clock_type::now();
    builder.step(1);
    const double ms = since(t0);
    portfolio_ms += ms;
    demand_ms.push_back({ms, di});
    item_of_demand.push_back(items_so_far);  // the item this demand made, if it made one
    ++items_so_far;
  }
  auto portfolio = builder.finish();
  if (!portfolio.ok()) {
    std::printf("portfolio failed: %s\n", describe(portfolio.problems()).c_str());
    return 1;
  }
  const auto& items = portfolio->items;
  // Demands left out make no item: map demand -> item by the count of items before it is not
  // known here, so report the item only when every demand made one.
  if (items.size() != demand_ms.size()) item_of_demand.assign(demand_ms.size(), items.size());

  Digest digest;
  for (const auto& si : items) {
    digest.add(si.current_fill_rate);
    digest.add(si.demand.demand.mean_units_per_period);
    digest.add(si.demand.demand.sd_units_per_period);
    digest.add(static_cast<double>(si.demand.model));
  }
  const std::uint64_t portfolio_digest = digest.h;

  std::vector<Timed> curve_ms;
  std::vector<std::size_t> identity;
  double curves_ms = 0.0;
  std::size_t points = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto t0 = clock_type::now();
    auto d = protection_demands(items[i].demand);
    if (d.ok()) {
      auto c = service::service_curve(items[i], *d);
      if (c.ok()) {
        for (const auto& p : c->points) {
          digest.add(p.fill_rate);
          digest.add(p.level);
          digest.add(p.investment);
        }
        points += c->points.size();
      }
      digest.add(d->protection().mean);
      digest.add(d->protection().variance);
    }
    const double ms = since(t0);
    curves_ms += ms;
    curve_ms.push_back({ms, i});
    identity.push_back(i);
  }

  std::printf("service portfolio on the car-parts history: %zu demands, %zu items\n", demand_ms.size(), items.size());
  std::printf("  %-40s %10.1f ms\n", "portfolio, all demands", portfolio_ms);
  print_slowest("demand", demand_ms, items, item_of_demand);
  std::printf("  %-40s %10.1f ms (%zu points)\n", "service curves, all items", curves_ms, points);
  print_slowest("curve", curve_ms, items, identity);
  std::printf("  portfolio digest %016llx, with the curves %016llx\n", static_cast<unsigned long long>(portfolio_digest),
              static_cast<unsigned long long>(digest.h));
  return 0;
}
