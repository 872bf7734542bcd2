#pragma once

// Site: what every HTTP session serves and under which limits.
// Owned by HttpServer; constant once the server runs, so sessions read it without locks (the
// hub and the counter it points at are thread-safe).

#include "app/config.hpp"
#include "transport/router.hpp"
#include "transport/static_files.hpp"

namespace boost::asio::ssl {
class context;
}

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
  // Certificate and key (config tls). nullptr: plain HTTP only. Otherwise each connection is
  // TLS or plain, told apart by its first bytes; plain requests are redirected to https://.
  boost::asio::ssl::context* tls = nullptr;
};

}  // namespace encuentro::transport
