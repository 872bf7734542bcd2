#pragma once

// Latency histogram for the load generator: fixed 10 µs buckets up to 10 s, then 1 ms buckets up
// to 300 s (about 5 MB of counters), and the exact maximum. Percentiles are the upper bound of
// the bucket that holds them (at most 10 µs, beyond 10 s 1 ms, above the true value), or the
// maximum when they fall beyond the last bucket.

#include <algorithm>
#include <cstdint>
#include <vector>

namespace encuentro::load {

class Histogram {
 public:
  static constexpr std::int64_t kBucketUs = 10;
  static constexpr std::int64_t kFine = 1'000'000;  // 10 µs each: 0 .. 10 s
  static constexpr std::int64_t kCoarseUs = 1000;
  static constexpr std::int64_t kBuckets = kFine + 290'000;  // then 1 ms each: .. 300 s

  Histogram() : buckets_(static_cast<std::size_t>(kBuckets), 0) {}

  static std::int64_t bucket_of(std::int64_t us) {
    if (us < kFine * kBucketUs) return us / kBucketUs;
    return kFine + (us - kFine * kBucketUs) / kCoarseUs;
  }
  static std::int64_t upper_us(std::int64_t b) {
    if (b < kFine) return (b + 1) * kBucketUs;
    return kFine * kBucketUs + (b - kFine + 1) * kCoarseUs;
  }

  void add(std::int64_t us) {
    if (us < 0) us = 0;
    ++count_;
    sum_us_ += static_cast<double>(us);
    max_us_ = std::max(max_us_, us);
    const std::int64_t b = bucket_of(us);
    if (b >= kBuckets) {
      ++overflow_;
      return;
    }
    ++buckets_[static_cast<std::size_t>(b)];
  }

  void merge(const Histogram& other) {
    for (std::size_t i = 0; i < buckets_.size(); ++i) buckets_[i] += other.buckets_[i];
    count_ += other.count_;
    sum_us_ += other.sum_us_;
    max_us_ = std::max(max_us_, other.max_us_);
    overflow_ += other.overflow_;
  }

  std::uint64_t count() const { return count_; }
  std::int64_t max_us() const { return max_us_; }
  double mean_us() const { return count_ ? sum_us_ / static_cast<double>(count_) : 0.0; }

  // p in [0, 100]. 0 when empty.
  std::int64_t percentile_us(double p) const {
    if (count_ == 0) return 0;
    auto rank = static_cast<std::uint64_t>(p / 100.0 * static_cast<double>(count_));
    if (rank >= count_) rank = count_ - 1;
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < buckets_.size(); ++i) {
      seen += buckets_[i];
      if (seen > rank) return std::min(max_us_, upper_us(static_cast<std::int64_t>(i)));
    }
    return max_us_;
  }

 private:
  std::vector<std::uint32_t> buckets_;
  std::uint64_t count_ = 0;
  double sum_us_ = 0;
  std::int64_t max_us_ = 0;
  std::uint64_t overflow_ = 0;
};

}  // namespace encuentro::load
