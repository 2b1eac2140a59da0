#include "engine/core/nearest_name.h"

#include <algorithm>

namespace relocsim {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string nearest_name(std::string_view word, const std::vector<std::string>& candidates) {
  const std::vector<std::string_view> views(candidates.begin(), candidates.end());
  return nearest_name(word, views);
}

std::string nearest_name(std::string_view word, std::span<const std::string_view> candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  // Names are short; a long word is no misspelling, and its distances would cost O(n^2).
  constexpr std::size_t kMaxLength = 64;
  if (word.size() > kMaxLength) return best;
  for (const std::string_view c : candidates) {
    const std::size_t gap =
        c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (gap >= best_distance || c.size() > kMaxLength) continue;  // distance >= gap
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(c);
    }
  }
  if (!best.empty()) return best;
  // A shortened or lengthened name ("rent_step" for "rent_step_max"), when only one fits.
  constexpr std::size_t kMinPrefix = 4;
  for (const std::string_view c : candidates) {
    const std::string_view shorter = c.size() < word.size() ? c : word;
    const std::string_view longer = c.size() < word.size() ? word : c;
    if (shorter.size() < kMinPrefix || !longer.starts_with(shorter)) continue;
    if (!best.empty() && best != c) return std::string();
    best = std::string(c);
  }
  return best;
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  const std::string best = nearest_name(word, candidates);
  return best.empty() ? std::string() : " (did you mean '" + best + "'?)";
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::vector<std::string_view> views(candidates.begin(), candidates.end());
  return did_you_mean(word, views);
}

}  // namespace relocsim
