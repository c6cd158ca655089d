#include "core/model/readiness.h"

#include <gtest/gtest.h>

#include <cmath>

namespace echelon {
namespace {

// A DC fed by a supplier; demands for three items at the DC and one at the supplier.
Scenario small() {
  Scenario s;
  s.items = {{"a", "a", 10.0, {}, {}, {}}, {"b", "b", 0.0, {}, std::string("AX"), {}}, {"c", "c", 3.0, {}, {}, {}}};
  Node sup;
  sup.id = "sup";
  sup.produces = {"a", "b", "c"};
  sup.processing_time = dist::Constant{2.0};
  Node dc;
  dc.id = "dc";
  s.nodes = {sup, dc};
  s.arcs = {{"sup", "dc", "a", dist::Constant{3.0}, 1.0, {}}, {"sup", "dc", "b", dist::Constant{0.0}, 1.0, {}},
            {"sup", "dc", "c", dist::Constant{1.0}, 1.0, {}}};
  Demand a{"dc", "a", dist::Normal{5.0, 1.0}, {}};
  Demand b{"dc", "b", {}, History{{}, std::vector<double>(12, 1.0)}};
  History short_history{{}, std::vector<double>(13, 2.0)};
  short_history.quantities[0] = std::nan("");
  short_history.quantities[5] = std::nan("");  // 11 observed of 13
  Demand c{"dc", "c", {}, short_history};
  Demand at_supplier{"sup", "c", dist::Normal{1.0, 1.0}, {}};
  s.demands = {a, b, c, at_supplier};
  ServiceTarget ta;
  ta.node = "dc";
  ta.item = "a";
  ServiceTarget segment;
  segment.segment = "AX";
  s.service_targets = {ta, segment};
  return s;
}

TEST(Readiness, FlagsEachDemandWithWhatIsMissing) {
  const ReadinessReport r = check_readiness(small());
  ASSERT_EQ(r.demands.size(), 4u);
  // a: transit 3, cost 10, its own target, a distribution: nothing.
  EXPECT_EQ(r.demands[0].flags, 0u);
  EXPECT_EQ(r.demands[0].lead_time_periods, 3.0);
  // b: transit 0 and no processing at the DC; cost 0; the segment's target; 12 observed.
  EXPECT_EQ(r.demands[1].flags, kFlagZeroLeadTime | kFlagZeroCost);
  EXPECT_EQ(r.demands[1].observed_periods, 12u);
  // c: transit 1; no target; 11 observed of 13 is under 12.
  EXPECT_EQ(r.demands[2].flags, kFlagNoTarget | kFlagShortHistory);
  EXPECT_EQ(r.demands[2].observed_periods, 11u);
  // At the supplier, which produces c: its processing time 2, no inbound arcs.
  EXPECT_EQ(r.demands[3].lead_time_periods, 2.0);
  EXPECT_EQ(r.demands[3].flags, kFlagNoTarget);
  EXPECT_EQ(r.count_of(kFlagZeroLeadTime), 1u);
  EXPECT_EQ(r.count_of(kFlagZeroCost), 1u);
  EXPECT_EQ(r.count_of(kFlagNoTarget), 2u);
  EXPECT_EQ(r.count_of(kFlagShortHistory), 1u);
  EXPECT_EQ(r.flagged, 3u);
  EXPECT_EQ(describe_flags(kFlagZeroLeadTime | kFlagShortHistory), "zero lead time, short history");
  EXPECT_EQ(describe_flags(0), "");
  EXPECT_NE(std::string(readiness_flag_fix(kFlagZeroCost)).find("unit cost"), std::string::npos);
}

TEST(Readiness, ShorterMinimumClearsTheHistoryFlag) {
  const ReadinessReport r = check_readiness(small(), 11);
  EXPECT_EQ(r.demands[2].flags, kFlagNoTarget);
}

}  // namespace
}  // namespace echelon
