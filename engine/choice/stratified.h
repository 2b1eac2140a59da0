// Uniform draws for choosers that share a choice table, stratified within groups: the n choosers
// of a group get the n points (k + v) / n, k = 0..n-1, in a random order (a random affine
// permutation of their ranks). Each chooser's uniform is still exactly U(0, 1), but the group's
// choices hit every alternative within one of the expected count, which removes most sampling
// noise from the zone totals of small-scale runs. Keyed by (seed, year, stream, group): the same
// for any thread count.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/core/rng.h"

namespace relocsim::choice {

// groups[k] is chooser k's group (< group_count); choosers are ranked within a group in list order
// (counted in chunks of the list on up to `threads` threads: the same for any thread count).
std::vector<double> stratified_uniforms(std::span<const std::uint32_t> groups,
                                        std::size_t group_count, const Rng& rng, int year,
                                        Stream stream, int threads = 1);

// As stratified_uniforms, but each chooser covers a share of its group's [0, 1) proportional to its
// size (jobs of a firm): a chooser of size s_k after choosers of total size C gets
// (C + v s_k) / total. The sizes that land on each alternative are then within about one
// chooser's size of their expectation. Choosers should come in an order unrelated to size.
std::vector<double> mass_stratified_uniforms(std::span<const std::uint32_t> groups,
                                             std::span<const double> sizes, std::size_t group_count,
                                             const Rng& rng, int year, Stream stream);

}  // namespace relocsim::choice
