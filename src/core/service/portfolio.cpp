#include "core/service/portfolio.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/learn/demand_class.h"
#include "core/learn/demand_learner.h"
#include "core/policy/policy_kpis.h"
#include "core/stats/stats.h"

namespace echelon::service {

namespace {

constexpr double kNoDemandPerPeriod = 1e-6;

std::vector<LeadTimePoint> from_cdf(const auto& cdf, double mean) {
  std::vector<LeadTimePoint> pts;
  double covered = 0.0;
  const int top = static_cast<int>(std::ceil(mean * 20.0)) + 20;
  for (int k = 0; k <= top; ++k) {
    const double lo = k == 0 ? 0.0 : cdf(k - 0.5);
    const double p = cdf(k + 0.5) - lo;
    covered += p;
    if (p > 1e-4) pts.push_back({static_cast<double>(k), p});
    if (1.0 - covered < 1e-4) break;
  }
  double total = 0.0;
  for (const auto& p : pts) total += p.probability;
  for (auto& p : pts) p.probability /= total;
  return pts;
}

struct Moments {
  double mean = 0.0;
  double sd = 0.0;
};

bool whole_numbers(const std::vector<double>& q) {
  for (double v : q)
    if (std::isfinite(v) && v != std::floor(v)) return false;
  return true;
}

PeriodDemand demand_of(double mean, double sd, bool counts, double count_mean_below) {
  PeriodDemand d;
  d.mean_units_per_period = mean;
  d.sd_units_per_period = sd;
  if (counts && mean < count_mean_below) {
    d.kind = sd * sd > mean * 1.0001 ? DemandKind::negative_binomial : DemandKind::poisson;
  } else if (mean > 0.0 && sd / mean > 0.5) {
    d.kind = DemandKind::gamma;
  } else {
    d.kind = DemandKind::normal;
  }
  return d;
}

const ServiceTarget* target_for(const Scenario& s, const std::string& node, const Item* item) {
  for (const ServiceTarget& t : s.service_targets)
    if (t.node && t.item && *t.node == node && item && *t.item == item->id) return &t;
  for (const ServiceTarget& t : s.service_targets)
    if (t.node && !t.item && !t.segment && *t.node == node) return &t;
  if (item && item->segment)
    for (const ServiceTarget& t : s.service_targets)
      if (t.segment && *t.segment == *item->segment && (!t.node || *t.node == node)) return &t;
  return nullptr;
}

Problems validate_options(const PortfolioOptions& o) {
  Problems problems = validate(o.segmentation);
  if (!(o.min_fill_rate > 0.0 && o.max_fill_rate > o.min_fill_rate && o.max_fill_rate < 1.0))
    problems.push_back({"fill_rate_bounds", "need 0 < min < max < 1 (got " + format_number(o.min_fill_rate) + ", " +
                                                format_number(o.max_fill_rate) + ")"});
  return problems;
}

}  // namespace

std::vector<LeadTimePoint> whole_period_points(const Distribution& lt) {
  const double m = mean(lt), v = variance(lt);
  if (const auto* d = std::get_if<dist::Discrete>(&lt)) {
    std::map<double, double> by;
    for (const auto& o : d->outcomes) by[std::max(0.0, std::round(o.value))] += o.probability;
    std::vector<LeadTimePoint> pts;
    for (auto [k, p] : by) pts.push_back({k, p});
    return pts;
  }
  if (!(v > 0.0)) return {{std::max(0.0, std::round(m)), 1.0}};
  if (const auto* n = std::get_if<dist::Normal>(&lt))
    return from_cdf([&](double x) { return stats::normal_cdf(x, n->mean, n->sd); }, m);
  if (const auto* g = std::get_if<dist::Gamma>(&lt))
    return from_cdf([&](double x) { return stats::gamma_cdf(x, g->shape, g->scale); }, m);
  const stats::GammaParameters g = stats::gamma_from_moments(m, std::sqrt(v));
  return from_cdf([&](double x) { return stats::gamma_cdf(x, g.shape, g.scale); }, m);
}

Result<Portfolio> portfolio_from_scenario(const Scenario& s, const PortfolioOptions& o) {
  Problems problems = validate_options(o);
  if (!problems.empty()) return problems;
  PortfolioBuilder::Partial partial = PortfolioBuilder::begin(s);
  for (std::size_t di = 0; di < s.demands.size(); ++di) PortfolioBuilder::add_demand(s, o, di, partial);
  return PortfolioBuilder::complete(o, std::move(partial));
}

Result<PortfolioBuilder> PortfolioBuilder::start(const Scenario& scenario, const PortfolioOptions& options) {
  Problems problems = validate_options(options);
  if (!problems.empty()) return problems;
  PortfolioBuilder b;
  b.scenario_ = scenario;
  b.options_ = options;
  b.partial_ = begin(b.scenario_);
  return b;
}

bool PortfolioBuilder::step(std::size_t max_demands) {
  const std::size_t end = std::min(scenario_.demands.size(), next_ + std::max<std::size_t>(1, max_demands));
  for (; next_ < end; ++next_) add_demand(scenario_, options_, next_, partial_);
  return done();
}

Result<Portfolio> PortfolioBuilder::finish() { return complete(options_, std::move(partial_)); }

PortfolioBuilder::Partial PortfolioBuilder::begin(const Scenario& s) {
  Partial partial;
  for (std::size_t i = 0; i < s.nodes.size(); ++i) partial.node_index[s.nodes[i].id] = i;  // the last of a repeated id, as a map of the ids
  for (std::size_t i = 0; i < s.items.size(); ++i) partial.item_index[s.items[i].id] = i;
  return partial;
}

void PortfolioBuilder::add_demand(const Scenario& s, const PortfolioOptions& o, std::size_t di, Partial& partial) {
  Portfolio& p = partial.portfolio;
  Problems& problems = partial.problems;
  const Demand& d = s.demands[di];
  const std::string path = "/demands/" + std::to_string(di);
  auto n = partial.node_index.find(d.node);
  if (n == partial.node_index.end()) {
    problems.push_back({path + "/node", "names no node (\"" + d.node + "\")"});
    return;
  }
  auto it = partial.item_index.find(d.item);
  if (it == partial.item_index.end()) {
    problems.push_back({path + "/item", "names no item (\"" + d.item + "\")"});
    return;
  }
  Moments m;
  bool counts = false;
  double adi = 0.0, cv2 = 0.0;
  if (d.history) {
    Result<learn::LearnedDemand> learned = Problems{};
    if (o.learned && di < o.learned->size() && (*o.learned)[di]) {
      learned = *(*o.learned)[di];
    } else {
      learn::DemandLearningOptions lo;
      learned = learn::learn_demand(d.history->quantities, lo);
    }
    if (!learned.ok()) {
      problems.push_back({path + "/history", describe(learned.problems())});
      return;
    }
    m = {learned->mean_per_period, learned->error_sd_per_period};
    counts = whole_numbers(d.history->quantities);
    const learn::DemandProfile prof = learn::demand_profile(d.history->quantities, o.segmentation.demand_class);
    adi = prof.adi;
    cv2 = prof.cv2;
  } else if (d.per_period) {
    m = {mean(*d.per_period), std::sqrt(std::max(0.0, variance(*d.per_period)))};
    counts = std::holds_alternative<dist::Poisson>(*d.per_period) ||
             std::holds_alternative<dist::NegativeBinomial>(*d.per_period);
    adi = m.mean > 0.0 ? 1.0 : 0.0;
  } else {
    problems.push_back({path, "has neither a history nor a distribution"});
    return;
  }
  // A learned forecast can decay towards zero without reaching it; below a millionth of a unit a
  // period there is nothing a fill rate could measure.
  if (!(m.mean > kNoDemandPerPeriod)) {
    p.excluded.push_back(d.node + "/" + d.item + ": no demand to serve");
    return;
  }
  const Node& node = s.nodes[n->second];
  const Item& item = s.items[it->second];
  ServiceItem si;
  si.id = d.item;
  si.unit_cost = item.unit_cost;
  si.demand.demand = demand_of(m.mean, m.sd, counts, o.count_mean_below);
  double transit = 0.0;
  for (const Arc& a : s.arcs)
    if (a.to == node.id) transit = std::max(transit, mean(a.transit_time));
  Distribution lt = node.processing_time;
  if (transit > 0.0) {
    const double lm = mean(lt) + transit, lv = variance(lt);
    lt = lv > 0.0 ? Distribution{dist::Normal{lm, std::sqrt(lv)}} : Distribution{dist::Constant{lm}};
  }
  si.demand.lead_time.points = o.constant_lead_time
                                   ? std::vector<LeadTimePoint>{{std::max(0.0, std::round(mean(lt))), 1.0}}
                                   : whole_period_points(lt);
  si.demand.review_period_periods = 1.0;
  for (const Policy& pol : s.policies) {
    if (pol.node != node.id || pol.item != item.id) continue;
    si.demand.review_period_periods = std::max(1.0, std::round(pol.review_period_periods));
    if (pol.kind == PolicyKind::r_q && pol.order_quantity) si.lot_size_units = *pol.order_quantity;
  }
  // Counts too spread out to tabulate exactly fall back to the gamma of the same moments.
  auto dem = protection_demands(si.demand);
  if (!dem.ok()) {
    si.demand.model = LeadTimeDemandModel::gamma;
    ++partial.gamma_fallbacks;
    dem = protection_demands(si.demand);
  }
  si.min_fill_rate = o.min_fill_rate;
  si.max_fill_rate = o.max_fill_rate;
  if (const ServiceTarget* t = target_for(s, node.id, &item)) {
    if (t->measure == ServiceMeasure::fill_rate) {
      si.current_fill_rate = t->value;
    } else if (t->measure == ServiceMeasure::cycle_service_level) {
      if (dem.ok()) {
        auto level = solve_level(*dem, position_of(si), KpiMeasure::cycle_service_level, t->value);
        if (level.ok()) si.current_fill_rate = std::min(0.999999, fill_rate_at_level(si, *dem, *level));
      }
    }
  }
  SegmentationItem seg;
  seg.id = d.item;
  seg.annual_value = item.unit_cost * m.mean * periods_per_year(s.period);
  seg.forecast_error_cv = m.sd / m.mean;
  seg.adi = adi;
  seg.cv2 = cv2;
  p.items.push_back(std::move(si));
  p.segmentation_inputs.push_back(std::move(seg));
  p.locations.push_back(d.node);
  partial.labels.push_back(item.segment ? *item.segment : std::string{});
}

Result<Portfolio> PortfolioBuilder::complete(const PortfolioOptions& o, Partial partial) {
  if (!partial.problems.empty()) return std::move(partial.problems);
  Portfolio& p = partial.portfolio;
  const std::vector<std::string>& labels = partial.labels;
  const int gamma_fallbacks = partial.gamma_fallbacks;
  if (p.items.empty()) return Problem{"/demands", "no demand with a positive mean: nothing to serve"};
  auto seg = segment_items(p.segmentation_inputs, o.segmentation);
  if (!seg.ok()) return seg.problems();
  p.segmentation = std::move(seg).value();
  for (std::size_t i = 0; i < p.items.size(); ++i)
    p.items[i].segment = o.segment_labels_from_segmentation
                             ? cell_name(p.segmentation.items[i].abc, p.segmentation.items[i].xyz)
                             : labels[i];
  if (gamma_fallbacks > 0)
    p.notes.push_back(std::to_string(gamma_fallbacks) +
                      " count demands too spread out to tabulate exactly use the gamma lead-time demand of the same moments");
  if (!p.excluded.empty())
    p.notes.push_back(std::to_string(p.excluded.size()) + " demands without demand to serve were left out");
  return std::move(partial.portfolio);
}

}  // namespace echelon::service
