#pragma once

// AddressCounter: how many live connections each client address holds, so that one address cannot
// take every connection the process can hold. The limit is generous by default: at a venue every
// phone may share one NAT address.
//
// Thread-safety: every member may be called from any thread.

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace encuentro::transport {

class AddressCounter {
 public:
  explicit AddressCounter(int limit) : limit_(limit) {}

  // Counts one more connection of `address`; false (and nothing counted) at the limit.
  bool acquire(const std::string& address) {
    std::lock_guard lock(mutex_);
    int& count = counts_[address];
    if (count >= limit_) {
      if (count == 0) counts_.erase(address);
      return false;
    }
    ++count;
    return true;
  }

  // REQUIRES: a successful acquire(address) not yet released.
  void release(const std::string& address) {
    std::lock_guard lock(mutex_);
    const auto it = counts_.find(address);
    if (it != counts_.end() && --it->second <= 0) counts_.erase(it);
  }

  std::size_t total_addresses() const {
    std::lock_guard lock(mutex_);
    return counts_.size();
  }

 private:
  const int limit_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, int> counts_;  // guarded by mutex_
};

}  // namespace encuentro::transport
