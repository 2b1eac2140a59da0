#include "engine/world/world.h"

#include <algorithm>
#include <iterator>

#include "engine/levers/lever.h"

namespace relocsim {

void ResidentStore::release(const std::vector<std::uint32_t>& ascending) {
  for (auto i : ascending) home[i] = ZoneId::none();
  std::vector<std::uint32_t> merged;
  merged.reserve(free_slots.size() + ascending.size());
  std::merge(free_slots.begin(), free_slots.end(), ascending.rbegin(), ascending.rend(),
             std::back_inserter(merged), std::greater<>());
  free_slots.swap(merged);
}

World::World() = default;
World::~World() = default;
World::World(World&&) noexcept = default;
World& World::operator=(World&&) noexcept = default;

}  // namespace relocsim
