// relocsim compare DIR_A DIR_B [DIR...] --out DIR: the runs side by side in compare.html and their
// headline differences (each run against the first) in differences.csv.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>

#include "relocsim/errors.h"
#include "relocsim/report.h"

namespace relocsim::app {

void setup_compare(CLI::App& sub, std::function<int()>& action) {
  struct Args {
    std::vector<std::string> runs;
    std::string out;
  };
  auto args = std::make_shared<Args>();
  sub.add_option("runs", args->runs,
                 "Output folders of two or more runs; the first is the reference")
      ->required();
  sub.add_option("--out", args->out, "Folder for compare.html and differences.csv")->required();
  sub.callback([&action, args] {
    action = [args] {
      if (args->runs.size() < 2) {
        throw InputError(Place{"relocsim compare", 0, 0},
                         "needs at least two output folders (DIR_A DIR_B [...] --out DIR)");
      }
      std::vector<std::filesystem::path> dirs(args->runs.begin(), args->runs.end());
      const std::filesystem::path out = args->out;
      output::write_comparison(dirs, out);
      fmt::print("relocsim: wrote {} and {}\n", (out / "compare.html").string(),
                 (out / "differences.csv").string());
      return 0;
    };
  });
}

}  // namespace relocsim::app
