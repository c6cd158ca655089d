#include "core/base/concat.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace echelon {
namespace {

// Literals, strings and views join in order; empty parts add nothing, and no part is cut at
// an embedded character (a view of "a\0b" keeps all three bytes).
TEST(Concat, JoinsPartsInOrder) {
  const std::string column = "StageTime_3";
  const std::string_view rest = " is missing";
  EXPECT_EQ(cat("the column ", column, rest), "the column StageTime_3 is missing");
  EXPECT_EQ(cat("", std::string(), std::string_view()), "");
  EXPECT_EQ(cat("x"), "x");
  const std::string_view embedded("a\0b", 3);
  const std::string joined = cat("[", embedded, "]");
  EXPECT_EQ(joined.size(), 5u);
  EXPECT_EQ(joined, std::string("[a\0b]", 5));
}

}  // namespace
}  // namespace echelon
