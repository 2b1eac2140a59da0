// design.csv and y.csv: writing designs, reading designs and outputs back with every problem placed
// at `file:line`.
#include "engine/sweep/files.h"

#include <fmt/core.h>

#include <algorithm>
#include <iterator>
#include <map>

#include "engine/core/csv.h"

namespace relocsim::sweep {

namespace {

// Collects cell problems but stops listing them after a screenful.
class CellProblems {
 public:
  explicit CellProblems(std::string file) : file_(std::move(file)) {}
  void error(Place place, std::string message) {
    if (++count_ <= kShown) sink_.error(std::move(place), std::move(message));
  }
  void throw_if_any() {
    if (count_ > kShown) {
      sink_.error(Place{file_, 0, 0}, fmt::format("{} more problems not shown", count_ - kShown));
    }
    sink_.throw_if_any();
  }

 private:
  static constexpr std::size_t kShown = 20;
  std::string file_;
  DiagnosticSink sink_;
  std::size_t count_ = 0;
};

std::string outside_message(const Factor& f, double x) {
  switch (f.distribution) {
    case Distribution::kUniform:
    case Distribution::kTriangular:
      return fmt::format("{} is outside the factor's range [{}, {}]", x, f.min, f.max);
    case Distribution::kLognormal:
      return fmt::format("{} is not positive, as a lognormal factor's values are", x);
    case Distribution::kLevels: {
      std::string levels;
      for (double level : f.levels)
        levels += fmt::format("{}{}", levels.empty() ? "" : ", ", level);
      return fmt::format("{} is not one of the factor's levels ({})", x, levels);
    }
    case Distribution::kNormal:
      break;
  }
  return fmt::format("{} is not a value of the factor", x);
}

std::string factor_list(std::span<const Factor> factors) {
  std::string out;
  for (const Factor& f : factors) {
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  return out;
}

// Files from tools that write bare numbers (SALib's, say) have no header; say so rather than report
// columns named "0.25".
void require_header(const CsvTable& table, std::string_view example) {
  const bool all_numbers =
      std::all_of(table.header.begin(), table.header.end(),
                  [](const std::string& field) { return parse_double(field).has_value(); });
  if (!all_numbers) return;
  throw InputError(Place{table.file, 1, 0},
                   fmt::format("the first line must name the columns, but it holds numbers: add a "
                               "header line such as '{}'",
                               example));
}

}  // namespace

std::string design_csv(std::span<const Factor> factors, const Matrix& design) {
  std::string out;
  for (std::size_t j = 0; j < factors.size(); ++j) {
    if (j) out += ',';
    out += csv_escape(factors[j].name);
  }
  out += '\n';
  for (std::size_t r = 0; r < design.rows(); ++r) {
    const auto row = design.row(r);
    for (std::size_t j = 0; j < row.size(); ++j) {
      if (j) out += ',';
      fmt::format_to(std::back_inserter(out), "{}", row[j]);
    }
    out += '\n';
  }
  return out;
}

DesignFile read_design_file(const std::filesystem::path& path, std::span<const Factor> factors) {
  const CsvTable table = read_csv_file(path);
  std::string names;
  for (const Factor& f : factors) {
    if (!names.empty()) names += ',';
    names += f.name;
  }
  require_header(table, names);
  DiagnosticSink sink;
  // column_of[j]: the file's column holding factor j.
  std::vector<std::size_t> column_of(factors.size());
  std::map<std::string, std::size_t, std::less<>> seen;
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    const std::string& name = table.header[c];
    const auto it = std::find_if(factors.begin(), factors.end(),
                                 [&](const Factor& f) { return f.name == name; });
    if (it == factors.end()) {
      sink.error(Place{table.file, 1, 0}, fmt::format("column '{}' is not a factor (factors: {})",
                                                      name, factor_list(factors)));
    } else if (!seen.emplace(name, c).second) {
      sink.error(Place{table.file, 1, 0}, fmt::format("column '{}' appears twice", name));
    } else {
      column_of[static_cast<std::size_t>(it - factors.begin())] = c;
    }
  }
  for (const Factor& f : factors) {
    if (!seen.contains(f.name)) {
      sink.error(Place{table.file, 1, 0}, fmt::format("missing column '{}'", f.name));
    }
  }
  sink.throw_if_any();
  if (table.rows.empty()) throw InputError(Place{table.file, 1, 0}, "the design has no rows");

  DesignFile out;
  out.file = table.file;
  out.design = Matrix(table.rows.size(), factors.size());
  CellProblems problems(table.file);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    out.lines.push_back(row.line);
    for (std::size_t j = 0; j < factors.size(); ++j) {
      const std::string& field = row.fields[column_of[j]];
      const auto x = parse_double(field);
      if (!x) {
        problems.error(table.place(row),
                       fmt::format("column '{}': '{}' is not a number", factors[j].name, field));
      } else if (!factors[j].contains(*x)) {
        problems.error(table.place(row), fmt::format("column '{}': {}", factors[j].name,
                                                     outside_message(factors[j], *x)));
      } else {
        out.design(r, j) = *x;
      }
    }
  }
  problems.throw_if_any();
  return out;
}

Matrix read_design(const std::filesystem::path& path, std::span<const Factor> factors) {
  return read_design_file(path, factors).design;
}

OutputsFile read_outputs_file(const std::filesystem::path& path) {
  const CsvTable table = read_csv_file(path);
  require_header(table, "y");
  DiagnosticSink sink;
  std::map<std::string, int, std::less<>> seen;
  for (const std::string& name : table.header) {
    if (name.empty()) {
      sink.error(Place{table.file, 1, 0}, "an output column has no name");
    } else if (!seen.emplace(name, 0).second) {
      sink.error(Place{table.file, 1, 0}, fmt::format("column '{}' appears twice", name));
    }
  }
  sink.throw_if_any();
  if (table.rows.empty()) throw InputError(Place{table.file, 1, 0}, "the outputs have no rows");

  OutputsFile out;
  out.file = table.file;
  out.table.names = table.header;
  out.table.values = Matrix(table.rows.size(), table.header.size());
  CellProblems problems(table.file);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    out.lines.push_back(row.line);
    for (std::size_t c = 0; c < table.header.size(); ++c) {
      if (const auto y = parse_double(row.fields[c])) {
        out.table.values(r, c) = *y;
      } else {
        problems.error(table.place(row), fmt::format("column '{}': '{}' is not a number",
                                                     table.header[c], row.fields[c]));
      }
    }
  }
  problems.throw_if_any();
  return out;
}

OutputTable read_outputs(const std::filesystem::path& path) {
  return read_outputs_file(path).table;
}

}  // namespace relocsim::sweep
