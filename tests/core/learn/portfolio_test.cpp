#include "core/learn/portfolio.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace echelon::learn {
namespace {

std::vector<SeriesToLearn> three_series() {
  std::vector<SeriesToLearn> s;
  std::vector<double> steady, sparse;
  for (int t = 0; t < 40; ++t) {
    steady.push_back(10.0 + (t % 3));
    sparse.push_back(t % 4 == 0 ? 5.0 : 0.0);
  }
  s.push_back({"A", "DC", steady});
  s.push_back({"B", "DC", sparse});
  s.push_back({"C", "DC", {1.0, -1.0}});
  return s;
}

TEST(Portfolio, StepsLearnAFixedNumberOfSeries) {
  PortfolioLearner learner(three_series(), {});
  EXPECT_EQ(learner.total(), 3u);
  EXPECT_FALSE(learner.step(2));
  EXPECT_EQ(learner.done(), 2u);
  EXPECT_TRUE(learner.step(2));
  ASSERT_EQ(learner.results().size(), 3u);
  EXPECT_TRUE(learner.results()[0].learned.has_value());
  EXPECT_EQ(learner.results()[1].learned->profile.demand_class, DemandClass::intermittent);
  EXPECT_FALSE(learner.results()[2].learned.has_value());
  EXPECT_EQ(learner.results()[2].problems[0].path, "period 2");
}

TEST(Portfolio, SlicingDoesNotChangeResults) {
  PortfolioLearner one(three_series(), {}), many(three_series(), {});
  one.step(100);
  while (!many.step(1)) {
  }
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(one.results()[i].learned->buffer.order_up_to, many.results()[i].learned->buffer.order_up_to);
    EXPECT_EQ(one.results()[i].learned->method, many.results()[i].learned->method);
  }
}

TEST(Portfolio, TakenModelsAreTheLearnedModels) {
  PortfolioLearner learner(three_series(), {});
  learner.step(100);
  const auto copied = learner.learned_models();
  const auto taken = learner.take_learned_models();
  ASSERT_EQ(taken.size(), 3u);
  ASSERT_TRUE(taken[0] && taken[1]);
  EXPECT_FALSE(taken[2].has_value());
  EXPECT_EQ(taken[1]->buffer.order_up_to, copied[1]->buffer.order_up_to);
  EXPECT_EQ(taken[0]->method, copied[0]->method);
  // Moved out: the learner keeps the series' names and problems only.
  EXPECT_FALSE(learner.results()[0].learned.has_value());
  EXPECT_EQ(learner.results()[2].problems[0].path, "period 2");
}

TEST(Portfolio, FromHistory) {
  DemandHistory h;
  h.series.push_back({"X", "S1", std::vector<double>(20, 3.0)});
  auto learner = PortfolioLearner::from_history(h, {});
  learner.step(1);
  ASSERT_EQ(learner.results().size(), 1u);
  EXPECT_EQ(learner.results()[0].item, "X");
  EXPECT_EQ(learner.results()[0].location, "S1");
}

}  // namespace
}  // namespace echelon::learn
