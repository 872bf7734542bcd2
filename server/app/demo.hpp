// The demo: two encuentros modelled on the public documents in ../shared/seeds, loaded into an
// empty database by running ordinary commands through the service (so they obey every rule).
//  - e-itagui-instancias: upcoming, convened, with registrations (seed 001, Itagüí).
//  - e-cascajal-2026: held and published, with workshops, proposals, answers, commitments and
//    progress reports (the Alcaldía Local de la Isla del Cascajal's participation plan, seed 004).
#pragma once

#include "app/encuentro_service.hpp"

namespace encuentro::app {

// Loads the demo when the service holds no encuentro; returns how many it created (0 or 2).
// `now` anchors the dates: the upcoming one is ~25 days ahead, the held one ~4 months back.
// Throws std::runtime_error if any command is refused (the demo must stay consistent).
int load_demo(EncuentroService& service, domain::Timestamp now);

}  // namespace encuentro::app
