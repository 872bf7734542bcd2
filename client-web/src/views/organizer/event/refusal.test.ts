import { describe, expect, it } from 'vitest';
import type { ErrorReply } from '../../../core/live';
import { describeRefusal, refusalDetail } from './refusal';
import { state, workshop } from './test-fixture';

const rule = (code: string, details: Record<string, string> = {}): ErrorReply =>
  ({ type: 'error', category: 'rule', code, message: 'x', details }) as ErrorReply;

const s = state({
  workshops: [workshop('w1', 1, { principal_proposals: ['c1', 'c2'] }), workshop('w2', 2, { principal_proposals: ['c7'] })],
});

describe('refusals in words', () => {
  it('names the workshops that lack staff or keep a vote open', () => {
    expect(refusalDetail(rule('staff_missing', { workshops: 'w1,w2' }), s)).toBe(
      'Talleres sin facilitador/a o relator/a: Taller 1, Taller 2.',
    );
    expect(refusalDetail(rule('voting_open', { workshops: 'w2' }), s)).toContain('Taller 2');
  });
  it('names the unanswered proposals by workshop and rank (R9)', () => {
    expect(refusalDetail(rule('unanswered_proposals', { proposals: 'c2,c7' }), s)).toBe(
      'Propuestas sin respuesta (2): Taller 1, propuesta 2; Taller 2, propuesta 1.',
    );
  });
  it('names a wrong field in words, without repeating the raw id', () => {
    const text = describeRefusal(rule('invalid_argument', { field: 'due_date' }), s);
    expect(text).toContain('«Fecha límite»');
    expect(text).not.toContain('(due_date)');
  });
  it('falls back to the generic sentence', () => {
    expect(refusalDetail(rule('timer_state'), s)).toBe('');
    expect(describeRefusal(rule('timer_state'), s).length).toBeGreaterThan(0);
  });
});
