// SweepJournal: the output folder of a sweep. Each finished run is one small file, written to a
// temporary name, flushed to disk and renamed, so that a sweep killed at any moment (kill -9
// included) leaves only whole records; a restarted sweep reads them and runs the rest.
#include <fcntl.h>
#include <fmt/core.h>
#include <sys/file.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "engine/core/atomic_file.h"
#include "relocsim/sweep.h"

namespace relocsim::sweep {

namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The first line where two texts differ, for a message.
std::pair<std::string, std::string> first_difference(std::string_view a, std::string_view b) {
  std::istringstream sa{std::string(a)};
  std::istringstream sb{std::string(b)};
  std::string la;
  std::string lb;
  while (true) {
    const bool ha = static_cast<bool>(std::getline(sa, la));
    const bool hb = static_cast<bool>(std::getline(sb, lb));
    if (!ha && !hb) return {"", ""};
    if (!ha) la = "(nothing)";
    if (!hb) lb = "(nothing)";
    if (la != lb || !ha || !hb) return {la, lb};
  }
}

// "000042.csv" -> 42.
std::optional<std::size_t> record_id(const std::string& name) {
  if (name.size() <= 4 || !name.ends_with(".csv")) return std::nullopt;
  std::size_t id = 0;
  for (std::size_t i = 0; i + 4 < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9' || i > 18) return std::nullopt;
    id = id * 10 + static_cast<std::size_t>(name[i] - '0');
  }
  return id;
}

std::filesystem::path record_path(const std::filesystem::path& dir, std::size_t id) {
  return dir / "journal" / fmt::format("{:06}.csv", id);
}

}  // namespace

SweepJournal::SweepJournal(std::filesystem::path dir, const SweepPlan& plan, std::string_view key)
    : dir_(std::move(dir)), plan_(&plan) {
  namespace fs = std::filesystem;
  const fs::path key_file = dir_ / "sweep.key";
  std::error_code ec;
  if (fs::exists(dir_, ec) && !fs::is_directory(dir_, ec)) {
    throw InputError(Place{dir_.string(), 0, 0}, "the sweep's output folder is a file");
  }
  if (fs::exists(dir_, ec) && !fs::is_empty(dir_, ec) && !fs::exists(key_file, ec) &&
      !fs::exists(dir_ / "sweep.lock", ec)) {
    throw InputError(Place{dir_.string(), 0, 0},
                     "the folder holds files but no sweep.key, so it is not a sweep's folder: "
                     "choose another --out");
  }
  fs::create_directories(dir_ / "journal");
  const fs::path lock_file = dir_ / "sweep.lock";
  lock_fd_ = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) throw std::runtime_error("cannot open " + lock_file.string());
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd_);
    throw InputError(Place{dir_.string(), 0, 0},
                     "another relocsim sweep is running into this folder (it holds sweep.lock)");
  }
  try {
    open_locked(key);
  } catch (...) {
    ::close(lock_fd_);
    throw;
  }
}

void SweepJournal::open_locked(std::string_view key) {
  namespace fs = std::filesystem;
  const fs::path key_file = dir_ / "sweep.key";
  std::error_code ec;
  if (fs::exists(key_file, ec)) {
    const std::string held = read_text(key_file);
    if (held != key) {
      const auto [theirs, ours] = first_difference(held, key);
      throw InputError(Place{key_file.string(), 0, 0},
                       fmt::format("the folder holds another sweep (it has '{}' where this one "
                                   "has '{}'): choose another --out, or delete the folder to "
                                   "start again",
                                   theirs, ours));
    }
  } else {
    write_file_atomically(key_file, key);
  }
  for (const auto& entry : fs::directory_iterator(dir_ / "journal")) {
    const std::string name = entry.path().filename().string();
    if (name.find(".tmp-") != std::string::npos) {
      fs::remove(entry.path(), ec);  // a record cut short by a kill; its run is run again
      continue;
    }
    const auto id = record_id(name);
    if (!id) {
      warnings_.push_back(fmt::format("{}: not a journal record; ignored", entry.path().string()));
      continue;
    }
    try {
      RunRecord record =
          plan_->parse_row(read_text(entry.path()), Place{entry.path().string(), 1, 0});
      if (record.id != *id) {
        throw InputError(Place{entry.path().string(), 1, 0},
                         fmt::format("holds run {}, not run {}", record.id, *id));
      }
      finished_.emplace(record.id, std::move(record));
    } catch (const InputError& e) {
      warnings_.push_back(std::string(e.what()) + "; the run is run again");
    }
  }
}

SweepJournal::~SweepJournal() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
}

std::vector<std::size_t> SweepJournal::missing(bool failed_too) const {
  std::vector<std::size_t> out;
  for (std::size_t id = 0; id < plan_->runs(); ++id) {
    const auto it = finished_.find(id);
    if (it == finished_.end() || (failed_too && !it->second.ok())) out.push_back(id);
  }
  return out;
}

std::size_t SweepJournal::failed_count() const {
  std::size_t n = 0;
  for (const auto& [id, record] : finished_) n += record.ok() ? 0 : 1;
  return n;
}

void SweepJournal::add(const RunRecord& record) {
  write_file_atomically(record_path(dir_, record.id), plan_->csv_row(record));
  finished_[record.id] = record;
}

std::optional<IndexTable> SweepJournal::write_results() const {
  if (finished_.size() != plan_->runs()) {
    throw std::logic_error(
        fmt::format("write_results: {} of {} runs finished", finished_.size(), plan_->runs()));
  }
  std::vector<RunRecord> records;
  records.reserve(finished_.size());
  std::string csv = plan_->csv_header();
  for (const auto& [id, record] : finished_) {
    csv += plan_->csv_row(record);
    records.push_back(record);
  }
  write_file_atomically(dir_ / "runs.csv", csv);
  std::optional<IndexTable> table = plan_->indices(records);
  if (table) write_file_atomically(dir_ / "indices.csv", index_table_csv(*table));
  return table;
}

}  // namespace relocsim::sweep
