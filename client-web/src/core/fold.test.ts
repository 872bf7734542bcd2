import { describe, expect, it } from 'vitest';
import type { Contribution, EventMessage, State } from './protocol';
import { applyEvent, emptyState, emptyWorkshop, foldEvents } from './fold';
import { contribution as aContribution, observation } from './test-fixtures';

let seq = 0;
function ev(name: string, data: Record<string, unknown>, extra: Partial<EventMessage> = {}) {
  seq += 1;
  return { type: 'event', encuentro: 'e1', seq, at: 1000 + seq, name, data, ...extra } as EventMessage;
}

const contribution = (id: string, over: Partial<Contribution> = {}): Contribution =>
  aContribution(id, { text: 'texto', edited_at: 1, ...over });

const details = {
  title: 'Encuentro',
  entities: ['Alcaldía'],
  objective: 'o',
  report_summary: 'r',
  methodology: 'm',
  venue: 'v',
  date: '2026-12-12',
  start_time: '08:00',
  end_time: '12:00',
  expected_attendance: 100,
};

function withWorkshop(): State {
  seq = 0;
  return foldEvents(emptyState('e1'), [
    ev('encuentro.created', { encuentro_id: 'e1', details }),
    ev('point.added', { point_id: 'p1', title: 'Eje', description: '' }),
    ev('question.added', { point_id: 'p1', question_id: 'q1', text: '¿?' }),
    ev('workshop.added', { workshop_id: 'w1', number: 1 }),
  ]);
}

describe('applyEvent', () => {
  it('creates the encuentro in draft and records the phase', () => {
    seq = 0;
    const s = applyEvent(emptyState('e1'), ev('encuentro.created', { encuentro_id: 'e1', details }));
    expect(s.phase).toBe('draft');
    expect(s.details.title).toBe('Encuentro');
    expect(s.phase_history).toEqual([{ phase: 'draft', at: 1001, actor: '' }]);
    expect(s.seq).toBe(1);
  });

  it('counts points and questions, and removes questions', () => {
    let s = withWorkshop();
    expect(s.point_counter).toBe(1);
    expect(s.question_counter).toBe(1);
    s = applyEvent(s, ev('question.removed', { question_id: 'q1' }));
    expect(s.points[0]!.questions).toEqual([]);
    expect(s.question_counter).toBe(1);
  });

  it('is immutable: untouched arrays and records are shared', () => {
    const s = withWorkshop();
    const frozen = JSON.stringify(s);
    const next = applyEvent(s, ev('hand.raised', { workshop_id: 'w1', participant_id: 'a1' }));
    expect(JSON.stringify(s)).toBe(frozen);
    expect(next).not.toBe(s);
    expect(next.workshops).not.toBe(s.workshops);
    expect(next.workshops[0]!.speaking_queue).toEqual(['a1']);
    expect(next.points).toBe(s.points);
    expect(next.contributions).toBe(s.contributions);
  });

  it('runs the speaking queue', () => {
    let s = withWorkshop();
    s = applyEvent(s, ev('hand.raised', { workshop_id: 'w1', participant_id: 'a1' }));
    s = applyEvent(s, ev('hand.raised', { workshop_id: 'w1', participant_id: 'a2' }));
    s = applyEvent(s, ev('floor.given', { workshop_id: 'w1', participant_id: 'a1' }));
    s = applyEvent(s, ev('floor.given', { workshop_id: 'w1', participant_id: 'a1' }));
    const w = s.workshops[0]!;
    expect(w.speaking_queue).toEqual(['a2']);
    expect(w.speaker).toBe('a1');
    expect(w.heard).toEqual(['a1']);
  });

  it('runs the timer from the server deadline', () => {
    let s = withWorkshop();
    s = applyEvent(s, ev('timer.started', { workshop_id: 'w1', minutes: 60, deadline: 5000 }));
    expect(s.workshops[0]!.timer).toMatchObject({ status: 'running', deadline: 5000, allotted_minutes: 60 });
    s = applyEvent(s, ev('timer.paused', { workshop_id: 'w1', remaining_ms: 1234 }));
    expect(s.workshops[0]!.timer).toMatchObject({ status: 'paused', deadline: 0, remaining_ms: 1234 });
    s = applyEvent(s, ev('timer.extended', { workshop_id: 'w1', minutes: 10, deadline: 0, remaining_ms: 601234 }));
    expect(s.workshops[0]!.timer).toMatchObject({ status: 'paused', allotted_minutes: 70, remaining_ms: 601234 });
    s = applyEvent(s, ev('timer.resumed', { workshop_id: 'w1', deadline: 9000 }));
    expect(s.workshops[0]!.timer).toMatchObject({ status: 'running', deadline: 9000, remaining_ms: 0 });
  });

  it('merges, votes and closes voting', () => {
    let s = withWorkshop();
    s = applyEvent(s, ev('contribution.captured', { contribution: contribution('c1') }));
    s = applyEvent(s, ev('contribution.captured', { contribution: contribution('c2') }));
    s = applyEvent(s, ev('contribution.merged', { into_id: 'c1', from_ids: ['c2', 'c9'] }));
    expect(s.contributions[1]).toMatchObject({ status: 'merged', merged_into: 'c1' });
    s = applyEvent(s, ev('voting.opened', { workshop_id: 'w1', dots_per_person: 2 }));
    s = applyEvent(s, ev('vote.cast', { workshop_id: 'w1', participant_id: 'a1', contribution_id: 'c1' }));
    s = applyEvent(s, ev('vote.cast', { workshop_id: 'w1', participant_id: 'a1', contribution_id: 'c1' }));
    s = applyEvent(s, ev('vote.retracted', { workshop_id: 'w1', participant_id: 'a1', contribution_id: 'c1' }));
    expect(s.votes).toHaveLength(1);
    s = applyEvent(s, ev('hand_count.recorded', { workshop_id: 'w1', contribution_id: 'c1', count: 4 }));
    s = applyEvent(s, ev('hand_count.recorded', { workshop_id: 'w1', contribution_id: 'c1', count: 5 }));
    expect(s.hand_counts).toEqual([{ contribution_id: 'c1', count: 5 }]);
    s = applyEvent(s, ev('voting.closed', { workshop_id: 'w1', principal_ids: ['c1'] }));
    expect(s.workshops[0]!.voting).toEqual({ open: false, closed: true, dots_per_person: 2 });
    expect(s.workshops[0]!.principal_proposals).toEqual(['c1']);
  });

  it('inserts the contribution a proposal.accepted reveals', () => {
    const s = withWorkshop();
    const hidden = contribution('c7', { source: 'citizen', status: 'pending', text: 'aceptada' });
    const next = applyEvent(s, ev('proposal.accepted', { contribution_id: 'c7' }, { contribution: hidden }));
    expect(next.contributions).toHaveLength(1);
    expect(next.contributions[0]).toMatchObject({ id: 'c7', status: 'active', text: 'aceptada' });
    // Known already (the relator's desk): no second copy.
    const again = applyEvent(next, ev('proposal.accepted', { contribution_id: 'c7' }, { contribution: hidden }));
    expect(again.contributions).toHaveLength(1);
  });

  it('leaves alone what a filtered state lacks', () => {
    const s = withWorkshop();
    const next = applyEvent(s, ev('contribution.edited', {
      contribution_id: 'nope', point_id: 'p1', question_id: null, text: 'x', author: '',
    }));
    expect(next.contributions).toBe(s.contributions);
    const moved = applyEvent(s, ev('participant.moved', {
      participant_id: 'a1', from_workshop: 'w9', to_workshop: 'w1',
    }));
    expect(moved.workshops[0]!.members).toEqual(['a1']);
  });

  it('forms workshops from scratch and places people', () => {
    let s = withWorkshop();
    s = applyEvent(s, ev('participant.checked_in', {
      participant: {
        id: 'a1', registrant_id: null, name: 'Ana', territory: 't', value_group: 'mujeres',
        needs: { lsc_interpreter: false, guide_interpreter: false, other: '' }, checked_in_at: 1,
        workshop_id: null,
      },
    }));
    s = applyEvent(s, ev('workshops.formed', {
      workshops: [{ workshop_id: 'w2', number: 1, members: ['a1'], interpreter_id: null }],
    }));
    expect(s.workshops).toEqual([{ ...emptyWorkshop('w2', 1), members: ['a1'] }]);
    expect(s.participants[0]!.workshop_id).toBe('w2');
  });

  it('answers proposals with a commitment and revises it', () => {
    let s = withWorkshop();
    const terms = { what: 'w', entity: 'e', office: 'o', due_date: '2027-01-01', indicator: 'i', goal: 'g' };
    s = applyEvent(s, ev('proposals.answered', {
      answer: { id: 'a1', proposal_ids: ['c1'], kind: 'commitment', commitment_id: 'k1', reason: '', referred_to: '', at: 1 },
      commitment: { id: 'k1', proposal_ids: ['c1'], versions: [{ version: 1, terms, at: 1, reason: '' }] },
    }));
    s = applyEvent(s, ev('commitment.revised', {
      commitment_id: 'k1', version: { version: 2, terms, at: 2, reason: 'ajuste' },
    }));
    expect(s.commitments[0]!.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(s.answers).toHaveLength(1);
  });

  it('runs the veeduría: submitted, moderated, replied', () => {
    let s = withWorkshop();
    expect(s.observations).toEqual([]);
    const o1 = observation('o1', { text: '<b>ojo</b>', at: 50 });
    const o2 = observation('o2', { alias: 'Ana' });
    s = applyEvent(s, ev('observation.submitted', { observation: o1 }));
    s = applyEvent(s, ev('observation.submitted', { observation: o2 }));
    expect(s.observations).toEqual([o1, o2]);
    const before = s;
    s = applyEvent(s, ev('observation.moderated', { observation_id: 'o1', decision: 'approved', reason: '' }));
    s = applyEvent(s, ev('observation.moderated', { observation_id: 'o2', decision: 'rejected', reason: 'Datos personales' }));
    expect(before.observations.map((o) => o.status)).toEqual(['pending', 'pending']);
    expect(s.observations.map((o) => [o.status, o.reason])).toEqual([['approved', ''], ['rejected', 'Datos personales']]);
    s = applyEvent(s, ev('observation.replied', { observation_id: 'o1', text: 'Gracias' }));
    expect(s.observations[0]!.reply).toEqual({ text: 'Gracias', at: s.seq + 1000 });
    // The other records are shared, not copied.
    expect(s.contributions).toBe(before.contributions);
  });

  it('leaves the observations alone for an observation the state lacks', () => {
    const s = withWorkshop();
    const next = applyEvent(s, ev('observation.replied', { observation_id: 'nope', text: 'x' }));
    expect(next.observations).toBe(s.observations);
  });

  it('erases personal data and keeps territory, value group, contributions and links', () => {
    let s = withWorkshop();
    const needs = { lsc_interpreter: true, guide_interpreter: false, other: 'rampa' };
    s = applyEvent(s, ev('registrant.registered', {
      registrant: {
        id: 'r1', name: 'Ana Pérez', contact: 'ana@example.org', territory: 'Comuna 1', value_group: 'mujeres',
        organisation: 'JAC', needs, code: 'ABCD-EFGH-JK', participant_id: null, registered_at: 5,
      },
    }));
    s = applyEvent(s, ev('participant.checked_in', {
      participant: {
        id: 'a1', registrant_id: 'r1', name: 'Ana Pérez', territory: 'Comuna 1', value_group: 'mujeres',
        needs, checked_in_at: 6, workshop_id: 'w1',
      },
    }));
    s = applyEvent(s, ev('contribution.captured', { contribution: contribution('c1', { author: 'Ana Pérez' }) }));
    s = applyEvent(s, ev('contribution.captured', { contribution: contribution('c2') }));
    expect(s.personal_data_erased_at).toBeNull();
    s = applyEvent(s, ev('personal_data.erased', {}));
    const cleared = { lsc_interpreter: false, guide_interpreter: false, other: '' };
    expect(s.registrants).toEqual([{
      id: 'r1', name: '', contact: '', territory: 'Comuna 1', value_group: 'mujeres', organisation: '',
      needs: cleared, code: '', participant_id: 'a1', registered_at: 5,
    }]);
    expect(s.participants).toEqual([{
      id: 'a1', registrant_id: 'r1', name: '', territory: 'Comuna 1', value_group: 'mujeres', needs: cleared,
      checked_in_at: 6, workshop_id: 'w1',
    }]);
    expect(s.contributions).toEqual([contribution('c1'), contribution('c2')]);
    expect(s.personal_data_erased_at).toBe(1000 + s.seq);
    expect(s.workshops[0]!.members).toEqual(['a1']);
  });

  it('moves only the seq for an event name it does not know', () => {
    const s = withWorkshop();
    const next = applyEvent(s, ev('something.new' as never, {}));
    expect(next.seq).toBe(s.seq + 1);
    expect(next.workshops).toBe(s.workshops);
  });
});
