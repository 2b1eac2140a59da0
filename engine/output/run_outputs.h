// The files of an output folder: summary.json's content, and writing the folder so that files
// appear only complete and a failed run leaves the folder as it was.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "engine/output/metrics_table.h"
#include "relocsim/scenario.h"

namespace relocsim {
struct World;
}

namespace relocsim::output {

struct RunInfo {
  int threads = 1;
  double runtime_seconds = 0;
  std::string command_line;  // of the run that started it
  // A resumed run: the year it continued from and the command that resumed it (0 and empty
  // otherwise).
  int resumed_from_year = 0;
  std::string resumed_command_line;
  std::uint64_t residents = 0;
  std::uint64_t firms = 0;
  std::uint64_t institutions = 0;
};

std::string summary_json(const Scenario& scenario, const World& world, const MetricsTable& metrics,
                         const RunInfo& info);

// targets.csv: one row per target of the scenario, whether the run met it.
// Refuses targets whose metric the run does not record for their zone (checked on the base year's
// metrics, before anything is written): InputError at the target's place, with the nearest name.
void check_target_metrics(const Scenario& s, const MetricsTable& base_year);

std::string targets_csv(const Scenario& scenario, const MetricsTable& metrics);

// The files relocsim writes into an output folder (others belong to the user).
const std::vector<std::string>& known_output_files();

// Checks that `out` can take a run's outputs: it does not exist, is empty, or holds only files
// relocsim wrote (any other file needs `force`). Throws InputError otherwise.
void check_output_folder(const std::filesystem::path& out, bool force);

// Removes what runs that died mid-write (SIGKILL, power loss) left in `out`: entries named
// ".relocsim-<what>-<pid>..." whose process no longer exists. Called after a successful write, so
// that a refused or failed run leaves the folder as it was.
void remove_dead_leftovers(const std::filesystem::path& out);

// Writes every (name, content) into `out`, then the report and zones.geojson built from them
// (when `report`). Everything is first written into a staging folder inside `out` and then renamed
// into place file by file, so a reader never sees half a file and a failure leaves `out` as it
// was (a folder this call created is removed again).
void write_output_folder(const std::filesystem::path& out,
                         const std::vector<std::pair<std::string, std::string>>& files,
                         bool report);

}  // namespace relocsim::output
