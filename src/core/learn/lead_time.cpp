#include "core/learn/lead_time.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace echelon::learn {

namespace {

double order_quantile(const std::vector<double>& sorted, double p) {
  const double position = std::ceil(static_cast<double>(sorted.size()) * p - 1e-12);
  const auto index = static_cast<std::size_t>(std::max(1.0, position)) - 1;
  return sorted[std::min(index, sorted.size() - 1)];
}

}  // namespace

Result<std::vector<LearnedLeadTime>> learn_lead_times(const std::vector<Receipt>& receipts, const LeadTimeOptions& o) {
  if (receipts.empty()) return Problem{"receipts", "none to learn from"};
  if (!(o.days_per_period > 0.0 && std::isfinite(o.days_per_period))) {
    return Problem{"days_per_period", "must be above 0"};
  }
  // Group keys in order of first appearance.
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, std::size_t> group_of;
  std::vector<std::vector<const Receipt*>> groups;
  std::vector<Key> keys;
  for (const Receipt& r : receipts) {
    Key key = o.grouping == LeadTimeGrouping::supplier ? Key{r.supplier, "", ""} : Key{r.supplier, r.location, r.item};
    auto [it, inserted] = group_of.emplace(key, groups.size());
    if (inserted) {
      groups.emplace_back();
      keys.push_back(key);
    }
    groups[it->second].push_back(&r);
  }
  std::vector<LearnedLeadTime> out;
  out.reserve(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::vector<const Receipt*>& rows = groups[g];
    std::stable_sort(rows.begin(), rows.end(), [](const Receipt* a, const Receipt* b) { return a->ordered < b->ordered; });
    LearnedLeadTime lt;
    std::tie(lt.supplier, lt.location, lt.item) = keys[g];
    lt.receipts = static_cast<int>(rows.size());
    for (const Receipt* r : rows) lt.sample_periods.push_back(r->lead_time() / o.days_per_period);
    const double n = static_cast<double>(rows.size());
    double sum = 0.0;
    for (double v : lt.sample_periods) sum += v;
    lt.mean_periods = sum / n;
    double squares = 0.0;
    for (double v : lt.sample_periods) squares += (v - lt.mean_periods) * (v - lt.mean_periods);
    lt.sd_periods = rows.size() > 1 ? std::sqrt(squares / (n - 1.0)) : 0.0;
    std::vector<double> sorted = lt.sample_periods;
    std::sort(sorted.begin(), sorted.end());
    lt.min_periods = sorted.front();
    lt.max_periods = sorted.back();
    lt.p50_periods = order_quantile(sorted, 0.5);
    lt.p90_periods = order_quantile(sorted, 0.9);
    lt.p95_periods = order_quantile(sorted, 0.95);
    lt.distribution = dist::Empirical{lt.sample_periods};
    if (lt.receipts >= o.min_receipts_to_fit) {
      SelectionOptions s = o.selection;
      if (auto sel = select_distribution(lt.sample_periods, s); sel.ok()) {
        lt.distribution = sel->chosen.distribution;
        lt.method = std::string(family_name(sel->chosen.family)) + " by hold-out " +
                    std::string(criterion_name(sel->criterion)) + " on " + std::to_string(sel->holdout_values) +
                    " later receipts";
        lt.fitted = std::move(sel).value();
      } else {
        lt.method = "empirical (no family could be fitted: " + sel.problems()[0].message + ")";
      }
    } else {
      lt.method = "empirical (" + std::to_string(lt.receipts) + " receipts; " + std::to_string(o.min_receipts_to_fit) +
                  " needed to fit a family)";
    }
    out.push_back(std::move(lt));
  }
  return out;
}

}  // namespace echelon::learn
