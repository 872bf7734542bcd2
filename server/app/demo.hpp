// The demo: two encuentros modelled on the public documents in ../shared/seeds, loaded into an
// empty database by running ordinary commands through the service (so they obey every rule).
//  - e-itagui-instancias: upcoming, convened, with registrations (seed 001, Itagüí).
//  - e-cascajal-2026: held and published, with workshops, proposals, answers, commitments and
//    progress reports (the Alcaldía Local de la Isla del Cascajal's participation plan, seed 004).
#pragma once

#include "app/encuentro_service.hpp"

namespace encuentro::app {

// Loads each demo encuentro that the service does not hold yet; returns how many it created.
// `now` anchors the dates: the upcoming one is ~25 days ahead (more if the configured R1 minimum
// asks for it), the held one ~4 months back. Works for any valid policy (cap 1..30, R1 1..365).
// Throws std::runtime_error if any command is refused (the demo must stay consistent).
int load_demo(EncuentroService& service, domain::Timestamp now);

}  // namespace encuentro::app
