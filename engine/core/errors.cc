#include "relocsim/errors.h"

#include <utility>

namespace relocsim {

std::string Place::str() const {
  std::string s = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    s += ':' + std::to_string(line);
    if (column > 0) s += ':' + std::to_string(column);
  }
  return s;
}

std::string Diagnostic::str() const { return place.str() + ": " + message; }

InputError::InputError(std::vector<Diagnostic> diagnostics) : diagnostics_(std::move(diagnostics)) {
  for (const auto& d : diagnostics_) {
    if (!text_.empty()) text_ += '\n';
    text_ += d.str();
  }
}

InputError::InputError(Place place, std::string message)
    : InputError(std::vector<Diagnostic>{Diagnostic{std::move(place), std::move(message)}}) {}

void DiagnosticSink::error(Place place, std::string message) {
  diagnostics_.push_back(Diagnostic{std::move(place), std::move(message)});
}

void DiagnosticSink::throw_if_any() const {
  if (!diagnostics_.empty()) throw InputError(diagnostics_);
}

}  // namespace relocsim
