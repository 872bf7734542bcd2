// apply: the fold. State = apply(apply(Encuentro{}, e1), e2)... Never checks a rule: decide()
// already did, and the log holds only accepted events. Deterministic, so a replayed log gives
// back exactly the state it had.
#pragma once

#include "domain/encuentro.hpp"
#include "domain/events.hpp"

namespace encuentro::domain {

void apply(Encuentro& state, const Recorded& recorded);

// Ley 1581 de 2012: what ev::PersonalDataErased takes away. Registrants lose name, contact,
// organisation, registration code and accessibility needs; participants lose name and needs;
// contributions lose the name their author gave (`author`).
// Territory and value group stay: the public aggregates are built from them, and without a name
// they no longer point at anyone. Staff and interpreter names (public servants and contractors
// acting in that role) are not registrants' data and stay.
void erase_personal_data(Registrant& r);
void erase_personal_data(Participant& p);
// The same applied to an event already in the log, so that the log itself forgets: true when the
// event carried personal data and was changed.
bool erase_personal_data(Event& event);

}  // namespace encuentro::domain
