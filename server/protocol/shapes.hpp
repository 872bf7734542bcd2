// INTERNAL. The wire shape of every domain value type and of the whole state (the snapshot):
// each member with its wire name. Wire names are written out, not derived from member names, so
// renaming a C++ member cannot silently change stored events. check_shape() (wire_shape.hpp)
// refuses to compile a shape that forgets a member.
#pragma once

#include <tuple>

#include "domain/encuentro.hpp"
#include "domain/types.hpp"
#include "protocol/wire_shape.hpp"

namespace encuentro::protocol::detail {

namespace d = ::encuentro::domain;

ENCUENTRO_SHAPE(d::Accessibility,  //
                field("lsc_interpreter", &S::lsc_interpreter),
                field("guide_interpreter", &S::guide_interpreter), field("other", &S::other));

ENCUENTRO_SHAPE(d::GuideQuestion, field("id", &S::id), field("text", &S::text));

ENCUENTRO_SHAPE(d::CentralPoint, field("id", &S::id), field("title", &S::title),
                field("description", &S::description), field("questions", &S::questions));

ENCUENTRO_SHAPE(d::EncuentroDetails, field("title", &S::title), field("entities", &S::entities),
                field("objective", &S::objective), field("report_summary", &S::report_summary),
                field("methodology", &S::methodology), field("venue", &S::venue),
                field("date", &S::date), field("start_time", &S::start_time),
                field("end_time", &S::end_time),
                field("expected_attendance", &S::expected_attendance));

ENCUENTRO_SHAPE(d::Registrant, field("id", &S::id), field("code", &S::code),
                field("name", &S::name), field("contact", &S::contact),
                field("territory", &S::territory), field("value_group", &S::value_group),
                field("organisation", &S::organisation), field("needs", &S::needs),
                field("registered_at", &S::registered_at),
                field("participant_id", &S::participant_id));

ENCUENTRO_SHAPE(d::Participant, field("id", &S::id), field("registrant_id", &S::registrant_id),
                field("name", &S::name), field("territory", &S::territory),
                field("value_group", &S::value_group), field("needs", &S::needs),
                field("checked_in_at", &S::checked_in_at), field("workshop_id", &S::workshop_id));

ENCUENTRO_SHAPE(d::Interpreter, field("id", &S::id), field("name", &S::name),
                field("kind", &S::kind), field("workshop_id", &S::workshop_id));

ENCUENTRO_SHAPE(d::StaffMember, field("role", &S::role), field("name", &S::name));

ENCUENTRO_SHAPE(d::WorkshopTimer, field("status", &S::status),
                field("allotted_minutes", &S::allotted_minutes), field("deadline", &S::deadline),
                field("remaining_ms", &S::remaining_ms), field("started_at", &S::started_at));

ENCUENTRO_SHAPE(d::Voting, field("open", &S::open), field("closed", &S::closed),
                field("dots_per_person", &S::dots_per_person));

ENCUENTRO_SHAPE(d::Workshop, field("id", &S::id), field("number", &S::number),
                field("members", &S::members), field("facilitator", &S::facilitator),
                field("relator", &S::relator), field("servants", &S::servants),
                field("interpreter_id", &S::interpreter_id), field("timer", &S::timer),
                field("current_question", &S::current_question),
                field("speaking_queue", &S::speaking_queue), field("speaker", &S::speaker),
                field("heard", &S::heard), field("voting", &S::voting),
                field("principal_proposals", &S::principal_proposals),
                field("synthesis", &S::synthesis), field("synthesis_final", &S::synthesis_final));

ENCUENTRO_SHAPE(d::Contribution, field("id", &S::id), field("workshop_id", &S::workshop_id),
                field("kind", &S::kind), field("point_id", &S::point_id),
                field("question_id", &S::question_id), field("text", &S::text),
                field("author", &S::author), field("source", &S::source),
                field("submitted_by", &S::submitted_by), field("status", &S::status),
                field("merged_into", &S::merged_into), field("decline_reason", &S::decline_reason),
                field("answer", &S::answer), field("created_at", &S::created_at),
                field("edited_at", &S::edited_at));

ENCUENTRO_SHAPE(d::Vote, field("participant_id", &S::participant_id),
                field("contribution_id", &S::contribution_id));

ENCUENTRO_SHAPE(d::HandCount, field("contribution_id", &S::contribution_id),
                field("count", &S::count));

ENCUENTRO_SHAPE(d::CommitmentTerms, field("what", &S::what), field("entity", &S::entity),
                field("office", &S::office), field("due_date", &S::due_date),
                field("indicator", &S::indicator), field("goal", &S::goal),
                omittable("territory", &S::territory), omittable("parts", &S::parts));

ENCUENTRO_SHAPE(d::CommitmentVersion, field("version", &S::version), field("terms", &S::terms),
                field("at", &S::at), field("reason", &S::reason));

ENCUENTRO_SHAPE(d::Commitment, field("id", &S::id), field("proposal_ids", &S::proposal_ids),
                field("versions", &S::versions));

ENCUENTRO_SHAPE(d::Answer, field("id", &S::id), field("proposal_ids", &S::proposal_ids),
                field("kind", &S::kind), field("commitment_id", &S::commitment_id),
                field("reason", &S::reason), field("referred_to", &S::referred_to),
                field("at", &S::at));

ENCUENTRO_SHAPE(d::ProgressReport, field("id", &S::id), field("commitment_id", &S::commitment_id),
                field("percent", &S::percent), field("status", &S::status), field("note", &S::note),
                field("evidence_url", &S::evidence_url), field("as_of", &S::as_of),
                field("reported_at", &S::reported_at), omittable("part", &S::part));

ENCUENTRO_SHAPE(d::EvaluationRatings, field("organisation", &S::organisation),
                field("methodology", &S::methodology), field("participation", &S::participation),
                field("answers", &S::answers));

ENCUENTRO_SHAPE(d::Evaluation, field("participant_id", &S::participant_id),
                field("ratings", &S::ratings), field("comment", &S::comment), field("at", &S::at));

ENCUENTRO_SHAPE(d::ObservationReply, field("text", &S::text), field("at", &S::at));

ENCUENTRO_SHAPE(d::Observation, field("id", &S::id), field("commitment_id", &S::commitment_id),
                field("text", &S::text), field("alias", &S::alias), field("at", &S::at),
                field("status", &S::status), field("reason", &S::reason),
                field("reply", &S::reply));

ENCUENTRO_SHAPE(d::PhaseChange, field("phase", &S::phase), field("at", &S::at),
                field("actor", &S::actor));

ENCUENTRO_SHAPE(d::Flag, field("code", &S::code), field("subject", &S::subject));

// The whole state of an encuentro (the snapshot's body).
ENCUENTRO_SHAPE(d::Encuentro, field("id", &S::id), field("seq", &S::seq), field("phase", &S::phase),
                field("details", &S::details), field("phase_history", &S::phase_history),
                field("convocation_published_on", &S::convocation_published_on),
                field("points", &S::points), field("registrants", &S::registrants),
                field("participants", &S::participants), field("interpreters", &S::interpreters),
                field("workshops", &S::workshops), field("contributions", &S::contributions),
                field("votes", &S::votes), field("hand_counts", &S::hand_counts),
                field("plenary_focus", &S::plenary_focus), field("answers", &S::answers),
                field("commitments", &S::commitments),
                field("progress_reports", &S::progress_reports),
                field("evaluations", &S::evaluations),
                field("observations", &S::observations),
                field("personal_data_erased_at", &S::personal_data_erased_at),
                field("question_counter", &S::question_counter),
                field("point_counter", &S::point_counter));

}  // namespace encuentro::protocol::detail
