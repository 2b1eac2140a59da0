// The typed, validated scenario: everything a run needs, read once from YAML and never again.
// Nothing downstream of the loader sees YAML; processes read these plain structs.
//
//   relocsim::Scenario s = relocsim::load_scenario("scenarios/baseline.yaml", {"scenario.seed=7"});
//   s.info.end_year;  s.geography.zones[0].id;  s.behaviour.household.b_time;
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "relocsim/errors.h"

namespace relocsim {

inline constexpr int kAgeBands = 4;  // 0-17, 18-34, 35-59, 60+
inline constexpr int kIncomeQuintiles = 5;

struct ScenarioInfo {
  std::string name;
  std::string description;
  int start_year = 2010;
  int end_year = 2035;
  std::uint64_t seed = 1;
  double scale = 0.01;  // resident agents per real person
  // Firm agents per real firm; 0: min(1, 10 x scale). Finer than `scale` so that one firm agent
  // is a small part of a zone's jobs even at small scales.
  double firm_scale = 0;
};

struct ZoneSpec {
  std::string id;
  std::string name;
  std::string province;         // Beijing, Tianjin, Hebei
  std::string functional_area;  // core, central_urban, sub_center, ...
  double lat = 0;
  double lon = 0;
  std::optional<double> area_km2;
  double residents = 0;  // base-year residents, persons
  std::string note;
  Place place;
};

struct GroupSpec {
  std::string id;
  std::vector<std::string> zones;  // zone ids, expanded (groups of groups are resolved)
  std::string description;
};

struct LinkSpec {
  std::string from;
  std::string to;
  std::string mode;  // rail, metro, road
  double minutes = 0;
  std::optional<int> opened;  // year; none = open since before the horizon
  std::string status;         // open, under_construction, unknown
  std::string name;
  Place place;
};

struct Geography {
  std::vector<ZoneSpec> zones;
  std::vector<GroupSpec> groups;
  std::vector<LinkSpec> links;
  // Links of the data that open after this year are treated as planned: they open only through a
  // transport_project lever (so that rail projects are policy, not trend). None: all as dated.
  std::optional<int> open_links_until;
  // Minutes added to every trip that uses a link of the mode (access, waiting, egress).
  std::map<std::string, double> access_minutes;
  // Intra-zone trip time: minutes_per_sqrt_km2 * sqrt(area), clamped; `intra_default` when the
  // area is unknown.
  double intra_minutes_per_sqrt_km2 = 1.0;
  double intra_min = 8;
  double intra_max = 40;
  double intra_default = 30;
};

struct SectorSpec {
  std::string id;
  std::string name;
  bool capital_function = false;    // part of the capital's core functions (kept in the core)
  bool institutional = false;       // jobs only in institutions (no firms of this sector)
  bool sampled = true;              // false: every firm is one agent whatever the scale
  double mean_firm_size = 10;       // jobs per establishment
  double exit_rate = 0.05;          // base yearly hazard of closing
  double relocation_rate = 0.02;    // base yearly hazard of moving
  double value_added_per_job = 10;  // 10k yuan per job and year
  Place place;
};

struct KindSpec {
  std::string id;
  std::string name;
  std::string sector;  // the sector its staff count in
  bool capital_function = false;
  std::string service;  // school, hospital, elderly or empty: what its capacity serves
  Place place;
};

struct InstitutionSpec {
  std::string kind;
  std::vector<std::string> zones;  // zone ids (groups expanded); bodies spread over them
  std::vector<double> weights;     // optional share per zone (default: by residents)
  int count = 0;
  double staff = 0;     // per body
  double capacity = 0;  // seats / beds per body
  std::string ownership;
  Place place;
};

// Firms enumerated one by one (e.g. central SOE headquarters and their subsidiaries) rather than
// synthesised from sector shares; their jobs are taken from the zone's firm jobs.
struct FirmGroupSpec {
  std::string sector;
  std::vector<std::string> zones;
  std::vector<double> weights;
  int count = 0;
  double jobs = 0;  // per firm
  std::string ownership = "private";
  std::string tier = "headquarters";
  Place place;
};

// Yearly rates per person for one province from `from` until the next entry's `from`.
struct ProvinceTrend {
  std::string province;
  int from = 0;
  double birth_rate = 0;
  double death_rate = 0;
  double immigration_rate = 0;
  double emigration_rate = 0;
  Place place;
};

struct SectorGrowth {
  std::string sector;
  std::string province;  // empty: every province
  int from = 0;
  double rate = 0;  // yearly change of jobs
  Place place;
};

struct FunctionalAreaProfile {
  std::string area;
  double job_density = 1.0;                     // jobs per resident worker, relative
  std::map<std::string, double> sector_shares;  // of firm jobs
  std::vector<double> income_shares;            // by quintile
  Place place;
};

struct ProvinceProfile {
  std::string province;
  std::vector<double> age_shares;  // by age band
  double local_hukou_share = 1.0;
  double employment_rate = 0.7;      // of working-age residents
  double participation_rate = 0.75;  // of working-age residents in the labour force
  Place place;
};

struct PopulationSpec {
  std::vector<ProvinceProfile> provinces;
  std::vector<FunctionalAreaProfile> areas;
  std::vector<SectorSpec> sectors;
  std::vector<KindSpec> kinds;
  std::vector<InstitutionSpec> institutions;
  std::vector<FirmGroupSpec> firms;
  std::vector<ProvinceTrend> trends;
  std::vector<SectorGrowth> sector_growth;
  int working_age_min = 18;
  int retirement_age = 60;
  double job_vacancy_rate = 0.03;         // vacant positions over filled, base year
  double housing_vacancy_rate = 0.03;     // vacant housing over occupied, base year
  double floorspace_vacancy_rate = 0.05;  // vacant commercial floorspace over occupied
  double school_seats_per_child = 1.0;
  double hospital_beds_per_1000 = 5.0;
  double elderly_beds_per_senior = 0.03;
  std::vector<double> mortality_by_age;   // relative risk by age band
  std::vector<double> emigration_by_age;  // relative propensity by age band
  std::vector<double> fertility_ages = {20, 39};
  double commute_decay = 0.08;  // per minute, gravity model of the base-year commute
};

struct HouseholdBehaviour {
  // Relocation hazard: logistic(intercept + age + b_commute * minutes + b_rent * log rent + ...)
  double hazard_intercept = -3.2;
  std::vector<double> hazard_age = {0.0, 0.6, -0.2, -0.6};
  double hazard_commute = 0.01;  // per commute minute above 30
  double hazard_rent = 0.5;      // per log rent index
  double hazard_push = 1.0;      // per unit of policy push at home
  double hazard_follow = 2.0;    // when the employer moved away this year
  // Destination utility.
  double b_time = -0.04;                                        // per minute to work
  std::vector<double> b_rent = {-1.5, -1.2, -1.0, -0.8, -0.6};  // by income quintile
  std::vector<double> b_edu = {0.8, 0.3, 0.5, 0.0};             // by age band
  std::vector<double> b_health = {0.2, 0.1, 0.3, 0.8};          // by age band
  double b_amenity = 1.0;
  double b_env = 0.5;
  double b_stay = 2.0;       // staying in the origin zone
  double b_province = -1.0;  // moving to another province without local registration
  double b_bonus = 1.0;      // per unit of lever bonus
  double b_vacancy = 0.5;    // per log vacant homes: movers go where homes are free
};

struct FirmBehaviour {
  double hazard_rent = 0.8;  // relocation hazard per log commercial rent
  double hazard_push = 1.5;  // per unit of policy push on the sector in the zone
  double b_acc = 0.3;        // log accessibility
  double b_agg = 0.3;        // log(1 + jobs of the sector)
  double b_rent = -0.8;      // log commercial rent index
  double b_sub = 0.5;        // per 10k yuan of subsidy per job
  double b_dist = -0.01;     // per minute from the origin
  double b_stay = 1.0;       // moving within the origin zone
  double b_bonus = 1.0;      // per unit of lever bonus
  double b_space = 1.0;      // per log vacant floorspace: firms go where premises are free
  // Share of the positions left open beyond the normal vacancy that a firm withdraws each year.
  double vacancy_withdrawal = 0.5;
  // Withdrawal starts where a zone and sector's open positions exceed this many times the normal
  // vacancy rate.
  double vacancy_tolerance = 8.0;
};

struct LabourBehaviour {
  double b_time = -0.08;            // per commute minute
  double b_vacancy = 1.0;           // per log vacancies in the work zone
  double quit_minutes = 60;         // commute beyond which staff of a moved employer may quit
  double quit_slope = 0.05;         // logistic slope of quitting per minute beyond quit_minutes
  double max_commute_minutes = 90;  // seekers do not take jobs farther than this from home
  double search_success = 0.55;     // share of the unemployed who find a job offer in a year
  int rounds = 3;
};

struct MarketBehaviour {
  double housing_eta = 0.5;  // rent elasticity to demand over supply
  double commercial_eta = 0.5;
  double rent_step_max = 0.10;        // largest yearly relative change of a rent index
  int rounds = 4;                     // within-year rounds of choice and clearing
  double housing_supply_speed = 1.0;  // share of the shortfall to target vacancy built per year
  double floorspace_supply_speed = 1.0;
  double supply_growth_max = 0.05;  // yearly growth cap of capacity
};

struct ServiceBehaviour {
  double gamma = 0.5;  // quality elasticity to capacity over users
};

struct NetworkBehaviour {
  double accessibility_decay = 0.03;  // per minute
};

struct CalibrationSpec {
  int iterations = 200;
  double tolerance = 1e-6;
};

struct Behaviour {
  HouseholdBehaviour household;
  FirmBehaviour firm;
  LabourBehaviour labour;
  MarketBehaviour market;
  ServiceBehaviour services;
  NetworkBehaviour network;
  CalibrationSpec calibration;
};

// A lever's value: the kinds of fields a lever type can declare.
using Schedule = std::vector<std::pair<int, double>>;  // (year, value), sorted by year
using FieldValue = std::variant<bool, double, std::string, std::vector<std::string>, Schedule>;

struct LeverSpec {
  std::string name;
  std::string type;
  std::string description;
  Place place;
  std::map<std::string, FieldValue> fields;   // every field of the type, defaults filled
  std::map<std::string, Place> field_places;  // where each given field was written
};

struct TargetSpec {
  std::string id;
  std::string zone;  // zone id, group id or "region"
  std::string metric;
  int year = 0;
  std::string kind;  // max or min
  double value = 0;
  std::string description;
  Place place;
};

struct OutputSpec {
  bool flows = true;
  bool report = true;
};

struct Scenario {
  std::string path;  // the file it was loaded from
  ScenarioInfo info;
  Geography geography;
  PopulationSpec population;
  Behaviour behaviour;
  std::vector<LeverSpec> levers;
  std::vector<TargetSpec> targets;
  OutputSpec outputs;
  std::string resolved_yaml;  // the fully expanded input: extends merged, CSVs inlined, defaults
  std::string sha256;         // of resolved_yaml
};

// Loads, merges (`extends`), applies command-line overrides ("path=value") and validates a
// scenario. Throws InputError listing every problem with its place.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

}  // namespace relocsim
