// Errors at the input boundary: every refusal of bad user input names its place.
//
//   throw InputError(Place{"baseline.yaml", 12, 5}, "unknown key 'sed' (did you mean 'seed'?)");
//   -> "baseline.yaml:12:5: unknown key 'sed' (did you mean 'seed'?)"
//
// InputError is caught only in apps/, which maps it to exit code 2. Bugs are assertions instead.
#pragma once

#include <exception>
#include <string>
#include <vector>

namespace relocsim {

// Where a value came from: a file with line and column (1-based; 0 when unknown), or a label such
// as
// "--set scenario.seed=x" for values given on the command line.
struct Place {
  std::string file;
  int line = 0;
  int column = 0;

  // "file:line:column", "file:line" or "file", whichever parts are known.
  std::string str() const;
};

struct Diagnostic {
  Place place;
  std::string message;

  // "place: message"
  std::string str() const;
};

// Bad user input, with every independent problem found at once.
class InputError : public std::exception {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  InputError(Place place, std::string message);

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  // All diagnostics, one per line.
  const char* what() const noexcept override { return text_.c_str(); }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::string text_;
};

// Collects diagnostics while a file is read, so that all independent errors are reported together.
class DiagnosticSink {
 public:
  void error(Place place, std::string message);
  bool empty() const { return diagnostics_.empty(); }
  std::size_t size() const { return diagnostics_.size(); }
  // Throws InputError with everything collected, if anything was.
  void throw_if_any() const;

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace relocsim
