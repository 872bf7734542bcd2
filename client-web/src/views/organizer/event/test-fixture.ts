// A small State for the selectors' tests (not bundled: only tests import it).
import type { Contribution, State, Workshop } from '../../../core/protocol';

export function workshop(id: string, number: number, over: Partial<Workshop> = {}): Workshop {
  return {
    current_question: null,
    facilitator: 'F',
    heard: [],
    id,
    interpreter_id: null,
    members: [],
    number,
    principal_proposals: [],
    relator: 'R',
    servants: ['S'],
    speaker: null,
    speaking_queue: [],
    synthesis: '',
    synthesis_final: false,
    timer: { allotted_minutes: 0, deadline: 0, remaining_ms: 0, started_at: 0, status: 'idle' },
    voting: { closed: false, dots_per_person: 0, open: false },
    ...over,
  };
}

export function contribution(
  id: string,
  workshop_id: string,
  point_id: string,
  over: Partial<Contribution> = {},
): Contribution {
  return {
    answer: '',
    author: '',
    created_at: 0,
    decline_reason: '',
    edited_at: 0,
    id,
    kind: 'propuesta',
    merged_into: null,
    point_id,
    question_id: null,
    source: 'relator',
    status: 'active',
    submitted_by: null,
    text: `text ${id}`,
    workshop_id,
    ...over,
  };
}

export function state(over: Partial<State> = {}): State {
  return {
    answers: [],
    commitments: [],
    contributions: [],
    convocation_published_on: null,
    details: {
      date: '2026-07-18',
      end_time: '12:00',
      entities: ['Alcaldía'],
      expected_attendance: 60,
      methodology: '',
      objective: 'o',
      report_summary: '',
      start_time: '08:00',
      title: 'T',
      venue: 'V',
    },
    evaluations: [],
    hand_counts: [],
    id: 'e1',
    interpreters: [],
    participants: [],
    phase: 'draft',
    phase_history: [],
    plenary_focus: null,
    point_counter: 2,
    points: [
      { id: 'p1', title: 'Uno', description: '', questions: [{ id: 'q1', text: '¿Pregunta 1?' }] },
      { id: 'p2', title: 'Dos', description: '', questions: [{ id: 'q2', text: '¿Pregunta 2?' }] },
    ],
    progress_reports: [],
    question_counter: 2,
    registrants: [],
    seq: 1,
    votes: [],
    workshops: [],
    observations: [],
    personal_data_erased_at: null,
    ...over,
  };
}
