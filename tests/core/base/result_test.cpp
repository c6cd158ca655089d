#include "core/base/result.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace echelon {
namespace {

TEST(Result, HoldsAValue) {
  const Result<int> r = 42;
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(r.value(), 42);
  EXPECT_EQ(*r, 42);
  EXPECT_TRUE(r.problems().empty());
}

TEST(Result, HoldsEveryProblem) {
  const Result<int> r = Problems{{"/a", "first"}, {"/b", "second"}};
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(static_cast<bool>(r));
  ASSERT_EQ(r.problems().size(), 2u);
  EXPECT_EQ(r.problems()[0], (Problem{"/a", "first"}));
  EXPECT_EQ(r.problems()[1].message, "second");
}

TEST(Result, OneProblemConvertsToAList) {
  const Result<std::string> r = Problem{"mean_demand_per_period", "must not be negative"};
  ASSERT_EQ(r.problems().size(), 1u);
  EXPECT_EQ(r.problems()[0].path, "mean_demand_per_period");
}

TEST(Result, ValueMovesOut) {
  Result<std::string> r = std::string("scenario");
  const std::string taken = std::move(r).value();
  EXPECT_EQ(taken, "scenario");
}

TEST(Describe, OneLinePerProblemWithItsPath) {
  EXPECT_EQ(describe({{"/nodes/0/id", "is empty"}, {"", "no path"}}), "/nodes/0/id: is empty\nno path");
  EXPECT_EQ(describe({}), "");
}

TEST(FormatNumber, AsAPersonWouldWriteIt) {
  EXPECT_EQ(format_number(-1.0), "-1");
  EXPECT_EQ(format_number(0.25), "0.25");
  EXPECT_EQ(format_number(1e9), "1e+09");
  EXPECT_EQ(format_number(123456.0), "123456");
  EXPECT_EQ(format_number(1234567.0), "1.23457e+06");  // six significant digits
  EXPECT_EQ(format_number(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(format_number(std::numeric_limits<double>::quiet_NaN()), "nan");
}

}  // namespace
}  // namespace echelon
