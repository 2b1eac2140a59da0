// A small RFC 4180 CSV reader that keeps line numbers, so that data errors can name `file:line`.
//
//   CsvTable t = read_csv_file("scenarios/data/zones.csv");
//   std::size_t id = t.column("id", diagnostics);           // error if the column is missing
//   for (const CsvRow& row : t.rows) use(row.fields[id], row.line);
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relocsim/errors.h"

namespace relocsim {

struct CsvRow {
  int line = 0;  // 1-based line of the record's first character in the file
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string file;  // as given, for error places
  std::vector<std::string> header;
  std::vector<CsvRow> rows;

  // Index of a header column, or nullopt.
  std::optional<std::size_t> find(std::string_view name) const;
  // Index of a required column; reports "file:1: missing column 'name'" to sink when absent.
  std::optional<std::size_t> column(std::string_view name, DiagnosticSink& sink) const;
  Place place(const CsvRow& row) const { return Place{file, row.line, 0}; }
};

// Parses CSV text; `file` names it in errors. Throws InputError on malformed quoting or on rows
// whose field count differs from the header's.
CsvTable parse_csv(std::string_view text, const std::string& file);
// Reads and parses a file; throws InputError when it cannot be read.
CsvTable read_csv_file(const std::filesystem::path& path);

// Parses a whole field as a finite double; nullopt when it is not one (empty included).
std::optional<double> parse_double(std::string_view field);
// Parses a whole field as an integer; nullopt when it is not one.
std::optional<long long> parse_integer(std::string_view field);

// Quotes a field for CSV output when it needs it.
std::string csv_escape(std::string_view field);

}  // namespace relocsim
