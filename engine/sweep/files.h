// Reading design.csv and y.csv with each row's line kept, so that checks made after reading (the
// design's structure) can still name `file:line`.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "relocsim/errors.h"
#include "relocsim/sweep.h"

namespace relocsim::sweep {

struct DesignFile {
  std::string file;
  Matrix design;           // columns in factor order
  std::vector<int> lines;  // line of each row
  Place place(std::size_t row) const {
    return row < lines.size() ? Place{file, lines[row], 0} : Place{file, 0, 0};
  }
};
DesignFile read_design_file(const std::filesystem::path& path, std::span<const Factor> factors);

struct OutputsFile {
  std::string file;
  OutputTable table;
  std::vector<int> lines;
};
OutputsFile read_outputs_file(const std::filesystem::path& path);

}  // namespace relocsim::sweep
