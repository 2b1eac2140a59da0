// Text and number formatting of the report: escaping, magnitudes, ticks, colours.
#include "engine/output/report/format.h"

#include <gtest/gtest.h>

#include <cmath>

namespace relocsim::output {
namespace {

TEST(EscapeHtml, EscapesMarkupAndQuotes) {
  EXPECT_EQ(escape_html("Xiong'an <b>\"A&B\"</b>"),
            "Xiong&#39;an &lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;");
  EXPECT_EQ(escape_html("通州"), "通州");
}

TEST(FormatQuantity, UsesMagnitudeSuffixesWithThreeDigits) {
  EXPECT_EQ(format_quantity(21'516'000), "21.5 M");
  EXPECT_EQ(format_quantity(830'000), "830 k");
  EXPECT_EQ(format_quantity(12'345), "12.3 k");
  EXPECT_EQ(format_quantity(2'500), "2,500");
  EXPECT_EQ(format_quantity(3.2e9), "3.2 B");
  EXPECT_EQ(format_quantity(-40'000), "-40 k");
  EXPECT_EQ(format_quantity(0), "0");
  EXPECT_EQ(format_quantity(0.126), "0.13");
  EXPECT_EQ(format_quantity(std::nan("")), "n/a");
}

TEST(FormatTick, SharesTheAxisMagnitudeAndPrecision) {
  EXPECT_EQ(format_tick(0, 2.5e6, 10e6), "0");
  EXPECT_EQ(format_tick(2.5e6, 2.5e6, 10e6), "2.5 M");
  EXPECT_EQ(format_tick(5e6, 2.5e6, 10e6), "5.0 M");
  EXPECT_EQ(format_tick(5'000, 5'000, 20'000), "5 k");
  EXPECT_EQ(format_tick(0.25, 0.25, 1), "0.25");
  EXPECT_EQ(format_tick(2010, 5, 2035), "2,010");  // years are not ticked with this
}

TEST(FormatPercent, SignedAndUnsigned) {
  EXPECT_EQ(format_percent(0.1234), "12.3 %");
  EXPECT_EQ(format_percent(-0.044, true), "-4.4 %");
  EXPECT_EQ(format_percent(0.1, true), "+10.0 %");
}

TEST(FormatNumber, GroupsThousands) {
  EXPECT_EQ(format_number(1234567.891, 1), "1,234,567.9");
  EXPECT_EQ(format_number(-1234, 0), "-1,234");
  EXPECT_EQ(format_number(-0.01, 1), "0.0");
}

TEST(NiceTicks, CoverTheRangeWithRoundSteps) {
  const auto ticks = nice_ticks(0, 23.4e6, 5);
  ASSERT_GE(ticks.size(), 2U);
  EXPECT_EQ(ticks.front(), 0);
  EXPECT_GE(ticks.back(), 23.4e6);
  EXPECT_LT(ticks.back() - ticks[ticks.size() - 2], 23.4e6);
  EXPECT_DOUBLE_EQ(ticks[1] - ticks[0], 5e6);
  // The last tick is the first at or above the maximum, not one more.
  EXPECT_EQ(nice_ticks(0, 2.2, 4), (std::vector<double>{0, 1, 2, 3}));
  EXPECT_EQ(nice_ticks(0, 2.0, 4), (std::vector<double>{0, 0.5, 1, 1.5, 2}));
  const auto t3 = nice_ticks(0.39, 0.41, 4);
  EXPECT_LE(t3.front(), 0.39);
  EXPECT_GE(t3.back(), 0.41);
  // A flat series still gets an axis.
  EXPECT_GE(nice_ticks(5, 5, 4).size(), 2U);
}

TEST(DivergingColour, RunsFromBlueThroughGreyToRed) {
  EXPECT_EQ(diverging_colour(-1), "#2166ac");
  EXPECT_EQ(diverging_colour(0), "#f0f0f0");
  EXPECT_EQ(diverging_colour(1), "#b2182b");
  EXPECT_EQ(diverging_colour(7), "#b2182b");
  EXPECT_EQ(diverging_colour(std::nan("")), "#cccccc");
}

TEST(TruncateText, CutsWholeCharacters) {
  EXPECT_EQ(truncate_text("abcdef", 4), "abc…");
  EXPECT_EQ(truncate_text("abcd", 4), "abcd");
  EXPECT_EQ(truncate_text("雄安新区总部", 3), "雄安…");
  EXPECT_EQ(truncate_text("雄安新", 3), "雄安新");
}

TEST(ShortName, DropsParenthesesAndDistrict) {
  EXPECT_EQ(short_name("Haidian District"), "Haidian");
  EXPECT_EQ(short_name("Xiong'an New Area (Xiong Rongcheng Anxin counties)"), "Xiong'an New Area");
  EXPECT_EQ(short_name("District"), "District");
}

TEST(Slug, KeepsIdsSafeForUrlReferences) {
  EXPECT_EQ(slug("no policy 'A'"), "no-policy--A-");
  EXPECT_EQ(slug(""), "x");
}

TEST(DisplayName, NamesKnownGroupsAndPrettifiesOthers) {
  EXPECT_EQ(display_name("sub_center"), "Sub-center");
  EXPECT_EQ(display_name("general_manufacturing"), "General manufacturing");
}

}  // namespace
}  // namespace relocsim::output
