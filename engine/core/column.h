// A growable array of trivially copyable values that does not zero-fill on growth: agent columns
// hold up to ~110 million entries, and every value is written before it is read, so value
// initialisation would be a wasted pass over memory.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <type_traits>

namespace relocsim {

template <class T>
class Column {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  Column() = default;
  Column(const Column& other) { *this = other; }
  Column& operator=(const Column& other) {
    if (this != &other) {
      data_ = std::make_unique_for_overwrite<T[]>(other.size_);
      capacity_ = other.size_;
      size_ = other.size_;
      if (size_ > 0) std::memcpy(data_.get(), other.data_.get(), size_ * sizeof(T));
    }
    return *this;
  }
  Column(Column&&) noexcept = default;
  Column& operator=(Column&&) noexcept = default;

  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  T* data() { return data_.get(); }
  const T* data() const { return data_.get(); }
  T& operator[](std::size_t i) {
    assert(i < size_);
    return data_[i];
  }
  const T& operator[](std::size_t i) const {
    assert(i < size_);
    return data_[i];
  }
  std::span<T> span() { return {data_.get(), size_}; }
  std::span<const T> span() const { return {data_.get(), size_}; }

  void reserve(std::size_t n) {
    if (n <= capacity_) return;
    auto grown = std::make_unique_for_overwrite<T[]>(n);
    if (size_ > 0) std::memcpy(grown.get(), data_.get(), size_ * sizeof(T));
    data_ = std::move(grown);
    capacity_ = n;
  }
  // New entries are left uninitialised.
  void resize(std::size_t n) {
    if (n > capacity_) reserve(std::max(n, capacity_ + capacity_ / 2));
    size_ = n;
  }
  void push_back(const T& v) {
    if (size_ == capacity_) reserve(capacity_ == 0 ? 64 : capacity_ + capacity_ / 2);
    data_[size_++] = v;
  }
  void clear() { size_ = 0; }

 private:
  std::unique_ptr<T[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace relocsim
