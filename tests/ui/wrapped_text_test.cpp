// Wrapping at spaces only (ui/wrapped_text.h), with one width unit per character.
#include "ui/wrapped_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace echelon::ui {
namespace {

std::vector<std::string> wrap(std::string_view text, float width) {
  const auto chars = [](std::string_view piece) { return static_cast<float>(piece.size()); };
  std::vector<std::string> lines;
  for (const std::string_view line : wrap_at_spaces(text, width, chars)) lines.emplace_back(line);
  return lines;
}

// ImGui 1.86 would break "sd 2.61" after the point at this width; here the figure stays whole.
TEST(WrapAtSpaces, KeepsADecimalNumberOnOneLine) {
  EXPECT_EQ(wrap("mean 4.20, sd 2.61", 15.0f), (std::vector<std::string>{"mean 4.20, sd", "2.61"}));
}

TEST(WrapAtSpaces, FillsEachLineUpToTheWidthExactly) {
  // "aaa bbb" is 7 wide: it fits in 7, not in 6.
  EXPECT_EQ(wrap("aaa bbb ccc", 7.0f), (std::vector<std::string>{"aaa bbb", "ccc"}));
  EXPECT_EQ(wrap("aaa bbb ccc", 6.0f), (std::vector<std::string>{"aaa", "bbb", "ccc"}));
}

TEST(WrapAtSpaces, LeavesAWordWiderThanTheLineWholeOnItsOwnLine) {
  EXPECT_EQ(wrap("a 123456789 b", 4.0f), (std::vector<std::string>{"a", "123456789", "b"}));
}

TEST(WrapAtSpaces, DropsTheSpacesAtABreak) {
  EXPECT_EQ(wrap("  aaa    bbb  ", 4.0f), (std::vector<std::string>{"aaa", "bbb"}));
}

TEST(WrapAtSpaces, EndsALineAtEveryNewline) {
  EXPECT_EQ(wrap("one\n\ntwo three", 40.0f), (std::vector<std::string>{"one", "", "two three"}));
}

TEST(WrapAtSpaces, GivesNoLineForEmptyText) { EXPECT_TRUE(wrap("", 10.0f).empty()); }

TEST(WrapAtSpaces, KeepsTheWholeTextOnOneLineWhenItFits) {
  EXPECT_EQ(wrap("Law: gamma (k 1.50, theta 2.00).", 100.0f),
            (std::vector<std::string>{"Law: gamma (k 1.50, theta 2.00)."}));
}

}  // namespace
}  // namespace echelon::ui
