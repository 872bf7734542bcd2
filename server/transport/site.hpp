#pragma once

// Site: what every HTTP session serves and under which limits.
// Owned by HttpServer; constant once the server runs, so sessions read it without locks (the
// hub and the counter it points at are thread-safe).

#include "app/config.hpp"
#include "transport/router.hpp"
#include "transport/static_files.hpp"

namespace encuentro::app {
class LiveHub;
}

namespace encuentro::transport {

class AddressCounter;

struct Site {
  app::HttpLimits limits;
  Router router;
  StaticFiles files;
  app::WebSocketLimits websocket;
  std::vector<std::string> allowed_origins;  // besides the server's own origin
  app::LiveHub* live = nullptr;              // nullptr: WebSocket upgrades are refused (503)
  AddressCounter* addresses = nullptr;       // live connections per client address
};

}  // namespace encuentro::transport
