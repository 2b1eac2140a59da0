// relocsim report DIR [--top-flows N] [--flow-years N]: rebuilds report.html and zones.geojson of
// an output folder from its metrics.csv, flows.csv and summary.json.
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>

#include "relocsim/report.h"

namespace relocsim::app {

void setup_report(CLI::App& sub, std::function<int()>& action) {
  struct Args {
    std::string dir;
    output::ReportOptions options;
  };
  auto args = std::make_shared<Args>();
  sub.add_option("dir", args->dir, "Output folder of a run (metrics.csv, flows.csv, summary.json)")
      ->required();
  sub.add_option("--top-flows", args->options.top_flows,
                 "Largest flows drawn on the map, per agent kind (default 12)")
      ->check(CLI::Range(0, 1000));
  sub.add_option("--flow-years", args->options.flow_years,
                 "Sum flows over the last N years of the run (default 0: all years)")
      ->check(CLI::Range(0, 1000));
  sub.callback([&action, args] {
    action = [args] {
      const std::filesystem::path dir = args->dir;
      output::write_report(dir, args->options);
      output::write_zones_geojson(dir);
      fmt::print("relocsim: wrote {} and {}\n", (dir / "report.html").string(),
                 (dir / "zones.geojson").string());
      return 0;
    };
  });
}

}  // namespace relocsim::app
