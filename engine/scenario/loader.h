// From a scenario file to one merged ConfigNode tree: `extends` chains resolved (child over
// parent), CSV data files inlined (so the resolved scenario stands alone), --set overrides applied.
// Typed parsing (parse.h) then turns the tree into a Scenario.
#pragma once

#include <string>
#include <vector>

#include "engine/scenario/config_node.h"

namespace relocsim::scenario {

// Loads `path` and every file it extends; merges them. Lists of named items (maps with `name` or
// `id`) merge by name, other lists and scalars are replaced; a top-level `replace: [key, ...]`
// makes the listed top-level keys replace the parent's instead of merging.
ConfigNode load_merged(const std::string& path);

// Replaces `geography.zones` and `geography.links` given as {file: ...} by the CSV rows.
void inline_data_files(ConfigNode& root);

// Applies "path=value" (path like `behaviour.household.b_rent`, `levers[0].share`,
// `levers[xiongan_hq].share`); the value is read as YAML. Throws InputError on a malformed
// override or a path that leads nowhere.
void apply_override(ConfigNode& root, const std::string& assignment);

// Hex SHA-256 of a text.
std::string sha256_hex(const std::string& text);

}  // namespace relocsim::scenario
