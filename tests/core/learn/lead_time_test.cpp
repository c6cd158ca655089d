#include "core/learn/lead_time.h"

#include <gtest/gtest.h>

#include <random>
#include <variant>

namespace echelon::learn {
namespace {

Receipt receipt(std::string supplier, std::string location, std::int64_t ordered, std::int64_t received) {
  Receipt r;
  r.supplier = std::move(supplier);
  r.location = std::move(location);
  r.ordered = ordered;
  r.received = received;
  return r;
}

// Supplier A: lead times 9, 5, 7 (ordered out of order): in order-date order 5, 7, 9; mean 7,
// sd 2, median 7, 90% within 9. Too few to fit: empirical.
TEST(LeadTime, EmpiricalByHand) {
  const std::vector<Receipt> rs{receipt("A", "x", 20, 29), receipt("B", "x", 0, 1), receipt("A", "x", 0, 5),
                                receipt("A", "y", 10, 17)};
  auto r = learn_lead_times(rs);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  const LearnedLeadTime& a = (*r)[0];
  EXPECT_EQ(a.supplier, "A");
  EXPECT_EQ(a.receipts, 3);
  EXPECT_EQ(a.sample_periods, (std::vector<double>{5, 7, 9}));
  EXPECT_DOUBLE_EQ(a.mean_periods, 7.0);
  EXPECT_DOUBLE_EQ(a.sd_periods, 2.0);
  EXPECT_DOUBLE_EQ(a.p50_periods, 7.0);
  EXPECT_DOUBLE_EQ(a.p90_periods, 9.0);
  EXPECT_TRUE(std::holds_alternative<dist::Empirical>(a.distribution));
  EXPECT_NE(a.method.find("empirical"), std::string::npos);
  // Per arc, A splits by location.
  LeadTimeOptions o;
  o.grouping = LeadTimeGrouping::arc;
  EXPECT_EQ(learn_lead_times(rs, o)->size(), 3u);
  // In weeks.
  o.grouping = LeadTimeGrouping::supplier;
  o.days_per_period = 7.0;
  EXPECT_DOUBLE_EQ((*learn_lead_times(rs, o))[0].mean_periods, 1.0);
}

// Lead times 1 + floor(gamma with shape 9, scale 1) days (mean about 9.5, sd about 3) from 400 receipts: a fitted family with
// the right moments.
TEST(LeadTime, FitsAFamilyWithEnoughReceipts) {
  std::mt19937_64 gen(17);
  std::gamma_distribution<double> g(9.0, 1.0);
  std::vector<Receipt> rs;
  for (int i = 0; i < 400; ++i) rs.push_back(receipt("S", "", i, i + 1 + static_cast<std::int64_t>(g(gen))));
  auto r = learn_lead_times(rs);
  ASSERT_TRUE(r.ok());
  const LearnedLeadTime& s = (*r)[0];
  ASSERT_TRUE(s.fitted.has_value());
  EXPECT_NEAR(mean(s.distribution), s.mean_periods, 0.05 * s.mean_periods);
  EXPECT_NEAR(s.mean_periods, 9.5, 0.4);  // floor(g) + 1: about 9 + 1/2
  EXPECT_NEAR(std::sqrt(variance(s.distribution)), 3.0, 0.5);
  EXPECT_NE(s.method.find("hold-out"), std::string::npos);
}

TEST(LeadTime, Problems) {
  EXPECT_EQ(learn_lead_times({}).problems()[0].path, "receipts");
  LeadTimeOptions o;
  o.days_per_period = 0.0;
  EXPECT_EQ(learn_lead_times({receipt("A", "", 0, 1)}, o).problems()[0].path, "days_per_period");
}

}  // namespace
}  // namespace echelon::learn
