#pragma once

// Site: what every HTTP session serves and under which limits.
// Owned by HttpServer; constant once the server runs, so sessions read it without locks.

#include "app/config.hpp"
#include "transport/router.hpp"
#include "transport/static_files.hpp"

namespace encuentro::transport {

struct Site {
  app::HttpLimits limits;
  Router router;
  StaticFiles files;
};

}  // namespace encuentro::transport
