// Text for the report: HTML escaping, numbers as a reader wants them ("21.5 M", "+3.2 %"), tick
// positions for axes, and the colours of series, runs and diverging scales.
//
//   escape_html("Xiong'an <new>")   -> "Xiong&#39;an &lt;new&gt;"
//   format_quantity(21'516'000)     -> "21.5 M"
//   nice_ticks(0, 23.4e6, 5)        -> {0, 5e6, 10e6, 15e6, 20e6, 25e6}
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace relocsim::output {

// Escapes & < > " ' so that the text is safe in element content and in quoted attributes.
std::string escape_html(std::string_view text);

// A number with a magnitude suffix (k, M, B, T) and three significant digits: 21.5 M, 830 k, 12.3.
// NaN gives "n/a".
std::string format_quantity(double value);
// Tick labels of one axis share its magnitude and the step's precision: 0, 2.5 M, 5.0 M, 7.5 M.
// `axis_max` is the largest absolute tick of the axis.
std::string format_tick(double value, double step, double axis_max);
// A share as a percentage with one decimal: 0.1234 -> "12.3 %"; with sign when `signed_`.
std::string format_percent(double share, bool signed_ = false);
// A plain number with `decimals` decimals and thousands separators: 12,345.6
std::string format_number(double value, int decimals);
// A coordinate for SVG: short, locale-free.
std::string svg_num(double value);

// About `count` round tick values covering [lo, hi] (steps of 1, 2, 2.5 or 5 times a power of 10).
std::vector<double> nice_ticks(double lo, double hi, int count);

// A categorical colour, distinct for the first 12 indices, then repeating.
std::string category_colour(std::size_t index);
// Diverging colour for t in [-1, 1]: blue-grey (decline) through light grey (0) to red (growth).
std::string diverging_colour(double t);

// At most `max_chars` characters (UTF-8 code points), the last replaced by "…" when cut.
std::string truncate_text(std::string_view text, std::size_t max_chars);

// A zone name short enough for a map label or an axis: "Haidian District" -> "Haidian",
// "Baoding (excl. Xiong'an)" -> "Baoding". Tooltips keep the full name.
std::string short_name(std::string_view name);

// An id safe in HTML ids and url(#...) references: letters, digits, '-' and '_' kept, others '-'.
std::string slug(std::string_view text);

// A name for display: "sub_center" -> "Sub center", known group ids get their proper names.
std::string display_name(std::string_view id);

}  // namespace relocsim::output
