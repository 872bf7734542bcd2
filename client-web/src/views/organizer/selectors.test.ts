import { describe, expect, it } from 'vitest';
import type { Interpreter, Participant, Registrant, Workshop } from '../../core/protocol';
import {
  addDays,
  attendance,
  civilDate,
  countByTerritory,
  countByValueGroup,
  defaultSection,
  navSections,
  SECTIONS,
  earliestDateFor,
  earliestEventDate,
  findWalkIn,
  fold,
  interpreterNeed,
  moveTargets,
  searchRegistrants,
  sectionsFor,
  workshopSummaries,
} from './selectors';

const noNeeds = { lsc_interpreter: false, guide_interpreter: false, other: '' };
const lsc = { lsc_interpreter: true, guide_interpreter: false, other: '' };
const guide = { lsc_interpreter: false, guide_interpreter: true, other: '' };

function reg(id: string, name: string, extra: Partial<Registrant> = {}): Registrant {
  return {
    id,
    code: `ABCD-${id.toUpperCase()}`,
    name,
    contact: '',
    territory: 'Comuna 1',
    value_group: 'juventud',
    organisation: '',
    needs: noNeeds,
    registered_at: 0,
    participant_id: null,
    ...extra,
  };
}

function part(id: string, extra: Partial<Participant> = {}): Participant {
  return {
    id,
    registrant_id: null,
    name: `P ${id}`,
    territory: 'Comuna 1',
    value_group: 'mujeres',
    needs: noNeeds,
    checked_in_at: 0,
    workshop_id: null,
    ...extra,
  };
}

function ws(id: string, number: number, members: string[], extra: Partial<Workshop> = {}): Workshop {
  return {
    id,
    number,
    members,
    current_question: null,
    facilitator: null,
    relator: null,
    servants: [],
    heard: [],
    interpreter_id: null,
    principal_proposals: [],
    speaker: null,
    speaking_queue: [],
    synthesis: '',
    synthesis_final: false,
    timer: { allotted_minutes: 0, deadline: 0, remaining_ms: 0, started_at: 0, status: 'idle' },
    voting: { closed: false, dots_per_person: 0, open: false },
    ...extra,
  };
}

describe('dates (R1)', () => {
  it('uses the venue date (UTC−5), not UTC', () => {
    // 2026-03-01 03:00 UTC is still 2026-02-28 in Bogotá.
    expect(civilDate(Date.UTC(2026, 2, 1, 3, 0))).toBe('2026-02-28');
    expect(civilDate(Date.UTC(2026, 2, 1, 6, 0))).toBe('2026-03-01');
  });
  it('adds days across months and leap years', () => {
    expect(addDays('2028-02-20', 15)).toBe('2028-03-06');
    expect(addDays('2026-12-25', 15)).toBe('2027-01-09');
  });
  it('earliest date is today + 15, or publication + 15 once published', () => {
    const now = Date.UTC(2026, 0, 10, 12);
    expect(earliestEventDate(now)).toBe('2026-01-25');
    expect(earliestDateFor({ convocation_published_on: null }, now)).toBe('2026-01-25');
    expect(earliestDateFor({ convocation_published_on: '2026-01-01' }, now)).toBe('2026-01-16');
  });
});

describe('counts', () => {
  it('counts value groups, largest first', () => {
    const c = countByValueGroup([
      { value_group: 'mujeres' },
      { value_group: 'juventud' },
      { value_group: 'mujeres' },
    ]);
    expect(c).toEqual([
      { key: 'mujeres', count: 2 },
      { key: 'juventud', count: 1 },
    ]);
  });
  it('merges territories spelt differently', () => {
    const c = countByTerritory([{ territory: 'Comuna 1' }, { territory: ' comuna  1' }, { territory: 'El Carmelo' }]);
    expect(c).toEqual([
      { key: 'Comuna 1', count: 2 },
      { key: 'El Carmelo', count: 1 },
    ]);
  });
  it('counts attendance', () => {
    const a = attendance({
      registrants: [reg('r1', 'Ana', { participant_id: 'a1' }), reg('r2', 'Beto')],
      participants: [part('a1', { registrant_id: 'r1' }), part('a2')],
    });
    expect(a).toEqual({ registered: 2, registeredCheckedIn: 1, walkIns: 1, checkedIn: 2 });
  });
});

describe('R3 interpreter need', () => {
  const interpreter: Interpreter = { id: 'i1', name: 'Luz', kind: 'lsc', workshop_id: null };
  it('below the threshold there is no obligation', () => {
    const n = interpreterNeed({
      registrants: Array.from({ length: 9 }, (_, i) => reg(`r${i}`, 'x', { needs: lsc })),
      participants: [],
      interpreters: [],
    });
    expect(n).toMatchObject({ requests: 9, needed: 0, obligationOpen: false, short: false });
  });
  it('ten requests (registrants + walk-ins, not double-counted) open it until one is recorded', () => {
    const registrants = [
      ...Array.from({ length: 8 }, (_, i) => reg(`r${i}`, 'x', { needs: lsc })),
      reg('r9', 'y', { needs: guide, participant_id: 'a1' }),
    ];
    const participants = [part('a1', { registrant_id: 'r9', needs: guide }), part('a2', { needs: lsc })];
    const open = interpreterNeed({ registrants, participants, interpreters: [] });
    expect(open).toMatchObject({ requests: 10, lsc: 9, guide: 1, needed: 1, obligationOpen: true, short: true });
    const closed = interpreterNeed({ registrants, participants, interpreters: [interpreter] });
    expect(closed).toMatchObject({ obligationOpen: false, short: false, recorded: 1 });
  });
  it('more askers than a workshop holds need one interpreter per workshop', () => {
    const n = interpreterNeed({
      registrants: Array.from({ length: 31 }, (_, i) => reg(`r${i}`, 'x', { needs: lsc })),
      participants: [],
      interpreters: [interpreter],
    });
    expect(n).toMatchObject({ needed: 2, recorded: 1, obligationOpen: false, short: true });
  });
});

describe('search at the door', () => {
  const list = [
    reg('r1', 'José Pérez', { code: 'KXPM-7Q2A' }),
    reg('r2', 'Josefina Ruiz', { participant_id: 'a1' }),
    reg('r3', 'Ana María Gómez'),
  ];
  it('finds by name without accents or case, arrived last', () => {
    expect(searchRegistrants(list, 'jose').map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(searchRegistrants(list, 'ANA gomez').map((r) => r.id)).toEqual(['r3']);
    expect(searchRegistrants(list, '   ')).toEqual([]);
  });
  it('finds by code with or without the dash', () => {
    expect(searchRegistrants(list, 'kxpm7q2a').map((r) => r.id)).toEqual(['r1']);
    expect(searchRegistrants(list, 'KXPM-').map((r) => r.id)).toEqual(['r1']);
  });
  it('folds text', () => {
    expect(fold('  Ñandú   ÁRBOL ')).toBe('nandu arbol');
  });
  it('finds the walk-in just checked in', () => {
    const ps = [part('a1', { name: 'Luis' }), part('a2', { name: 'Luis', checked_in_at: 5 }), part('a3', { name: 'Luis', registrant_id: 'r1', checked_in_at: 9 })];
    expect(findWalkIn(ps, 'luis')?.id).toBe('a2');
    expect(findWalkIn(ps, 'Nadie')).toBeNull();
  });
});

describe('workshops', () => {
  const participants = [
    part('a1', { value_group: 'mujeres', needs: lsc }),
    part('a2', { value_group: 'juventud', territory: 'Norte' }),
    part('a3', { value_group: 'mujeres' }),
  ];
  const full = ws('w2', 2, Array.from({ length: 30 }, (_, i) => `x${i}`));
  const w1 = ws('w1', 1, ['a1', 'a2', 'a3'], { facilitator: 'Fa' });
  const w3 = ws('w3', 3, ['b1']);
  it('summarises size, mix, staff and interpreter', () => {
    const [s] = workshopSummaries({ workshops: [w1], participants, interpreters: [] });
    expect(s).toMatchObject({
      size: 3,
      territories: 2,
      interpreterUsers: 1,
      interpreterMissing: true,
      missingFacilitator: false,
      missingRelator: true,
      missingServant: true,
    });
    expect(s.mix[0]).toEqual({ key: 'mujeres', count: 2 });
  });
  it('never offers a move past the cap nor to the same workshop', () => {
    expect(moveTargets([w3, full, w1], { workshop_id: 'w1' }).map((w) => w.id)).toEqual(['w3']);
  });
});

describe('navigation', () => {
  it('marks the sections of each phase', () => {
    expect(sectionsFor('convened')).toContain('acreditacion');
    expect(sectionsFor('plenary')).toEqual(['plenaria', 'fases']);
    expect(defaultSection('draft')).toBe('plan');
    expect(defaultSection('commitments')).toBe('respuestas');
    expect(defaultSection('unknown')).toBe('plan');
    expect(defaultSection('follow_up')).toBe('veeduria');
    expect(sectionsFor('published')).toContain('datos');
  });
  it('lists the veeduría only once the results are published', () => {
    expect(navSections('commitments')).not.toContain('veeduria');
    expect(navSections('draft')).toContain('datos');
    for (const phase of ['published', 'follow_up', 'closed'] as const) expect(navSections(phase)).toContain('veeduria');
    expect(navSections('follow_up')).toHaveLength(SECTIONS.length);
  });
});
