// Binary state for checkpoints: a writer and a reader of plain values, strings, vectors and agent
// columns, in the byte order of the machine (the checkpoint header records it). Levers save what
// evolves during a run through these (Lever::save / Lever::load); engine/world/world_io.cc saves
// the world; engine/runner/checkpoint.cc wraps everything in a versioned, checksummed file.
//
//   StringSink sink;
//   StateWriter out(sink);
//   out.field(remaining_);            // a double
//   out.field(moved_by_zone_);        // a std::vector<double>
//   StringSource source(sink.data());
//   StateReader in(source);
//   in.field(remaining_);
//   in.field(moved_by_zone_);
//
// A reader that runs out of bytes, or meets a length larger than what is left, throws StateError:
// a damaged or mismatched state never turns into a huge allocation or a read past the end.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "engine/core/column.h"

namespace relocsim {

static_assert(sizeof(std::size_t) == 8, "checkpoints assume 64-bit sizes");

// A state that cannot be read back: too short, out of step with its writer, or inconsistent.
class StateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where written bytes go.
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual void write(const void* data, std::size_t n) = 0;
};

// Where read bytes come from.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Copies the next n bytes; throws StateError when fewer are left.
  virtual void read(void* data, std::size_t n) = 0;
  virtual std::uint64_t remaining() const = 0;
};

class StringSink final : public ByteSink {
 public:
  void write(const void* data, std::size_t n) override {
    data_.append(static_cast<const char*>(data), n);
  }
  const std::string& data() const { return data_; }

 private:
  std::string data_;
};

class StringSource final : public ByteSource {
 public:
  explicit StringSource(std::string_view data) : data_(data) {}
  void read(void* data, std::size_t n) override {
    if (n > data_.size() - pos_) {
      throw StateError("the state ends early: " + std::to_string(n) + " bytes wanted, " +
                       std::to_string(data_.size() - pos_) + " left");
    }
    if (n > 0) std::memcpy(data, data_.data() + pos_, n);
    pos_ += n;
  }
  std::uint64_t remaining() const override { return data_.size() - pos_; }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

namespace state_io_detail {

template <class T>
struct IsStdArray : std::false_type {};
template <class T, std::size_t N>
struct IsStdArray<std::array<T, N>> : std::true_type {};

// Values written as their bytes: no pointers and no padding (padding bytes would make two saves of
// the same state differ).
template <class T>
constexpr bool plain_bytes() {
  if constexpr (IsStdArray<T>::value) {
    return plain_bytes<typename T::value_type>();
  } else {
    return std::is_trivially_copyable_v<T> && !std::is_pointer_v<T> &&
           (std::has_unique_object_representations_v<T> || std::is_floating_point_v<T>);
  }
}

}  // namespace state_io_detail

// A value written as its bytes: numbers, bools, enums, the strong ids, arrays of them.
template <class T>
concept PlainState = state_io_detail::plain_bytes<T>();

class StateWriter {
 public:
  explicit StateWriter(ByteSink& sink) : sink_(sink) {}

  template <PlainState T>
  void field(const T& v) {
    sink_.write(&v, sizeof v);
  }
  void field(const std::string& s) { text(s); }
  void text(std::string_view s) {
    length(s.size());
    if (!s.empty()) sink_.write(s.data(), s.size());
  }
  template <PlainState T>
  void field(const std::vector<T>& v) {
    length(v.size());
    if (!v.empty()) sink_.write(v.data(), v.size() * sizeof(T));
  }
  void field(const std::vector<std::string>& v) {
    length(v.size());
    for (const auto& s : v) text(s);
  }
  template <class T>
  void field(const Column<T>& c) {
    static_assert(PlainState<T>);
    length(c.size());
    if (!c.empty()) sink_.write(c.data(), c.size() * sizeof(T));
  }
  template <class T, std::size_t N>
  requires(!PlainState<std::array<T, N>>) void field(const std::array<T, N>& a) {
    for (const auto& v : a) field(v);
  }
  // A count of items that follow, each written by the caller.
  void length(std::size_t n) { field(static_cast<std::uint64_t>(n)); }
  // A section name, checked on reading: a writer and a reader out of step fail at once, by name.
  void tag(std::string_view name) { text(name); }

 private:
  ByteSink& sink_;
};

class StateReader {
 public:
  explicit StateReader(ByteSource& source) : source_(source) {}

  template <PlainState T>
  void field(T& v) {
    source_.read(&v, sizeof v);
  }
  template <PlainState T>
  T get() {
    T v{};
    field(v);
    return v;
  }
  void field(std::string& s) { s = text(); }
  std::string text() {
    const std::size_t n = length(1);
    std::string s(n, '\0');
    if (n > 0) source_.read(s.data(), n);
    return s;
  }
  template <PlainState T>
  void field(std::vector<T>& v) {
    const std::size_t n = length(sizeof(T));
    v.resize(n);
    if (n > 0) source_.read(v.data(), n * sizeof(T));
  }
  void field(std::vector<std::string>& v) {
    v.resize(length(sizeof(std::uint64_t)));
    for (auto& s : v) s = text();
  }
  template <class T>
  void field(Column<T>& c) {
    static_assert(PlainState<T>);
    const std::size_t n = length(sizeof(T));
    c.clear();
    c.resize(n);
    if (n > 0) source_.read(c.data(), n * sizeof(T));
  }
  template <class T, std::size_t N>
  requires(!PlainState<std::array<T, N>>) void field(std::array<T, N>& a) {
    for (auto& v : a) field(v);
  }
  // A count of items that follow, each at least `item_bytes` long; throws StateError when they
  // cannot fit in what is left.
  std::size_t length(std::size_t item_bytes) {
    const auto n = get<std::uint64_t>();
    if (item_bytes > 0 && n > source_.remaining() / item_bytes) {
      throw StateError("a length of " + std::to_string(n) + " items does not fit in the " +
                       std::to_string(source_.remaining()) + " bytes left");
    }
    return static_cast<std::size_t>(n);
  }
  void tag(std::string_view name) {
    const std::string found = text();
    if (found != name) {
      throw StateError("expected the section '" + std::string(name) + "', found '" + found + "'");
    }
  }
  std::uint64_t remaining() const { return source_.remaining(); }

 private:
  ByteSource& source_;
};

}  // namespace relocsim
