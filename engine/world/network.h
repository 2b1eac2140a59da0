// The transport network: zones as vertices, links (mode, minutes, opening year) as edges of a
// Boost.Graph graph. Each year the open links give an all-pairs travel-time matrix (Dijkstra from
// every zone; intra-zone time from the zone's area) and accessibility A_i = sum_j jobs_j
// exp(-lambda t_ij).
#pragma once

#include <string>
#include <vector>

#include "engine/world/model.h"

namespace relocsim {

struct NetworkLink {
  ZoneId from;
  ZoneId to;
  std::string mode;
  std::string name;
  double minutes = 0;    // in-vehicle minutes
  int opens = 0;         // first year the link is usable; 0: always
  int closes = 0;        // first year it is no longer usable; 0: never
  bool planned = false;  // in the data but not open unless a lever opens it
};

class Network {
 public:
  Network() = default;
  Network(const Model& model, const Geography& geography);

  std::vector<NetworkLink>& links() { return links_; }
  const std::vector<NetworkLink>& links() const { return links_; }
  // Marks the travel times stale (after a lever changed links).
  void invalidate() { stale_ = true; }
  // Travel between zones of the same group (group[z] >= 0) takes factor[group] of its time
  // (integration zones). Marks the times stale when this changes.
  void set_group_factors(const std::vector<int>& group, const std::vector<double>& factor);
  bool stale() const { return stale_; }

  // Recomputes travel times for `year` when links changed or opened/closed since last time.
  // Returns whether anything changed.
  bool update(int year);
  // Recomputes accessibility from jobs by zone (any unit).
  void update_accessibility(const std::vector<double>& jobs, double decay);

  double minutes(ZoneId from, ZoneId to) const { return time_[from.get() * n_ + to.get()]; }
  const std::vector<double>& minutes_matrix() const { return time_; }
  const std::vector<double>& accessibility() const { return accessibility_; }
  double intra_minutes(ZoneId z) const { return intra_[z.get()]; }
  std::size_t zones() const { return n_; }

 private:
  std::size_t n_ = 0;
  std::vector<NetworkLink> links_;
  std::vector<double> intra_;
  std::vector<double> access_;  // per link: access minutes of its mode
  std::vector<double> time_;
  std::vector<double> accessibility_;
  std::vector<char> active_;  // which links were open at the last update
  std::vector<int> group_;
  std::vector<double> group_factor_;
  bool stale_ = true;
  const Geography* geography_ = nullptr;
};

}  // namespace relocsim
