#pragma once

// SessionRegistry: the open connections, so that a graceful stop can reach every one of them.
//
// A session registers itself with a close callback when it starts and leaves when it is
// destroyed. close_all() asks every session to finish what it is doing and close; from then on
// add() refuses newcomers, and the drained callback fires once the last session has left.
//
// Thread-safety: every member may be called from any thread. Callbacks are invoked without the
// lock held. Must outlive every session (HttpServer owns it and destroys it last).

#include <cstddef>
#include <functional>
#include <mutex>
#include <unordered_map>

namespace encuentro::transport {

class SessionRegistry {
 public:
  // Returns false after close_all(): the caller must close its connection instead of serving.
  bool add(const void* session, std::function<void()> close);
  void remove(const void* session);

  // Asks every registered session to close (each finishes its in-flight response first).
  void close_all();

  // Called once the registry is empty after close_all() (at once if already empty).
  void set_on_drained(std::function<void()> on_drained);

  std::size_t size() const;
  bool closing() const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<const void*, std::function<void()>> sessions_;  // guarded by mutex_
  std::function<void()> on_drained_;                                 // guarded by mutex_
  bool closing_ = false;                                             // guarded by mutex_
};

}  // namespace encuentro::transport
