// transport_project: adds a link to the network, or opens, retimes or cancels a link of the data
// (by its name) from a year. Travel times and accessibility follow from the next network update.
#include <algorithm>

#include "engine/core/state_io.h"
#include "engine/levers/lever.h"
#include "engine/levers/types.h"
#include "engine/world/world.h"

namespace relocsim::levers {

namespace {

class TransportProject final : public Lever {
 public:
  using Lever::Lever;

  void apply(int year, World& w, PolicyState& /*policy*/) override {
    if (done_) return;
    const auto opens = static_cast<int>(number("year"));
    const std::string& action = text("action");
    auto& links = w.network.links();
    const std::string& link_name = text("link");
    if (action == "cancel") {
      // From the first year on, the named links never open (or close from `year`).
      for (auto& l : links) {
        if (l.name == link_name && (l.opens == 0 || l.opens >= opens)) l.planned = true;
        if (l.name == link_name && l.opens != 0 && l.opens < opens) l.closes = opens;
      }
      w.network.invalidate();
      done_ = true;
      return;
    }
    if (year != opens) return;
    if (!link_name.empty()) {
      for (auto& l : links) {
        if (l.name != link_name) continue;
        l.planned = false;
        l.opens = opens;
        if (number("minutes") > 0) l.minutes = number("minutes");
      }
    } else {
      NetworkLink l;
      l.from = zones("origin", w).front();
      l.to = zones("destination", w).front();
      l.mode = text("mode");
      l.name = spec().name;
      l.minutes = number("minutes");
      l.opens = opens;
      links.push_back(l);
    }
    w.network.invalidate();
    done_ = true;
  }

  void save(StateWriter& out) const override { out.field(done_); }
  void load(StateReader& in) override { in.field(done_); }

 private:
  bool done_ = false;
};

void validate(const LeverSpec& spec, const Scenario& scenario, DiagnosticSink& sink) {
  const auto& link = std::get<std::string>(spec.fields.at("link"));
  const auto& origin = std::get<std::string>(spec.fields.at("origin"));
  const auto& destination = std::get<std::string>(spec.fields.at("destination"));
  const double minutes = std::get<double>(spec.fields.at("minutes"));
  const auto& action = std::get<std::string>(spec.fields.at("action"));
  if (action != "open" && action != "cancel") {
    sink.error(spec.field_places.at("action"), "action '" + action + "' must be open or cancel");
  }
  if (std::get<double>(spec.fields.at("year")) == 0) {
    sink.error(spec.place, "transport_project '" + spec.name + "' needs the year it takes effect");
  }
  if (!link.empty() &&
      std::none_of(scenario.geography.links.begin(), scenario.geography.links.end(),
                   [&](const LinkSpec& l) { return l.name == link; })) {
    sink.error(spec.field_places.at("link"), "no link named '" + link + "' in the geography");
  }
  if (link.empty()) {
    if (action == "cancel") sink.error(spec.place, "cancel needs the name of a link of the data");
    if (origin.empty() || destination.empty() || minutes <= 0) {
      sink.error(spec.place,
                 "a new link needs origin, destination and minutes (or name a link of "
                 "the data with 'link')");
    }
  }
}

}  // namespace

const LeverType& transport_project_type() {
  static const LeverType type{
      "transport_project",
      "Adds a link to the network, or opens, retimes or cancels a link of the data, from a year.",
      "\"Beijing-Tianjin-Hebei on rails\": the Jing-Xiong, Jing-Zhang and Jing-Tang intercity "
      "lines, the Jin-Xiong intercity, the Pinggu line (Line 22), ...",
      {
          {"year", FieldKind::kYear, 0.0,
           "Year the project opens (or, when cancelled, from which it is gone)."},
          {"action", FieldKind::kText, std::string("open"), "open (default) or cancel."},
          {"link", FieldKind::kText, std::string{},
           "Name of a link of the data to open, retime or cancel."},
          {"origin", FieldKind::kZone, std::string{}, "New link: one end."},
          {"destination", FieldKind::kZone, std::string{}, "New link: the other end."},
          {"mode", FieldKind::kText, std::string("rail"), "New link: rail, metro or road."},
          {"minutes", FieldKind::kNumber, 0.0,
           "In-vehicle minutes (new link; for a named link, 0 keeps the data's).", false, 0, 10000},
      },
      [](const LeverSpec& spec, std::size_t index) -> std::unique_ptr<Lever> {
        return std::make_unique<TransportProject>(spec, index);
      },
      "- name: pinggu_line\n  type: transport_project\n  year: 2026\n"
      "  link: Beijing Subway Line 22 (Pinggu line)\n",
      &validate,
  };
  return type;
}

}  // namespace relocsim::levers
