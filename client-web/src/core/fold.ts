// The client's fold: a port of server/domain/apply.cpp. A snapshot's `state` plus the events
// after it give the encuentro as this session may see it. Immutable: every event returns a new
// State and copies only the arrays and records it touches, so views can compare by reference.
//
// Differences from the server, all forced by what a session may see (protocol README, "Catch-up
// and resume"):
// - A session other than the organizer's sees a filtered state: an event may name a workshop,
//   participant or contribution this state lacks. The server's fold would crash; this one leaves
//   that part alone.
// - Event messages carry no actor, so a phase change folded here has `actor: ""` (snapshots carry
//   the real one).
// - `proposal.accepted` may carry the accepted `contribution`: a citizen's proposal that becomes
//   visible to this session now. It is inserted when the state lacks it.
import type {
  CentralPoint,
  Contribution,
  EventMessage,
  EventName,
  Participant,
  State,
  Workshop,
} from './protocol';
import type * as P from './protocol';

/** The state of an encuentro before its first event, as the server's defaults make it. */
export function emptyState(id: string): State {
  return {
    id,
    seq: 0,
    phase: 'unknown',
    details: {
      title: '',
      entities: [],
      objective: '',
      report_summary: '',
      methodology: '',
      venue: '',
      date: '1970-01-01',
      start_time: '00:00',
      end_time: '00:00',
      expected_attendance: 0,
    },
    phase_history: [],
    convocation_published_on: null,
    points: [],
    registrants: [],
    participants: [],
    interpreters: [],
    workshops: [],
    contributions: [],
    votes: [],
    hand_counts: [],
    plenary_focus: null,
    answers: [],
    commitments: [],
    progress_reports: [],
    evaluations: [],
    question_counter: 0,
    point_counter: 0,
    observations: [],
    personal_data_erased_at: null,
  };
}

/** A new workshop record with the server's defaults. */
export function emptyWorkshop(id: string, number: number): Workshop {
  return {
    id,
    number,
    members: [],
    facilitator: null,
    relator: null,
    servants: [],
    interpreter_id: null,
    timer: { status: 'idle', allotted_minutes: 0, deadline: 0, remaining_ms: 0, started_at: 0 },
    current_question: null,
    speaking_queue: [],
    speaker: null,
    heard: [],
    voting: { open: false, closed: false, dots_per_person: 3 },
    principal_proposals: [],
    synthesis: '',
    synthesis_final: false,
  };
}

// ---- small immutable helpers ------------------------------------------------------------------

function without(list: string[], value: string): string[] {
  return list.includes(value) ? list.filter((x) => x !== value) : list;
}

function withUnique(list: string[], value: string): string[] {
  return list.includes(value) ? list : [...list, value];
}

/** Replaces the items matching `match` with `change(item)`; the same array when none match. */
function mapWhere<T>(list: T[], match: (item: T) => boolean, change: (item: T) => T): T[] {
  let touched = false;
  const out = list.map((item) => {
    if (!match(item)) return item;
    touched = true;
    return change(item);
  });
  return touched ? out : list;
}

function withWorkshop(s: State, id: string, change: (w: Workshop) => Workshop): State {
  return { ...s, workshops: mapWhere(s.workshops, (w) => w.id === id, change) };
}

function withContribution(
  s: State,
  id: string,
  change: (c: Contribution) => Contribution,
): State {
  return { ...s, contributions: mapWhere(s.contributions, (c) => c.id === id, change) };
}

function withParticipant(s: State, id: string, change: (p: Participant) => Participant): State {
  return { ...s, participants: mapWhere(s.participants, (p) => p.id === id, change) };
}

function withPoints(s: State, change: (p: CentralPoint) => CentralPoint): State {
  return { ...s, points: s.points.map(change) };
}

function withObservation(s: State, id: string, change: (o: P.Observation) => P.Observation): State {
  const observations = mapWhere(s.observations, (o) => o.id === id, change);
  return observations === s.observations ? s : { ...s, observations };
}

/** Accessibility needs with nothing asked (what the erasure leaves). */
function noNeeds(): P.Accessibility {
  return { lsc_interpreter: false, guide_interpreter: false, other: '' };
}

// ---- one function per event ----------------------------------------------------------------------

type Handler<D> = (s: State, data: D, event: EventMessage) => State;

/** Data types by event name, from the generated schema types. */
interface DataOf {
  'encuentro.created': P.EncuentroCreatedData;
  'details.updated': P.DetailsUpdatedData;
  'point.added': P.PointAddedData;
  'point.updated': P.PointUpdatedData;
  'point.removed': P.PointRemovedData;
  'question.added': P.QuestionAddedData;
  'question.updated': P.QuestionUpdatedData;
  'question.removed': P.QuestionRemovedData;
  'convocation.published': P.ConvocationPublishedData;
  'registrant.registered': P.RegistrantRegisteredData;
  'participant.checked_in': P.ParticipantCheckedInData;
  'interpreter.recorded': P.InterpreterRecordedData;
  'workshops.formed': P.WorkshopsFormedData;
  'workshop.added': P.WorkshopAddedData;
  'participant.moved': P.ParticipantMovedData;
  'staff.assigned': P.StaffAssignedData;
  'phase.advanced': P.PhaseAdvancedData;
  'timer.started': P.TimerStartedData;
  'timer.paused': P.TimerPausedData;
  'timer.resumed': P.TimerResumedData;
  'timer.extended': P.TimerExtendedData;
  'workshop.question_set': P.WorkshopQuestionSetData;
  'hand.raised': P.HandRaisedData;
  'hand.lowered': P.HandLoweredData;
  'floor.given': P.FloorGivenData;
  'contribution.captured': P.ContributionCapturedData;
  'contribution.edited': P.ContributionEditedData;
  'contribution.kind_changed': P.ContributionKindChangedData;
  'contribution.merged': P.ContributionMergedData;
  'question.answered': P.QuestionAnsweredData;
  'proposal.submitted': P.ProposalSubmittedData;
  'proposal.accepted': P.ProposalAcceptedData;
  'proposal.declined': P.ProposalDeclinedData;
  'voting.opened': P.VotingOpenedData;
  'vote.cast': P.VoteCastData;
  'vote.retracted': P.VoteRetractedData;
  'hand_count.recorded': P.HandCountRecordedData;
  'voting.closed': P.VotingClosedData;
  'principals.set': P.PrincipalsSetData;
  'synthesis.written': P.SynthesisWrittenData;
  'synthesis.finalized': P.SynthesisFinalizedData;
  'plenary.focused': P.PlenaryFocusedData;
  'proposals.answered': P.ProposalsAnsweredData;
  'commitment.revised': P.CommitmentRevisedData;
  'progress.reported': P.ProgressReportedData;
  'evaluation.submitted': P.EvaluationSubmittedData;
  'observation.submitted': P.ObservationSubmittedData;
  'observation.moderated': P.ObservationModeratedData;
  'observation.replied': P.ObservationRepliedData;
  'personal_data.erased': P.PersonalDataErasedData;
}

type Handlers = { [N in EventName]: Handler<DataOf[N]> };

function phaseEntry(s: State, phase: State['phase'], at: number): State['phase_history'] {
  return [...s.phase_history, { phase, at, actor: '' }];
}

const handlers: Handlers = {
  'encuentro.created': (s, d, e) => ({
    ...s,
    id: d.encuentro_id,
    details: d.details,
    phase: 'draft',
    phase_history: phaseEntry(s, 'draft', e.at),
  }),
  'details.updated': (s, d) => ({ ...s, details: d.details }),
  'point.added': (s, d) => ({
    ...s,
    points: [...s.points, { id: d.point_id, title: d.title, description: d.description, questions: [] }],
    point_counter: s.point_counter + 1,
  }),
  'point.updated': (s, d) => ({
    ...s,
    points: mapWhere(
      s.points,
      (p) => p.id === d.point_id,
      (p) => ({ ...p, title: d.title, description: d.description }),
    ),
  }),
  'point.removed': (s, d) => ({ ...s, points: s.points.filter((p) => p.id !== d.point_id) }),
  'question.added': (s, d) => ({
    ...s,
    points: mapWhere(
      s.points,
      (p) => p.id === d.point_id,
      (p) => ({ ...p, questions: [...p.questions, { id: d.question_id, text: d.text }] }),
    ),
    question_counter: s.question_counter + 1,
  }),
  'question.updated': (s, d) =>
    withPoints(s, (p) => {
      const questions = mapWhere(
        p.questions,
        (q) => q.id === d.question_id,
        (q) => ({ ...q, text: d.text }),
      );
      return questions === p.questions ? p : { ...p, questions };
    }),
  'question.removed': (s, d) =>
    withPoints(s, (p) =>
      p.questions.some((q) => q.id === d.question_id)
        ? { ...p, questions: p.questions.filter((q) => q.id !== d.question_id) }
        : p,
    ),
  'convocation.published': (s, d, e) => ({
    ...s,
    convocation_published_on: d.on,
    phase: 'convened',
    phase_history: phaseEntry(s, 'convened', e.at),
  }),
  'registrant.registered': (s, d) => ({ ...s, registrants: [...s.registrants, d.registrant] }),
  'participant.checked_in': (s, d) => {
    const p = d.participant;
    let out: State = { ...s, participants: [...s.participants, p] };
    if (p.registrant_id !== null) {
      const rid = p.registrant_id;
      out = {
        ...out,
        registrants: mapWhere(
          out.registrants,
          (r) => r.id === rid,
          (r) => ({ ...r, participant_id: p.id }),
        ),
      };
    }
    if (p.workshop_id !== null) {
      out = withWorkshop(out, p.workshop_id, (w) => ({ ...w, members: [...w.members, p.id] }));
    }
    return out;
  },
  'interpreter.recorded': (s, d) => {
    const i = d.interpreter;
    const out: State = { ...s, interpreters: [...s.interpreters, i] };
    if (i.workshop_id === null) return out;
    return withWorkshop(out, i.workshop_id, (w) => ({ ...w, interpreter_id: i.id }));
  },
  'workshops.formed': (s, d) => {
    const placement = new Map<string, string>();
    const interpreterPlace = new Map<string, string>();
    for (const f of d.workshops) {
      for (const m of f.members) placement.set(m, f.workshop_id);
      if (f.interpreter_id !== null) interpreterPlace.set(f.interpreter_id, f.workshop_id);
    }
    return {
      ...s,
      workshops: d.workshops.map((f) => ({
        ...emptyWorkshop(f.workshop_id, f.number),
        members: f.members,
        interpreter_id: f.interpreter_id,
      })),
      participants: s.participants.map((p) => {
        const w = placement.get(p.id) ?? null;
        return p.workshop_id === w ? p : { ...p, workshop_id: w };
      }),
      interpreters: s.interpreters.map((i) => {
        const w = interpreterPlace.get(i.id) ?? null;
        return i.workshop_id === w ? i : { ...i, workshop_id: w };
      }),
    };
  },
  'workshop.added': (s, d) => ({
    ...s,
    workshops: [...s.workshops, emptyWorkshop(d.workshop_id, d.number)],
  }),
  'participant.moved': (s, d) => {
    const pid = d.participant_id;
    let out = withWorkshop(s, d.from_workshop, (w) => ({
      ...w,
      members: without(w.members, pid),
      speaking_queue: without(w.speaking_queue, pid),
      speaker: w.speaker === pid ? null : w.speaker,
    }));
    out = withWorkshop(out, d.to_workshop, (w) => ({ ...w, members: [...w.members, pid] }));
    return withParticipant(out, pid, (p) => ({ ...p, workshop_id: d.to_workshop }));
  },
  'staff.assigned': (s, d) =>
    withWorkshop(s, d.workshop_id, (w) => {
      switch (d.role) {
        case 'facilitator':
          return { ...w, facilitator: d.name };
        case 'relator':
          return { ...w, relator: d.name };
        case 'servant':
          return { ...w, servants: withUnique(w.servants, d.name) };
        default:
          return w;
      }
    }),
  'phase.advanced': (s, d, e) => ({
    ...s,
    phase: d.to,
    phase_history: phaseEntry(s, d.to, e.at),
  }),
  'timer.started': (s, d, e) =>
    withWorkshop(s, d.workshop_id, (w) => ({
      ...w,
      timer: {
        ...w.timer,
        status: 'running',
        allotted_minutes: d.minutes,
        deadline: d.deadline,
        remaining_ms: 0,
        started_at: e.at,
      },
    })),
  'timer.paused': (s, d) =>
    withWorkshop(s, d.workshop_id, (w) => ({
      ...w,
      timer: { ...w.timer, status: 'paused', remaining_ms: d.remaining_ms, deadline: 0 },
    })),
  'timer.resumed': (s, d) =>
    withWorkshop(s, d.workshop_id, (w) => ({
      ...w,
      timer: { ...w.timer, status: 'running', deadline: d.deadline, remaining_ms: 0 },
    })),
  'timer.extended': (s, d) =>
    withWorkshop(s, d.workshop_id, (w) => ({
      ...w,
      timer: {
        ...w.timer,
        allotted_minutes: w.timer.allotted_minutes + d.minutes,
        deadline: d.deadline,
        remaining_ms: d.remaining_ms,
      },
    })),
  'workshop.question_set': (s, d) =>
    withWorkshop(s, d.workshop_id, (w) => ({ ...w, current_question: d.question_id })),
  'hand.raised': (s, d) =>
    withWorkshop(s, d.workshop_id, (w) => ({
      ...w,
      speaking_queue: [...w.speaking_queue, d.participant_id],
    })),
  'hand.lowered': (s, d) =>
    withWorkshop(s, d.workshop_id, (w) => ({
      ...w,
      speaking_queue: without(w.speaking_queue, d.participant_id),
    })),
  'floor.given': (s, d) =>
    withWorkshop(s, d.workshop_id, (w) => ({
      ...w,
      speaking_queue: without(w.speaking_queue, d.participant_id),
      speaker: d.participant_id,
      heard: withUnique(w.heard, d.participant_id),
    })),
  'contribution.captured': (s, d) => ({ ...s, contributions: [...s.contributions, d.contribution] }),
  'contribution.edited': (s, d, e) =>
    withContribution(s, d.contribution_id, (c) => ({
      ...c,
      point_id: d.point_id,
      question_id: d.question_id,
      text: d.text,
      author: d.author,
      edited_at: e.at,
    })),
  'contribution.kind_changed': (s, d, e) =>
    withContribution(s, d.contribution_id, (c) => ({ ...c, kind: d.kind, edited_at: e.at })),
  'contribution.merged': (s, d, e) => ({
    ...s,
    contributions: mapWhere(
      s.contributions,
      (c) => d.from_ids.includes(c.id),
      (c) => ({ ...c, status: 'merged', merged_into: d.into_id, edited_at: e.at }),
    ),
  }),
  'question.answered': (s, d, e) =>
    withContribution(s, d.contribution_id, (c) => ({ ...c, answer: d.answer, edited_at: e.at })),
  'proposal.submitted': (s, d) => ({ ...s, contributions: [...s.contributions, d.contribution] }),
  'proposal.accepted': (s, d, e) => {
    const known = s.contributions.some((c) => c.id === d.contribution_id);
    const base =
      known || !e.contribution ? s : { ...s, contributions: [...s.contributions, e.contribution] };
    return withContribution(base, d.contribution_id, (c) => ({
      ...c,
      status: 'active',
      edited_at: e.at,
    }));
  },
  'proposal.declined': (s, d, e) =>
    withContribution(s, d.contribution_id, (c) => ({
      ...c,
      status: 'declined',
      decline_reason: d.reason,
      edited_at: e.at,
    })),
  'voting.opened': (s, d) =>
    withWorkshop(s, d.workshop_id, (w) => ({
      ...w,
      voting: { ...w.voting, open: true, closed: false, dots_per_person: d.dots_per_person },
    })),
  'vote.cast': (s, d) => ({
    ...s,
    votes: [...s.votes, { participant_id: d.participant_id, contribution_id: d.contribution_id }],
  }),
  'vote.retracted': (s, d) => {
    const i = s.votes.findIndex(
      (v) => v.participant_id === d.participant_id && v.contribution_id === d.contribution_id,
    );
    if (i < 0) return s;
    return { ...s, votes: [...s.votes.slice(0, i), ...s.votes.slice(i + 1)] };
  },
  'hand_count.recorded': (s, d) => {
    const known = s.hand_counts.some((h) => h.contribution_id === d.contribution_id);
    if (!known) {
      return {
        ...s,
        hand_counts: [...s.hand_counts, { contribution_id: d.contribution_id, count: d.count }],
      };
    }
    return {
      ...s,
      hand_counts: mapWhere(
        s.hand_counts,
        (h) => h.contribution_id === d.contribution_id,
        (h) => ({ ...h, count: d.count }),
      ),
    };
  },
  'voting.closed': (s, d) =>
    withWorkshop(s, d.workshop_id, (w) => ({
      ...w,
      voting: { ...w.voting, open: false, closed: true },
      principal_proposals: d.principal_ids,
    })),
  'principals.set': (s, d) =>
    withWorkshop(s, d.workshop_id, (w) => ({ ...w, principal_proposals: d.contribution_ids })),
  'synthesis.written': (s, d) =>
    withWorkshop(s, d.workshop_id, (w) => ({ ...w, synthesis: d.text })),
  'synthesis.finalized': (s, d) =>
    withWorkshop(s, d.workshop_id, (w) => ({ ...w, synthesis_final: true })),
  'plenary.focused': (s, d) => ({ ...s, plenary_focus: d.target }),
  'proposals.answered': (s, d) => ({
    ...s,
    answers: [...s.answers, d.answer],
    commitments: d.commitment ? [...s.commitments, d.commitment] : s.commitments,
  }),
  'commitment.revised': (s, d) => ({
    ...s,
    commitments: mapWhere(
      s.commitments,
      (c) => c.id === d.commitment_id,
      (c) => ({ ...c, versions: [...c.versions, d.version] }),
    ),
  }),
  'progress.reported': (s, d) => ({ ...s, progress_reports: [...s.progress_reports, d.report] }),
  'evaluation.submitted': (s, d) => ({ ...s, evaluations: [...s.evaluations, d.evaluation] }),
  'observation.submitted': (s, d) => ({ ...s, observations: [...s.observations, d.observation] }),
  'observation.moderated': (s, d) =>
    withObservation(s, d.observation_id, (o) => ({ ...o, status: d.decision, reason: d.reason })),
  'observation.replied': (s, d, e) =>
    withObservation(s, d.observation_id, (o) => ({ ...o, reply: { text: d.text, at: e.at } })),
  // Ley 1581 de 2012: what identifies a person goes (a contribution's author too); territory and
  // value group stay (they feed the aggregates), and so do the links between registrants and
  // participants.
  'personal_data.erased': (s, _d, e) => ({
    ...s,
    registrants: s.registrants.map((r) => ({
      ...r,
      name: '',
      contact: '',
      organisation: '',
      code: '',
      needs: noNeeds(),
    })),
    participants: s.participants.map((p) => ({ ...p, name: '', needs: noNeeds() })),
    contributions: s.contributions.map((c) => ({ ...c, author: '' })),
    personal_data_erased_at: e.at,
  }),
};

/** Folds one event into the state: a new State at the event's seq. An event name this client
 *  does not know (a newer server) only moves the seq. */
export function applyEvent(state: State, event: EventMessage): State {
  const handler = handlers[event.name] as Handler<unknown> | undefined;
  const next = handler ? handler(state, event.data, event) : state;
  return { ...next, seq: event.seq };
}

/** Folds a list of events in order. */
export function foldEvents(state: State, events: readonly EventMessage[]): State {
  return events.reduce(applyEvent, state);
}
