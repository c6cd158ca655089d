#include "app/demand_detail.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <span>

#include "core/policy/demand_over_periods.h"
#include "core/policy/newsvendor_distribution.h"
#include "core/stats/stats.h"

namespace echelon::app {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool parse_int(std::string_view text, long long& out) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (Hinnant's civil calendar
// algorithms, which count 400-year eras of 146097 days from 0000-03-01).
long long days_from_civil(long long y, long long m, long long d) {
  y -= m <= 2 ? 1 : 0;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(long long z, long long& y, long long& m, long long& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y = yoe + era * 400 + (m <= 2 ? 1 : 0);
}

long long days_in_month(long long y, long long m) {
  const long long next_y = m == 12 ? y + 1 : y;
  const long long next_m = m == 12 ? 1 : m + 1;
  return days_from_civil(next_y, next_m, 1) - days_from_civil(y, m, 1);
}

std::string format_number(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", x);
  return text;
}

std::string describe_law(const Distribution& d) {
  const double m = mean(d);
  const double sd = std::sqrt(std::max(0.0, variance(d)));
  return std::string(kind_name(d)) + ", mean " + format_number(m) + ", sd " + format_number(sd);
}

// Total mass of the law in [low, high), with the open ends of the first and last bins.
double bin_mass(const Distribution& law, double low, double high, bool first, bool last) {
  const double below_high = last ? 1.0 : demand_cdf(law, std::nextafter(high, -1e300));
  const double below_low = first ? 0.0 : demand_cdf(law, std::nextafter(low, -1e300));
  return std::max(0.0, below_high - below_low);
}

std::optional<std::size_t> node_index(const Scenario& scenario, const std::string& id) {
  for (std::size_t i = 0; i < scenario.nodes.size(); ++i)
    if (scenario.nodes[i].id == id) return i;
  return std::nullopt;
}

}  // namespace

std::string period_label(const std::optional<std::string>& start, int offset, Period period) {
  if (!start || start->empty()) return std::to_string(offset + 1);
  const std::string& s = *start;
  long long value = 0;
  if (parse_int(s, value)) return std::to_string(value + offset);
  long long y = 0, m = 0, d = 0;
  const bool has_month = s.size() >= 7 && s[4] == '-' && parse_int(std::string_view(s).substr(0, 4), y) &&
                         parse_int(std::string_view(s).substr(5, 2), m) && m >= 1 && m <= 12;
  const bool has_day = has_month && s.size() == 10 && s[7] == '-' && parse_int(std::string_view(s).substr(8, 2), d) &&
                       d >= 1 && d <= days_in_month(y, m);
  char text[96];
  if (has_day && period != Period::month) {
    const long long days = days_from_civil(y, m, d) + static_cast<long long>(offset) * (period == Period::week ? 7 : 1);
    civil_from_days(days, y, m, d);
    std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld", y, m, d);
    return text;
  }
  if (has_month && (has_day || s.size() == 7)) {
    const long long months = y * 12 + (m - 1) + offset;
    y = months / 12;
    m = months % 12 + 1;
    if (has_day) {
      std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld", y, m, std::min(d, days_in_month(y, m)));
    } else {
      std::snprintf(text, sizeof text, "%04lld-%02lld", y, m);
    }
    return text;
  }
  return offset == 0 ? s : s + "+" + std::to_string(offset);
}

std::vector<HistogramBin> histogram(const std::vector<double>& values, const Distribution* law) {
  std::vector<double> seen;
  for (const double x : values)
    if (std::isfinite(x)) seen.push_back(x);
  std::vector<HistogramBin> bins;
  if (seen.empty()) return bins;
  const auto [lo_it, hi_it] = std::minmax_element(seen.begin(), seen.end());
  const double lo = *lo_it, hi = *hi_it;
  const bool whole = std::all_of(seen.begin(), seen.end(), [](double x) { return x == std::floor(x); });
  double width = 1.0;
  double first = 0.0;
  if (whole && hi - lo <= 40.0) {
    first = lo - 0.5;
  } else {
    const double range = std::max(hi - lo, 1e-9);
    const double rough = range / 12.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    const double fraction = rough / magnitude;
    width = (fraction < 1.5 ? 1.0 : fraction < 3.0 ? 2.0 : fraction < 7.0 ? 5.0 : 10.0) * magnitude;
    if (whole) width = std::max(1.0, std::round(width));
    first = std::floor(lo / width) * width;
    if (whole) first -= 0.5;
  }
  const int count = std::max(1, static_cast<int>(std::floor((hi - first) / width)) + 1);
  bins.resize(static_cast<std::size_t>(count));
  for (int b = 0; b < count; ++b) {
    bins[static_cast<std::size_t>(b)].low = first + b * width;
    bins[static_cast<std::size_t>(b)].high = first + (b + 1) * width;
  }
  for (const double x : seen) {
    const int b = std::clamp(static_cast<int>(std::floor((x - first) / width)), 0, count - 1);
    ++bins[static_cast<std::size_t>(b)].count;
  }
  if (law) {
    const double n = static_cast<double>(seen.size());
    for (int b = 0; b < count; ++b) {
      HistogramBin& bin = bins[static_cast<std::size_t>(b)];
      bin.expected_count = n * bin_mass(*law, bin.low, bin.high, b == 0, b == count - 1);
    }
  }
  return bins;
}

Result<BaseStockGap> normal_assumption_gap(const Distribution& learned_law, double mean_per_period,
                                           double sd_per_period, double periods, double probability) {
  auto learned = demand_quantile_over_periods(learned_law, periods, probability);
  if (!learned.ok()) return learned.problems();
  auto normal = demand_quantile_over_periods(dist::Normal{mean_per_period, sd_per_period}, periods, probability);
  if (!normal.ok()) return normal.problems();
  BaseStockGap gap;
  gap.periods = periods;
  gap.probability = probability;
  gap.learned_level = learned.value();
  gap.alternative_level = normal.value();
  gap.gap_units = gap.alternative_level - gap.learned_level;
  return gap;
}

BaseStockGap mean_lead_time_gap(double demand_mean_per_period, double demand_sd_per_period, double lead_time_mean_periods,
                                double lead_time_sd_periods, double safety_factor) {
  const double h = lead_time_mean_periods + 1.0;
  const double mu = demand_mean_per_period;
  const double sigma = demand_sd_per_period;
  BaseStockGap gap;
  gap.periods = h;
  gap.probability = stats::standard_normal_cdf(safety_factor);
  gap.learned_level =
      mu * h + safety_factor * std::sqrt(h * sigma * sigma + mu * mu * lead_time_sd_periods * lead_time_sd_periods);
  gap.alternative_level = mu * h + safety_factor * sigma * std::sqrt(h);
  gap.gap_units = gap.alternative_level - gap.learned_level;
  return gap;
}

std::string stock_gap_phrase(double gap_units) {
  char text[64];
  if (std::abs(gap_units) < 0.005) return "hold the same stock";
  std::snprintf(text, sizeof text, "%s this item by %.2f units", gap_units < 0.0 ? "under-stock" : "over-stock",
                std::abs(gap_units));
  return text;
}

DemandDetail demand_detail(const Scenario& scenario, const Plan& plan, const std::vector<HistoryRow>& rows,
                           std::size_t row, const learn::LearnedDemand* learned, int future_periods) {
  DemandDetail out;
  if (row >= rows.size()) return out;
  const HistoryRow& r = rows[row];
  out.row = row;
  out.item = r.item;
  out.node = r.node;
  const Demand& demand = scenario.demands[r.demand_index];
  if (!demand.history) return out;
  out.quantities = demand.history->quantities;
  const int periods = static_cast<int>(out.quantities.size());
  const int future = std::max(0, future_periods);
  out.labels.reserve(static_cast<std::size_t>(periods + future));
  for (int t = 0; t < periods + future; ++t) out.labels.push_back(period_label(demand.history->start, t, scenario.period));
  out.fitted.assign(out.quantities.size(), kNaN);
  out.band_z = r.safety_factor;
  out.error_sd_per_period = r.stage_index ? r.learned_sd_per_period : r.traditional_sd_per_period;
  out.method = r.method;

  std::span<const double> used(out.quantities);
  if (learned) {
    out.learned = learned->learned;
    out.method = learned->method;
    out.first_period_used = std::clamp(learned->first_period_used, 0, periods);
    out.change_period = learned->change_period;
    used = used.subspan(static_cast<std::size_t>(out.first_period_used));
    out.adi = learned->profile.adi;
    out.cv2 = learned->profile.cv2;
    out.demand_class = std::string(learn::demand_class_name(learned->profile.demand_class));
  } else {
    const learn::DemandProfile profile = learn::demand_profile(used);
    out.adi = profile.adi;
    out.cv2 = profile.cv2;
    out.demand_class = std::string(learn::demand_class_name(profile.demand_class));
  }

  // The forecast: the chosen method over the data used, then ahead.
  if (learned && learned->forecast) {
    const learn::ForecastSelection& f = *learned->forecast;
    out.forecast_method = std::string(learn::forecast_method_name(f.method));
    auto path = learn::run_forecast(used, f.method, f.weights);
    if (path.ok()) {
      for (std::size_t t = 0; t < used.size(); ++t)
        out.fitted[static_cast<std::size_t>(out.first_period_used) + t] = path->one_step[t];
      for (int h = 1; h <= future; ++h) out.future.push_back(path->total_over(h) - path->total_over(h - 1));
    }
  }
  if (out.future.empty()) {
    const double level = r.stage_index ? r.learned_mean_per_period : r.traditional_mean_per_period;
    out.future.assign(static_cast<std::size_t>(future), level);
  }

  // The fitted law over the histogram of the data used.
  const Distribution* law = nullptr;
  if (learned && learned->distribution) {
    const learn::Selection& s = *learned->distribution;
    law = &s.chosen.distribution;
    out.law = std::string(learn::family_name(s.chosen.family));
    out.law_parameters = describe_law(s.chosen.distribution);
    out.criterion = std::string(learn::criterion_name(s.criterion));
    out.holdout_values = s.holdout_values;
    for (const learn::Candidate& c : s.candidates) {
      out.candidates.push_back({std::string(learn::family_name(c.family)), c.fitted, c.holdout_score, c.reason});
      if (c.family == s.chosen.family && c.fitted) out.score = c.holdout_score;
    }
  }
  out.bins = histogram(std::vector<double>(used.begin(), used.end()), law);

  // The normal assumption at the stage's interval and target.
  if (!r.stage_index) {
    out.normal_gap_note = "no plan stage holds this demand";
  } else {
    const PlanStage& stage = plan.stages[*r.stage_index];
    const double mu = stage.demand_model.mean_per_period;
    const double sd = stage.demand_model.sd_per_period;
    std::optional<Distribution> learned_law;
    if (stage.demand_model.simulated) learned_law = *stage.demand_model.simulated;
    if (!learned_law && learned && learned->learned) learned_law = learn::with_moments(learned->demand_per_period, mu, sd);
    if (!learned_law) {
      out.normal_gap_note = "the plan used the normal sample moments (nothing learned to compare)";
    } else if (!(r.net_replenishment_time > 0.0) || !(r.safety_factor > 0.0)) {
      out.normal_gap_note = "the stage holds no buffer for this demand (no protection interval or target)";
    } else {
      auto gap = normal_assumption_gap(*learned_law, mu, sd, r.net_replenishment_time, stats::standard_normal_cdf(r.safety_factor));
      if (gap.ok()) out.normal_gap = gap.value();
      else out.normal_gap_note = gap.problems().front().message;
    }
  }
  return out;
}

Result<LoadedReceipts> learn_receipts(std::string_view file_name, std::string_view text, Period period) {
  auto parsed = parse_receipts_csv(text);
  if (!parsed.ok()) return parsed.problems();
  LoadedReceipts out;
  out.file_name = std::string(file_name);
  out.text = std::string(text);
  out.days_per_period = !parsed->iso_dates ? 1.0 : period == Period::week ? 7.0 : period == Period::month ? 365.25 / 12.0 : 1.0;
  out.grouping = parsed->has_item ? learn::LeadTimeGrouping::arc : learn::LeadTimeGrouping::supplier;
  learn::LeadTimeOptions options;
  options.grouping = out.grouping;
  options.days_per_period = out.days_per_period;
  auto learned = learn::learn_lead_times(parsed->receipts, options);
  if (!learned.ok()) return learned.problems();
  out.lead_times = std::move(learned).value();
  return out;
}

std::optional<LeadTimeDetail> lead_time_detail(const Scenario& scenario, const LoadedReceipts& receipts,
                                               const HistoryRow* row) {
  if (receipts.lead_times.empty()) return std::nullopt;
  const learn::LearnedLeadTime* group = nullptr;
  std::string matched;
  if (row) {
    for (const learn::LearnedLeadTime& l : receipts.lead_times) {
      if (!l.item.empty() && l.item == row->item && (l.location.empty() || l.location == row->node)) {
        group = &l;
        matched = "receipts of item " + row->item + (l.location.empty() ? "" : " at " + l.location);
        break;
      }
    }
    if (!group) {
      for (const Arc& arc : scenario.arcs) {
        if (arc.to != row->node || arc.item != row->item) continue;
        const auto from = node_index(scenario, arc.from);
        for (const learn::LearnedLeadTime& l : receipts.lead_times) {
          if (l.supplier.empty()) continue;
          if (l.supplier == arc.from || (from && l.supplier == scenario.nodes[*from].name)) {
            group = &l;
            matched = "receipts from " + l.supplier + ", which supplies " + row->node;
            break;
          }
        }
        if (group) break;
      }
    }
    if (!group) return std::nullopt;
  } else {
    group = &receipts.lead_times.front();
    matched = "the first group of the file (no demand selected)";
  }
  LeadTimeDetail out;
  out.group = group->supplier.empty() ? std::string("all receipts") : "supplier " + group->supplier;
  if (!group->location.empty()) out.group += " -> " + group->location;
  if (!group->item.empty()) out.group += ", item " + group->item;
  out.method = group->method;
  out.receipts = group->receipts;
  out.mean_periods = group->mean_periods;
  out.sd_periods = group->sd_periods;
  out.p90_periods = group->p90_periods;
  out.law = group->fitted ? std::string(learn::family_name(group->fitted->chosen.family)) : std::string("empirical");
  out.bins = histogram(group->sample_periods, &group->distribution);
  out.matched = matched;
  if (row && row->safety_factor > 0.0) {
    const double mu = row->stage_index ? row->learned_mean_per_period : row->traditional_mean_per_period;
    const double sd = row->stage_index ? row->learned_sd_per_period : row->traditional_sd_per_period;
    out.mean_gap = mean_lead_time_gap(mu, sd, group->mean_periods, group->sd_periods, row->safety_factor);
  }
  return out;
}

}  // namespace echelon::app
