#include "core/learn/demand_learner.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <variant>
#include <vector>

namespace echelon::learn {
namespace {

TEST(DemandLearner, ShortHistoryFallsBackToSampleMoments) {
  const std::vector<double> y{10.0, 14.0, 12.0, std::nan(""), 16.0};
  auto r = learn_demand(y);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->learned);
  EXPECT_DOUBLE_EQ(r->mean_per_period, 13.0);
  EXPECT_NEAR(r->demand_sd_per_period, std::sqrt(20.0 / 3.0), 1e-12);
  EXPECT_NE(r->method.find("too short"), std::string::npos);
  EXPECT_EQ(r->basis, SpreadBasis::demand_spread);
}

TEST(DemandLearner, StationaryCountsAreLearned) {
  std::mt19937_64 gen(4);
  std::poisson_distribution<int> p(5.0);
  std::vector<double> y(120);
  for (double& v : y) v = p(gen);
  auto r = learn_demand(y);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->learned);
  EXPECT_EQ(r->profile.demand_class, DemandClass::smooth);
  ASSERT_TRUE(r->distribution.has_value());
  const Family f = r->distribution->chosen.family;
  EXPECT_TRUE(f == Family::poisson || f == Family::negative_binomial || f == Family::empirical) << family_name(f);
  EXPECT_NEAR(r->mean_per_period, 5.0, 1.0);
  // Over H = 2 periods the error sd is near sqrt(2 * 5) = 3.2 (plus the level's own error).
  EXPECT_NEAR(r->protection_sd, std::sqrt(10.0), 0.9);
  EXPECT_FALSE(r->change.has_value());
  EXPECT_NE(r->method.find("rolling origin"), std::string::npos);
}

// A level shift from 20 to 40: the data since the change is used, and the forecast is near 40.
TEST(DemandLearner, LearnsSinceADetectedChange) {
  std::mt19937_64 gen(6);
  std::normal_distribution<double> n(0.0, 3.0);
  std::vector<double> y(100);
  for (int t = 0; t < 100; ++t) y[static_cast<std::size_t>(t)] = std::round(std::max(0.0, (t < 60 ? 20.0 : 40.0) + n(gen)));
  auto r = learn_demand(y);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->change.has_value());
  EXPECT_NEAR(r->first_period_used, 60, 3);
  EXPECT_NEAR(r->mean_per_period, 40.0, 2.0);
  DemandLearningOptions whole;
  whole.detect_changes = false;
  EXPECT_EQ(learn_demand(y, whole)->first_period_used, 0);
}

// On a trend the demand's own spread is mostly the trend: the forecast error is much smaller,
// and so is the buffer sized on it. Both are visible.
TEST(DemandLearner, ForecastErrorNotDemandSpreadSizesTheBuffer) {
  std::mt19937_64 gen(9);
  std::normal_distribution<double> n(0.0, 2.0);
  std::vector<double> y(80);
  for (int t = 0; t < 80; ++t) y[static_cast<std::size_t>(t)] = std::round(10.0 + 1.0 * t + n(gen));
  DemandLearningOptions o;
  o.detect_changes = false;
  auto error_based = learn_demand(y, o);
  o.basis = SpreadBasis::demand_spread;
  auto spread_based = learn_demand(y, o);
  ASSERT_TRUE(error_based.ok() && spread_based.ok());
  EXPECT_EQ(error_based->forecast->method, ForecastMethod::holt);
  EXPECT_GT(error_based->demand_sd_per_period, 20.0);  // about 80 / sqrt(12)
  EXPECT_LT(error_based->error_sd_per_period, 4.0);
  EXPECT_LT(error_based->buffer.safety_stock, 0.25 * spread_based->buffer.safety_stock);
  EXPECT_NE(spread_based->method.find("demand spread"), std::string::npos);
}

// Moving a learned distribution to the plan's mean and sd, by hand: a gamma of mean 10 and sd 5
// has shape 4 and scale 2.5; a negative binomial without overdispersion becomes a Poisson; an
// empirical sample is shifted (and held at 0 and above).
TEST(DemandLearner, WithMomentsKeepsTheShape) {
  const Distribution g = with_moments(dist::Gamma{1.0, 1.0}, 10.0, 5.0);
  EXPECT_DOUBLE_EQ(std::get<dist::Gamma>(g).shape, 4.0);
  EXPECT_DOUBLE_EQ(std::get<dist::Gamma>(g).scale, 2.5);
  EXPECT_TRUE(std::holds_alternative<dist::Poisson>(with_moments(dist::NegativeBinomial{1.0, 2.0}, 4.0, 1.5)));
  EXPECT_EQ(std::get<dist::NegativeBinomial>(with_moments(dist::NegativeBinomial{1.0, 2.0}, 4.0, 3.0)),
            (dist::NegativeBinomial{4.0, 3.0}));
  EXPECT_EQ(std::get<dist::Empirical>(with_moments(dist::Empirical{{0, 2, 4}}, 3.0, 1.0)).sample,
            (std::vector<double>{1, 3, 5}));
  EXPECT_EQ(std::get<dist::Empirical>(with_moments(dist::Empirical{{0, 10}}, 1.0, 1.0)).sample,
            (std::vector<double>{0, 6}));
  EXPECT_EQ(std::get<dist::Normal>(with_moments(dist::Normal{1.0, 1.0}, 7.0, 2.0)), (dist::Normal{7.0, 2.0}));
  EXPECT_EQ(std::get<dist::Constant>(with_moments(dist::Poisson{3.0}, 0.0, 1.0)).value, 0.0);
  EXPECT_EQ(std::get<dist::Constant>(with_moments(dist::Poisson{3.0}, 2.0, 0.0)).value, 2.0);
}

// Demand 0 0 1 repeated six times: intermittent (ADI 3, CV² 0). Lead time 1, so H = 2. The
// two-period totals are 0 1 1 0 1 1 ... (17 blocks, 11 of them 1), the one-period ones six 1s in
// 18. At S = 0 the new shortages per period are 11/17 - 6/18 = 0.31, more than 5% of f = 1/3;
// at S = 1 none: the empirical level is 1.
TEST(DemandLearner, IntermittentDemandIsSizedFromEmpiricalBlocks) {
  std::vector<double> y;
  for (int i = 0; i < 6; ++i) y.insert(y.end(), {0.0, 0.0, 1.0});
  DemandLearningOptions blocks;
  blocks.intermittent_sizing = IntermittentSizing::empirical_blocks;
  auto r = learn_demand(y, blocks);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_EQ(r->profile.demand_class, DemandClass::intermittent);
  EXPECT_TRUE(r->empirical_sizing);
  EXPECT_DOUBLE_EQ(r->buffer.order_up_to, 1.0);
  EXPECT_NE(r->method.find("empirical demand over H"), std::string::npos);
  DemandLearningOptions o;
  o.intermittent_sizing = IntermittentSizing::parametric;
  auto p = learn_demand(y, o);
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->empirical_sizing);
  // The parametric level never exceeds the largest two-period total seen (1) either.
  EXPECT_LE(p->buffer.order_up_to, 1.0);
}

// A Poisson's E[(X - s)^+] summed term by term, independently of the library's loss functions.
double poisson_excess(double mean, int s) {
  double p = std::exp(-mean), sum = 0.0;
  for (int x = 0; x < 200; ++x) {
    if (x > s) sum += (x - s) * p;
    p *= mean / (x + 1);
  }
  return sum;
}

// Two units every second period for 24 periods, then 3 single units in the last 12: the rate of
// the last 12 periods is r = 0.25 (the whole history's would be 27/36 = 0.75). With L = 1 the
// protection interval is H = 2 and the fill-rate rule allows 5% of r = 0.0125 new units short per
// period. By hand, G(S) = E[(X_2 - S)^+] - E[(X_1 - S)^+] with X_2 ~ Poisson(0.5), X_1 ~ Poisson(0.25):
//   G(1) = 0.25 + e^-0.5 - e^-0.25 = 0.0777,  G(2) = 0.01633 - 0.00230 = 0.0140,  G(3) = 0.0018,
// so S = 3.
TEST(DemandLearner, RecentRateSizesSlowMoversByAPoissonOfTheLastPeriods) {
  std::vector<double> y;
  for (int i = 0; i < 12; ++i) y.insert(y.end(), {2.0, 0.0});
  for (int i = 0; i < 3; ++i) y.insert(y.end(), {0.0, 0.0, 0.0, 1.0});
  DemandLearningOptions o;
  o.detect_changes = false;
  o.intermittent_sizing = IntermittentSizing::recent_rate;
  auto r = learn_demand(y, o);
  ASSERT_TRUE(r.ok()) << describe(r.problems());
  EXPECT_EQ(r->profile.demand_class, DemandClass::intermittent);
  EXPECT_TRUE(r->empirical_sizing);
  EXPECT_DOUBLE_EQ(r->buffer.order_up_to, 3.0);
  EXPECT_NEAR(r->protection_mean, 0.5, 1e-12);
  const double allowed = 0.05 * 0.25;
  EXPECT_GT(poisson_excess(0.5, 2) - poisson_excess(0.25, 2), allowed);
  EXPECT_LE(poisson_excess(0.5, 3) - poisson_excess(0.25, 3), allowed);
  EXPECT_NE(r->method.find("Poisson of the mean demand of the last 12 periods"), std::string::npos) << r->method;
  EXPECT_EQ(r->method.find("rolling"), std::string::npos) << r->method;  // no forecast error sizes it
  // The whole history as the window: r = 0.75, X_2 ~ Poisson(1.5), and the level rises.
  o.rate_window_periods = 36;
  auto whole = learn_demand(y, o);
  ASSERT_TRUE(whole.ok());
  const double level = whole->buffer.order_up_to;
  EXPECT_GT(level, 3.0);
  const int s = static_cast<int>(level);
  EXPECT_LE(poisson_excess(1.5, s) - poisson_excess(0.75, s), 0.05 * 0.75);
  EXPECT_GT(poisson_excess(1.5, s - 1) - poisson_excess(0.75, s - 1), 0.05 * 0.75);
}

TEST(DemandLearner, NoDemandAndBadOptions) {
  auto none = learn_demand(std::vector<double>(30, 0.0));
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->learned);
  EXPECT_DOUBLE_EQ(none->buffer.order_up_to, 0.0);
  DemandLearningOptions o;
  o.target = 0.0;
  EXPECT_EQ(learn_demand(std::vector<double>{1, 2}, o).problems()[0].path, "target");
  EXPECT_EQ(learn_demand(std::vector<double>{1, -2}).problems()[0].path, "period 2");
  DemandLearningOptions window;
  window.rate_window_periods = 0;
  EXPECT_EQ(learn_demand(std::vector<double>{1, 2}, window).problems()[0].path, "rate_window_periods");
}

}  // namespace
}  // namespace echelon::learn
