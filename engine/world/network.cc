#include "engine/world/network.h"

#include <Eigen/Dense>
#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cmath>
#include <limits>

namespace relocsim {

Network::Network(const Model& model, const Geography& geography)
    : n_(model.zone_count()), geography_(&geography) {
  intra_.resize(n_);
  for (std::size_t z = 0; z < n_; ++z) {
    const double area = model.zones[z].area_km2;
    intra_[z] = area > 0 ? std::clamp(geography.intra_minutes_per_sqrt_km2 * std::sqrt(area),
                                      geography.intra_min, geography.intra_max)
                         : geography.intra_default;
  }
  for (const auto& l : geography.links) {
    NetworkLink link;
    link.from = model.find_zone(l.from);
    link.to = model.find_zone(l.to);
    link.mode = l.mode;
    link.name = l.name;
    link.minutes = l.minutes;
    link.opens = l.opened.value_or(0);
    link.planned = l.status != "open" || (geography.open_links_until && l.opened &&
                                          *l.opened > *geography.open_links_until);
    links_.push_back(std::move(link));
  }
  time_.assign(n_ * n_, 0.0);
  accessibility_.assign(n_, 0.0);
}

bool Network::update(int year) {
  std::vector<char> active(links_.size());
  for (std::size_t k = 0; k < links_.size(); ++k) {
    const auto& l = links_[k];
    active[k] =
        !l.planned && (l.opens == 0 || l.opens <= year) && (l.closes == 0 || year < l.closes);
  }
  if (!stale_ && active == active_) return false;
  active_ = active;
  stale_ = false;

  using Graph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                            boost::property<boost::edge_weight_t, double>>;
  Graph graph(n_);
  for (std::size_t k = 0; k < links_.size(); ++k) {
    if (!active[k]) continue;
    const auto& l = links_[k];
    const auto it = geography_->access_minutes.find(l.mode);
    const double access = it == geography_->access_minutes.end() ? 0.0 : it->second;
    boost::add_edge(l.from.get(), l.to.get(), l.minutes + access, graph);
  }
  std::vector<double> distance(n_);
  const double unreachable = 24 * 60;
  for (std::size_t source = 0; source < n_; ++source) {
    boost::dijkstra_shortest_paths(graph, source,
                                   boost::distance_map(boost::make_iterator_property_map(
                                       distance.begin(), boost::get(boost::vertex_index, graph))));
    for (std::size_t target = 0; target < n_; ++target) {
      double t = distance[target];
      if (!(t < unreachable)) t = unreachable;
      if (source != target && !group_.empty() && group_[source] >= 0 &&
          group_[source] == group_[target]) {
        t *= group_factor_[static_cast<std::size_t>(group_[source])];
      }
      time_[source * n_ + target] = source == target ? intra_[source] : t;
    }
  }
  return true;
}

void Network::set_group_factors(const std::vector<int>& group, const std::vector<double>& factor) {
  if (group == group_ && factor == group_factor_) return;
  group_ = group;
  group_factor_ = factor;
  stale_ = true;
}

void Network::update_accessibility(const std::vector<double>& jobs, double decay) {
  const auto n = static_cast<Eigen::Index>(n_);
  Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> t(
      time_.data(), n, n);
  Eigen::Map<const Eigen::VectorXd> e(jobs.data(), n);
  Eigen::Map<Eigen::VectorXd> a(accessibility_.data(), n);
  a = (-decay * t.array()).exp().matrix() * e;
}

}  // namespace relocsim
