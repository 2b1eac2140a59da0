// Checkpoints: the whole state of a run in one file, checkpoint.bin in the output folder, written
// every N simulated years (`relocsim run --checkpoint-every N`) and read back by `relocsim resume`.
// The format and its guarantees are in docs/checkpoints.md.
//
//   write_checkpoint(out, sim, run);                 // out/checkpoint.bin, atomically
//   CheckpointFile file(out / kCheckpointFileName);  // verified: magic, length, checksum, version
//   Scenario s = ...file.header().scenario_yaml...;  // the run's resolved scenario
//   Simulation sim(s, threads);
//   file.restore(sim);                               // now at file.header().year
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

namespace relocsim {

class Simulation;

inline constexpr const char* kCheckpointFileName = "checkpoint.bin";
// Bumped whenever the layout of the file or of any saved state changes.
inline constexpr std::uint32_t kCheckpointFormat = 1;

// What a checkpoint records about the run besides the simulation's state.
struct CheckpointRun {
  std::string command_line;     // of the run that started it, for summary.json
  int threads = 1;              // resumed with the same count unless told otherwise
  int checkpoint_every = 0;     // years
  double elapsed_seconds = 0;   // run time up to the checkpoint
  std::uint64_t residents = 0;  // agents at the start of the run
  std::uint64_t firms = 0;
  std::uint64_t institutions = 0;
};

struct CheckpointHeader {
  std::uint32_t format = 0;
  std::string version;          // relocsim's git description
  std::string scenario_sha256;  // of scenario_yaml
  std::string scenario_yaml;    // the resolved scenario the run was started with
  int year = 0;                 // the last simulated year
  std::uint64_t seed = 0;
  double scale = 0;
  CheckpointRun run;
};

// Writes the state of `sim` into folder/checkpoint.bin, through a temporary file (a name starting
// with ".relocsim-") renamed over it when complete. Returns the file's size in bytes.
std::uint64_t write_checkpoint(const std::filesystem::path& folder, const Simulation& sim,
                               const CheckpointRun& run);

// A checkpoint file, opened and verified.
class CheckpointFile {
 public:
  // Verifies `path` (relocsim's magic bytes, complete length, SHA-256 checksum, format, byte order,
  // relocsim version) and reads its header. Throws InputError naming the file and what is wrong.
  explicit CheckpointFile(const std::filesystem::path& path);
  ~CheckpointFile();
  CheckpointFile(const CheckpointFile&) = delete;
  CheckpointFile& operator=(const CheckpointFile&) = delete;

  const CheckpointHeader& header() const { return header_; }
  // Restores the saved state into `sim`, built from the header's scenario. Throws InputError when
  // the state does not fit it.
  void restore(Simulation& sim);

 private:
  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::uint64_t body_ = 0;  // bytes before the trailer
  std::uint64_t state_offset_ = 0;
  CheckpointHeader header_;
};

}  // namespace relocsim
