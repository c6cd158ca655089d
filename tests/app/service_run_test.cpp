#include "app/service_run.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "app/session.h"
#include "support/test_scenarios.h"

namespace echelon::app {
namespace {

ServiceRun finished(const Scenario& scenario, const ServiceSettings& settings) {
  ServiceRun run = ServiceRun::start(scenario, settings);
  for (int slice = 0; slice < 100000 && !run.done(); ++slice) run.step(50);
  return run;
}

TEST(ServiceSettings, ProblemsNameTheSetting) {
  ServiceSettings s;
  s.target_fill_rate = 1.2;
  s.abc.a_share = 0.97;  // above the B cut-off
  const Problems problems = validate_service_settings(s);
  ASSERT_GE(problems.size(), 2u);
  EXPECT_EQ(problems[0].path, "target_fill_rate");
  EXPECT_TRUE(std::any_of(problems.begin(), problems.end(), [](const Problem& p) { return p.path.find("abc") != std::string::npos; }));
}

TEST(ServiceRun, InvalidSettingsGiveProblemsAndNoStudy) {
  ServiceSettings s;
  s.target_fill_rate = 0.0;
  const ServiceRun run = ServiceRun::start(fixtures::serial_two_stage(), s);
  EXPECT_TRUE(run.done());
  EXPECT_FALSE(run.problems().empty());
  EXPECT_EQ(run.results(), nullptr);
}

// One store with normal(20, 5) demand: a single item, so the optimized target is the aggregate
// target itself, and the matrix plan is the cell's default target.
TEST(ServiceRun, OneItemIsPlannedAtTheAggregateTarget) {
  ServiceSettings s;
  s.target_fill_rate = 0.97;
  const ServiceRun run = finished(fixtures::serial_two_stage(), s);
  ASSERT_TRUE(run.problems().empty()) << describe(run.problems());
  const service::ServiceResults* r = run.results();
  ASSERT_NE(r, nullptr);
  ASSERT_EQ(r->optimized.items.size(), 1u);
  EXPECT_NEAR(r->optimized.aggregate_fill_rate, 0.97, 2e-3);
  // One item: the uniform plan is the same plan, so nothing is saved.
  EXPECT_NEAR(r->savings_vs_uniform, 0.0, 1e-3);
  const auto& seg = run.portfolio()->segmentation.items[0];
  EXPECT_DOUBLE_EQ(run.portfolio()->items[0].current_fill_rate, seg.default_fill_rate);
  const std::string csv = service_items_csv(*run.portfolio(), *r);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 2);
  EXPECT_EQ(csv.rfind("item,location,segment,demand_class,", 0), 0u);
  EXPECT_NE(csv.find("\nw,store,"), std::string::npos);
}

TEST(AppSessionService, RefusedSettingsKeepTheSettingsInForce) {
  AppSession state;
  ServiceSettings bad = state.service_settings();
  bad.xyz.x_cv = -1.0;
  EXPECT_FALSE(state.set_service_settings(bad));
  EXPECT_FALSE(state.service_settings_problems().empty());
  EXPECT_DOUBLE_EQ(state.service_settings().xyz.x_cv, ServiceSettings{}.xyz.x_cv);
  ServiceSettings good = state.service_settings();
  good.target_fill_rate = 0.9;
  EXPECT_TRUE(state.set_service_settings(good));
  EXPECT_TRUE(state.service_settings_problems().empty());
}

TEST(AppSessionService, TheDefaultNetworksStudyFinishesAndRestartsOnATargetEdit) {
  AppSession state;
  for (int frame = 0; frame < 100000 && state.background_running(); ++frame) state.step(50.0);
  ASSERT_TRUE(state.service_run().has_value());
  ASSERT_NE(state.service_run()->results(), nullptr) << describe(state.service_run()->problems());
  const auto generation = state.service_run_generation();
  ServiceSettings s = state.service_settings();
  s.target_fill_rate = 0.9;
  ASSERT_TRUE(state.set_service_settings(s));
  EXPECT_TRUE(state.background_running());
  for (int frame = 0; frame < 100000 && state.background_running(); ++frame) state.step(50.0);
  EXPECT_GT(state.service_run_generation(), generation);
  ASSERT_NE(state.service_run()->results(), nullptr);
  EXPECT_NEAR(state.service_run()->results()->optimized.aggregate_fill_rate, 0.9, 5e-3);
}

}  // namespace
}  // namespace echelon::app
