// Builders of protocol records for unit tests (imported only by *.test.ts and test fixtures, so
// never bundled). One place, so a new field in the schema is added once.
import type { CommitmentTerms, Contribution, Observation } from './protocol';

/** An active relator-captured proposal in w1 under p1; `over` changes any field. */
export function contribution(id: string, over: Partial<Contribution> = {}): Contribution {
  return {
    id,
    workshop_id: 'w1',
    kind: 'propuesta',
    point_id: 'p1',
    question_id: null,
    text: `texto ${id}`,
    author: '',
    source: 'relator',
    submitted_by: null,
    status: 'active',
    merged_into: null,
    decline_reason: '',
    answer: '',
    created_at: 1,
    edited_at: 0,
    ...over,
  };
}

/** A pending, anonymous citizen observation on the commitment k1; `over` changes any field. */
export function observation(id: string, over: Partial<Observation> = {}): Observation {
  return {
    id,
    commitment_id: 'k1',
    text: `texto ${id}`,
    alias: '',
    at: 100,
    status: 'pending',
    reason: '',
    reply: null,
    ...over,
  };
}

/** A commitment's terms, without territory or parts unless `over` gives them. */
export function terms(over: Partial<CommitmentTerms> = {}): CommitmentTerms {
  return {
    what: 'Hacer algo',
    entity: 'Alcaldía',
    office: 'Oficina A',
    due_date: '2026-10-01',
    indicator: 'Algo hecho',
    goal: '1',
    territory: '',
    parts: [],
    ...over,
  };
}
