// "Did you mean" for every name a user types: scenario keys, zones, sectors, levers, metrics,
// sweep keys and outputs. One rule, so that a misspelling gets the same suggestion everywhere.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace relocsim {

// The closest candidate to `word` by edit distance, or empty when none is close: at most
// max(2, length / 3) edits, or else the one candidate that `word` shortens or lengthens (a prefix
// of at least four letters). Words longer than 64 letters get no suggestion.
std::string nearest_name(std::string_view word, std::span<const std::string_view> candidates);
std::string nearest_name(std::string_view word, const std::vector<std::string>& candidates);
// " (did you mean 'x'?)" with nearest_name's x, or "".
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace relocsim
