// A fingerprint of the whole simulation state (agents, zones, network times, calibration), for
// determinism tests and for checking that a resumed run matches an uninterrupted one.
#pragma once

#include <string>

namespace relocsim {

struct World;

// Hex SHA-256 over every state column of the world.
std::string world_digest(const World& world);

}  // namespace relocsim
