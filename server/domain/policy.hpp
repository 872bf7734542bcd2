// Configurable limits of the mechanism. Defaults are the ones encuentro.md states; the server
// reads overrides from its configuration and passes them in with every decision.
#pragma once

namespace encuentro::domain {

struct Policy {
  int convocation_min_days = 15;   // R1
  int attendance_min = 40;         // R2 (flag, not refusal)
  int attendance_max = 1000;       // R2
  int interpreter_threshold = 10;  // R3: this many interpreter requests open the obligation
  int workshop_cap = 30;           // R4: configurable lower, never higher than kMaxWorkshopCap
  int workshop_min_minutes = 60;   // R7
  int workshop_max_minutes = 90;   // R7
  int dots_per_person = 3;         // prioritisation
  int principal_proposals = 3;     // top proposals per workshop
};

constexpr int kMaxWorkshopCap = 30;  // R4: never higher, whatever the configuration says

// Text limits, in Unicode code points.
constexpr int kMaxTitle = 200;
constexpr int kMaxName = 120;
constexpr int kMaxShortText = 300;
constexpr int kMaxText = 2000;
constexpr int kMaxLongText = 20000;
// Veeduría: an observation's text and signature, the moderation reason, and how many observations
// may wait for moderation per commitment (a bound on what anyone can pile on the organizer).
constexpr int kMaxObservationText = 1000;
constexpr int kMaxObservationAlias = 60;
constexpr int kMaxModerationReason = 500;
constexpr int kMaxPendingObservations = 100;
constexpr int kMaxCommitmentParts = 20;

}  // namespace encuentro::domain
