#include "transport/session_registry.hpp"

#include <utility>
#include <vector>

namespace encuentro::transport {

bool SessionRegistry::add(const void* session, std::function<void()> close) {
  const std::lock_guard lock(mutex_);
  if (closing_) return false;
  sessions_.emplace(session, std::move(close));
  return true;
}

void SessionRegistry::remove(const void* session) {
  std::function<void()> on_drained;
  {
    const std::lock_guard lock(mutex_);
    if (sessions_.erase(session) == 0) return;
    if (closing_ && sessions_.empty()) on_drained = on_drained_;
  }
  if (on_drained) on_drained();
}

void SessionRegistry::close_all() {
  std::vector<std::function<void()>> closes;
  std::function<void()> on_drained;
  {
    const std::lock_guard lock(mutex_);
    closing_ = true;
    closes.reserve(sessions_.size());
    for (const auto& entry : sessions_) closes.push_back(entry.second);
    if (sessions_.empty()) on_drained = on_drained_;
  }
  for (const auto& close : closes) close();
  if (on_drained) on_drained();
}

void SessionRegistry::set_on_drained(std::function<void()> on_drained) {
  const std::lock_guard lock(mutex_);
  on_drained_ = std::move(on_drained);
}

std::size_t SessionRegistry::size() const {
  const std::lock_guard lock(mutex_);
  return sessions_.size();
}

bool SessionRegistry::closing() const {
  const std::lock_guard lock(mutex_);
  return closing_;
}

}  // namespace encuentro::transport
