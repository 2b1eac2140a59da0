// Capacity-constrained choice in rounds: housing for movers and in-migrants, floorspace for firms,
// vacancies for job seekers. In each round every pending chooser draws a destination among the
// zones still open; a zone accepts its candidates in lottery order (a keyed random priority per
// chooser, never thread timing) while capacity lasts; the rejected draw again next round among
// zones that still have room. Whoever is still unplaced after the last round stays where they are.
//
//   auto result = clear_in_rounds(n, sizes, priorities, capacity_left, rounds, threads,
//       [&](int round, std::span<const std::uint32_t> pending, const std::vector<std::uint8_t>&
//       open,
//           std::vector<std::int32_t>& dest) { ... });
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace relocsim {
class Rng;
enum class Stream : std::uint32_t;
}  // namespace relocsim
namespace relocsim::choice {
class ChoiceTable;
}  // namespace relocsim::choice

namespace relocsim::markets {

struct ClearingResult {
  std::vector<std::int32_t> destination;  // per chooser; -1 when not placed
  std::vector<double> unmet;              // per zone: size of rejected demand in the first round
  // Per zone: size of the choosers who first chose it and were placed nowhere in the end.
  std::vector<double> unplaced;
};

// Called once with round -1 and every zone open (to learn unconstrained preferences), then once per
// round with the pending choosers and the zones that still have room. A draw must depend only on
// the round's open zones and on whether the round is later than 0: when every zone has room in
// round 0, round 0 is not called and the choices of round -1 are used.
using DrawRound = std::function<void(int round, std::span<const std::uint32_t> pending,
                                     const std::vector<std::uint8_t>& open,
                                     std::vector<std::int32_t>& destination)>;

// sizes: capacity used by each chooser (empty span: 1 each). capacity_left is updated.
// `draw` fills destination[pending[k]] for every pending chooser (-1 when nothing is open).
// Choosers are grouped by the zone they drew and zones accept their candidates on up to `threads`
// threads; the result is the same for any thread count.
ClearingResult clear_in_rounds(std::size_t choosers, std::span<const double> sizes,
                               std::span<const double> priorities,
                               std::vector<double>& capacity_left, int rounds, int threads,
                               const DrawRound& draw);

// The usual body of a DrawRound: every pending chooser k draws from its row rows[k] of a finished
// table, with uniforms[k] (stratified, see choice::stratified_uniforms) before the first
// redraw (round -1 and 0), and with a fresh keyed uniform from `stream` in later rounds. Every
// draw is keyed by the chooser, so the choosers are drawn in parallel and the result is the same
// for any thread count.
void draw_from_table(const choice::ChoiceTable& table, int round,
                     std::span<const std::uint32_t> pending, std::span<const std::uint32_t> rows,
                     std::span<const double> uniforms, const Rng& rng, int year, Stream stream,
                     int threads, std::vector<std::int32_t>& destination);

}  // namespace relocsim::markets
