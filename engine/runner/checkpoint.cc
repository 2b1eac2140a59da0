// checkpoint.bin, in order:
//   16 bytes   magic: "\x89RELOCSIMCKPT\r\n\x1a" (the \r\n and \x1a catch text-mode copies)
//   u32        format (kCheckpointFormat)
//   u32        0x01020304 in the writer's byte order
//   header     relocsim version, scenario sha256, year, seed, scale, the run (CheckpointRun),
//              the resolved scenario text
//   state      sections "world" (engine/world/world_io.cc), "levers" (each lever's own bytes),
//              "metrics", "flows", "end"
//   u64        L, the number of bytes above
//   32 bytes   SHA-256 of those L bytes
// Numbers are in the writer's byte order; strings and vectors carry a u64 length.
#include "engine/runner/checkpoint.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <set>
#include <tuple>
#include <unordered_map>

#include "engine/core/state_io.h"
#include "engine/levers/lever.h"
#include "engine/output/provenance.h"
#include "engine/output/run_outputs.h"
#include "engine/runner/simulation.h"
#include "engine/world/world_io.h"
#include "relocsim/errors.h"

namespace relocsim {

namespace fs = std::filesystem;

namespace {

constexpr std::array<char, 16> kMagic = {'\x89', 'R', 'E', 'L', 'O', 'C',  'S',  'I',
                                         'M',    'C', 'K', 'P', 'T', '\r', '\n', '\x1a'};
constexpr std::uint32_t kByteOrder = 0x01020304;
constexpr std::size_t kDigestBytes = 32;
constexpr std::size_t kTrailerBytes = sizeof(std::uint64_t) + kDigestBytes;
constexpr std::size_t kIoBuffer = std::size_t{1} << 20;

using Digest = std::array<unsigned char, kDigestBytes>;

class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
    if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) {
      throw std::runtime_error("cannot start a SHA-256 digest");
    }
  }
  void update(const void* data, std::size_t n) { EVP_DigestUpdate(ctx_.get(), data, n); }
  Digest final() {
    Digest d{};
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx_.get(), d.data(), &length);
    return d;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

// Writes to a file and hashes what it writes: a state of gigabytes is streamed, never held twice.
class HashingFileSink final : public ByteSink {
 public:
  HashingFileSink(std::FILE* file, const fs::path& path) : file_(file), path_(path) {}
  void write(const void* data, std::size_t n) override {
    sha_.update(data, n);
    if (std::fwrite(data, 1, n, file_) != n) {
      throw std::runtime_error("cannot write " + path_.string() + ": " + std::strerror(errno));
    }
    bytes_ += n;
  }
  std::uint64_t bytes() const { return bytes_; }
  Digest digest() { return sha_.final(); }

 private:
  std::FILE* file_;
  const fs::path& path_;
  Sha256 sha_;
  std::uint64_t bytes_ = 0;
};

// Reads at most `limit` bytes of a file from its current position.
class FileSource final : public ByteSource {
 public:
  FileSource(std::FILE* file, std::uint64_t limit) : file_(file), left_(limit) {}
  void read(void* data, std::size_t n) override {
    if (n > left_) {
      throw StateError("the state ends early: " + std::to_string(n) + " bytes wanted, " +
                       std::to_string(left_) + " left");
    }
    if (n > 0 && std::fread(data, 1, n, file_) != n) {
      throw StateError("the file ended early or could not be read");
    }
    left_ -= n;
  }
  std::uint64_t remaining() const override { return left_; }

 private:
  std::FILE* file_;
  std::uint64_t left_;
};

// --- sections -----------------------------------------------------------------------------------

void save_levers(StateWriter& out, const World& w) {
  out.tag("levers");
  out.length(w.levers.size());
  for (const auto& lever : w.levers) {
    out.text(lever->spec().type);
    out.text(lever->spec().name);
    // Each lever's bytes go in a block of their own, so that a lever reading more or less than it
    // wrote is caught by name instead of throwing off everything after it.
    StringSink block;
    StateWriter block_out(block);
    lever->save(block_out);
    out.text(block.data());
  }
}

// "'name' (type)", for messages.
std::string lever_label(const std::string& name, const std::string& type) {
  std::string label = "'" + name;
  label += "' (";
  label += type;
  label += ")";
  return label;
}

void load_levers(StateReader& in, World& w) {
  in.tag("levers");
  const std::size_t n = in.length(1);
  if (n != w.levers.size()) {
    throw StateError("the state has " + std::to_string(n) + " levers, the scenario " +
                     std::to_string(w.levers.size()));
  }
  for (auto& lever : w.levers) {
    const std::string type = in.text();
    const std::string name = in.text();
    if (type != lever->spec().type || name != lever->spec().name) {
      throw StateError("the state has lever " + lever_label(name, type) +
                       " where the scenario has " +
                       lever_label(lever->spec().name, lever->spec().type));
    }
    const std::string block = in.text();
    StringSource source(block);
    StateReader block_in(source);
    lever->load(block_in);
    if (block_in.remaining() != 0) {
      throw StateError("lever " + lever_label(name, type) + " left " +
                       std::to_string(block_in.remaining()) + " of its bytes unread");
    }
  }
}

// The metrics table lists its rows only as CSV text; ids are recovered from the names, values are
// taken from the table itself (exact, NaN and -0 included) unless a (year, entity, metric) repeats,
// where the text (shortest exact form) is read back.
struct MetricRows {
  std::vector<std::int32_t> year;
  std::vector<std::int32_t> entity;
  std::vector<std::int32_t> metric;
  std::vector<double> value;
};

MetricRows metric_rows(const output::MetricsTable& table) {
  std::unordered_map<std::string_view, int> entity_id;
  for (std::size_t k = 0; k < table.entities().size(); ++k) {
    entity_id.emplace(table.entities()[k], static_cast<int>(k));
  }
  std::unordered_map<std::string_view, int> metric_id;
  for (std::size_t k = 0; k < table.metric_names().size(); ++k) {
    metric_id.emplace(table.metric_names()[k], static_cast<int>(k));
  }
  const std::string csv = table.csv();
  MetricRows rows;
  std::set<std::tuple<int, int, int>> seen;
  std::size_t pos = csv.find('\n') + 1;
  while (pos < csv.size()) {
    const std::size_t end = csv.find('\n', pos);
    const std::string_view line(csv.data() + pos, end - pos);
    pos = end + 1;
    const std::size_t a = line.find(',');
    const std::size_t b = line.find(',', a + 1);
    const std::size_t c = line.find(',', b + 1);
    if (c == std::string_view::npos || line.find(',', c + 1) != std::string_view::npos) {
      throw std::logic_error("metrics.csv row cannot be split: " + std::string(line));
    }
    const std::string_view entity = line.substr(a + 1, b - a - 1);
    const std::string_view metric = line.substr(b + 1, c - b - 1);
    const std::string_view text = line.substr(c + 1);
    int year = 0;
    std::from_chars(line.data(), line.data() + a, year);
    const int e = entity_id.at(entity);
    const int m = metric_id.at(metric);
    double value = 0;
    if (seen.insert({year, e, m}).second) {
      value = *table.find(year, entity, metric);
    } else if (text == "nan") {
      value = std::nan("");
    } else {
      std::from_chars(text.data(), text.data() + text.size(), value);
    }
    rows.year.push_back(year);
    rows.entity.push_back(e);
    rows.metric.push_back(m);
    rows.value.push_back(value);
  }
  return rows;
}

void save_metrics(StateWriter& out, const output::MetricsTable& table) {
  out.tag("metrics");
  out.field(table.entities());
  out.field(table.metric_names());
  const MetricRows rows = metric_rows(table);
  out.field(rows.year);
  out.field(rows.entity);
  out.field(rows.metric);
  out.field(rows.value);
}

void load_metrics(StateReader& in, output::MetricsTable& table) {
  in.tag("metrics");
  std::vector<std::string> entities;
  std::vector<std::string> names;
  in.field(entities);
  in.field(names);
  if (entities != table.entities()) {
    throw StateError("the saved metrics are of other zones and groups than the scenario's");
  }
  MetricRows rows;
  in.field(rows.year);
  in.field(rows.entity);
  in.field(rows.metric);
  in.field(rows.value);
  const std::size_t n = rows.year.size();
  if (rows.entity.size() != n || rows.metric.size() != n || rows.value.size() != n) {
    throw StateError("the saved metrics' columns differ in length");
  }
  output::MetricsTable restored(entities);
  for (const auto& name : names) restored.metric(name);  // the same ids, in the same order
  for (std::size_t k = 0; k < n; ++k) {
    if (rows.entity[k] < 0 || static_cast<std::size_t>(rows.entity[k]) >= entities.size() ||
        rows.metric[k] < 0 || static_cast<std::size_t>(rows.metric[k]) >= names.size()) {
      throw StateError("a saved metric row names an entity or metric that does not exist");
    }
    restored.add(rows.year[k], rows.entity[k], rows.metric[k], rows.value[k]);
  }
  table = std::move(restored);
}

void save_state(StateWriter& out, const Simulation& sim) {
  save_world(out, sim.world());
  save_levers(out, sim.world());
  save_metrics(out, sim.metrics());
  out.tag("flows");
  out.text(sim.flows_csv());
  out.tag("end");
}

void load_state(StateReader& in, Simulation& sim) {
  load_world(in, sim.world());
  load_levers(in, sim.world());
  load_metrics(in, sim.metrics());
  in.tag("flows");
  sim.flows_csv() = in.text();
  in.tag("end");
}

void write_header(StateWriter& out, const Simulation& sim, const CheckpointRun& run) {
  const Scenario& s = sim.scenario();
  out.field(kMagic);
  out.field(kCheckpointFormat);
  out.field(kByteOrder);
  out.text(output::build_info().version);
  out.text(s.sha256);
  out.field(static_cast<std::int32_t>(sim.year()));
  out.field(static_cast<std::uint64_t>(s.info.seed));
  out.field(s.info.scale);
  out.text(run.command_line);
  out.field(static_cast<std::int32_t>(run.threads));
  out.field(static_cast<std::int32_t>(run.checkpoint_every));
  out.field(run.elapsed_seconds);
  out.field(run.residents);
  out.field(run.firms);
  out.field(run.institutions);
  out.text(s.resolved_yaml);
}

void read_header(StateReader& in, CheckpointHeader& h) {
  h.version = in.text();
  h.scenario_sha256 = in.text();
  h.year = in.get<std::int32_t>();
  h.seed = in.get<std::uint64_t>();
  h.scale = in.get<double>();
  h.run.command_line = in.text();
  h.run.threads = in.get<std::int32_t>();
  h.run.checkpoint_every = in.get<std::int32_t>();
  h.run.elapsed_seconds = in.get<double>();
  h.run.residents = in.get<std::uint64_t>();
  h.run.firms = in.get<std::uint64_t>();
  h.run.institutions = in.get<std::uint64_t>();
  h.scenario_yaml = in.text();
}

void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::uint64_t write_checkpoint(const fs::path& folder, const Simulation& sim,
                               const CheckpointRun& run) {
  fs::create_directories(folder);
  const fs::path tmp = folder / (".relocsim-checkpoint-" + std::to_string(::getpid()) + ".tmp");
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) {
    throw std::runtime_error("cannot write " + tmp.string() + ": " + std::strerror(errno));
  }
  std::vector<char> buffer(kIoBuffer);
  std::setvbuf(f, buffer.data(), _IOFBF, buffer.size());
  std::uint64_t size = 0;
  try {
    HashingFileSink sink(f, tmp);
    StateWriter out(sink);
    write_header(out, sim, run);
    save_state(out, sim);
    const std::uint64_t body = sink.bytes();
    const Digest digest = sink.digest();
    size = body + kTrailerBytes;
    if (std::fwrite(&body, sizeof body, 1, f) != 1 ||
        std::fwrite(digest.data(), 1, digest.size(), f) != digest.size() || std::fflush(f) != 0 ||
        ::fsync(::fileno(f)) != 0) {
      throw std::runtime_error("cannot write " + tmp.string() + ": " + std::strerror(errno));
    }
  } catch (...) {
    std::fclose(f);
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
  if (std::fclose(f) != 0) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw std::runtime_error("cannot write " + tmp.string() + ": " + std::strerror(errno));
  }
  std::error_code ec;
  fs::rename(tmp, folder / kCheckpointFileName, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw std::runtime_error("cannot rename " + tmp.string() + " to " +
                             (folder / kCheckpointFileName).string() + ": " + ec.message());
  }
  sync_folder(folder);
  output::remove_dead_leftovers(folder);
  return size;
}

CheckpointFile::CheckpointFile(const fs::path& path) : path_(path) {
  auto refuse = [&](const std::string& why) -> InputError {
    return InputError(Place{path.string()}, why);
  };
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) {
    throw refuse(std::string("cannot read the checkpoint: ") + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(::fileno(file_), &st) != 0 || !S_ISREG(st.st_mode)) {
    std::fclose(file_);
    file_ = nullptr;
    throw refuse("not a regular file");
  }
  try {
    const auto size = static_cast<std::uint64_t>(st.st_size);
    // Magic first: a foreign file is named as such, not as a damaged checkpoint.
    std::array<char, kMagic.size()> magic{};
    const std::size_t got = std::fread(magic.data(), 1, magic.size(), file_);
    if (got == 0 && size == 0) throw refuse("is empty: not a relocsim checkpoint");
    if (std::memcmp(magic.data(), kMagic.data(), got) != 0) {
      throw refuse("is not a relocsim checkpoint (its first bytes are not relocsim's)");
    }
    constexpr std::uint64_t kSmallest = kMagic.size() + 2 * sizeof(std::uint32_t) + kTrailerBytes;
    if (size < kSmallest) {
      throw refuse("is truncated: " + std::to_string(size) + " bytes, too short for a checkpoint");
    }
    // The trailer: the length of what it covers and its checksum.
    std::uint64_t body = 0;
    Digest stored{};
    if (std::fseek(file_, static_cast<long>(size - kTrailerBytes), SEEK_SET) != 0 ||
        std::fread(&body, sizeof body, 1, file_) != 1 ||
        std::fread(stored.data(), 1, stored.size(), file_) != stored.size()) {
      throw refuse("cannot be read: " + std::string(std::strerror(errno)));
    }
    if (body != size - kTrailerBytes) {
      throw refuse("is truncated or damaged: it holds " + std::to_string(size) +
                   " bytes, and its trailer does not record that length (was it cut short or "
                   "copied incompletely?)");
    }
    std::rewind(file_);
    Sha256 sha;
    std::vector<char> buffer(kIoBuffer);
    for (std::uint64_t left = body; left > 0;) {
      const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
      if (std::fread(buffer.data(), 1, n, file_) != n) throw refuse("cannot be read to its end");
      sha.update(buffer.data(), n);
      left -= n;
    }
    if (sha.final() != stored) {
      throw refuse("is damaged: its SHA-256 checksum does not match its content");
    }
    body_ = body;
    std::fseek(file_, static_cast<long>(kMagic.size()), SEEK_SET);
    FileSource source(file_, body - kMagic.size());
    StateReader in(source);
    header_.format = in.get<std::uint32_t>();
    if (header_.format != kCheckpointFormat) {
      throw refuse("is in checkpoint format " + std::to_string(header_.format) +
                   "; this relocsim reads format " + std::to_string(kCheckpointFormat));
    }
    if (in.get<std::uint32_t>() != kByteOrder) {
      throw refuse("was written on a machine with another byte order");
    }
    read_header(in, header_);
    const std::string version = output::build_info().version;
    if (header_.version != version) {
      throw refuse("was written by relocsim " + header_.version + ", this is relocsim " + version +
                   ": a checkpoint is resumed only by the build that wrote it (run the scenario "
                   "again from the start)");
    }
    state_offset_ = body - source.remaining();
  } catch (const StateError& e) {
    std::fclose(file_);
    file_ = nullptr;
    throw refuse(std::string("has an unreadable header: ") + e.what());
  } catch (...) {
    std::fclose(file_);
    file_ = nullptr;
    throw;
  }
}

CheckpointFile::~CheckpointFile() {
  if (file_ != nullptr) std::fclose(file_);
}

void CheckpointFile::restore(Simulation& sim) {
  if (sim.scenario().sha256 != header_.scenario_sha256) {
    throw InputError(Place{path_.string()}, "was written for scenario " + header_.scenario_sha256 +
                                                ", not for " + sim.scenario().sha256);
  }
  try {
    std::fseek(file_, static_cast<long>(state_offset_), SEEK_SET);
    FileSource source(file_, body_ - state_offset_);
    StateReader in(source);
    load_state(in, sim);
    if (source.remaining() != 0) {
      throw StateError(std::to_string(source.remaining()) + " bytes are left after the state");
    }
    if (sim.year() != header_.year) {
      throw StateError("the state is of " + std::to_string(sim.year()) + ", the header says " +
                       std::to_string(header_.year));
    }
  } catch (const StateError& e) {
    throw InputError(Place{path_.string()}, std::string("cannot be restored: ") + e.what());
  }
}

}  // namespace relocsim
