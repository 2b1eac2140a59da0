// The world's evolving state in and out of a checkpoint: agent stores, zone state, network links,
// calibrated constants, policy knobs, tallies and census. What is rebuilt from the scenario (the
// Model, the processes' base-year tables) is not saved: a checkpoint is loaded into a world built
// afresh from the same scenario.
//
//   save_world(writer, sim.world());
//   ...
//   World w = build_world(scenario, threads);   // then calibrate, as the Simulation does
//   load_world(reader, w);
//
// engine/world/world_io.cc lists the members of each struct in one function per struct, used for
// saving, loading and the layout check below; a member added to a store without being listed
// there makes WorldIo.ListsEveryMemberOfEveryStruct (tests/checkpoint/world_io_test.cc) fail.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace relocsim {

struct World;
class StateWriter;
class StateReader;

// Writes every evolving member of `world` (levers' own state excepted: see Lever::save).
void save_world(StateWriter& out, const World& world);
// Reads what save_world wrote into a world built from the same scenario. Throws StateError when
// the state does not fit that world (other zone or sector counts, other seed).
void load_world(StateReader& in, World& world);

// For each struct that world_io lists, the size its listed members make (laid out in order, with
// alignment) and the struct's actual size: they differ when a member was added or removed without
// updating world_io.cc.
struct LayoutCheck {
  std::string name;
  std::size_t listed = 0;
  std::size_t actual = 0;
};
std::vector<LayoutCheck> world_io_layout_checks();

}  // namespace relocsim
