// apply: the fold. State = apply(apply(Encuentro{}, e1), e2)... Never checks a rule: decide()
// already did, and the log holds only accepted events. Deterministic, so a replayed log gives
// back exactly the state it had.
#pragma once

#include "domain/encuentro.hpp"
#include "domain/events.hpp"

namespace encuentro::domain {

void apply(Encuentro& state, const Recorded& recorded);

}  // namespace encuentro::domain
