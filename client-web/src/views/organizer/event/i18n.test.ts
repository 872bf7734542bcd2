// The event and answers panels' dictionary: both languages have the same keys, every literal
// key the views use exists, and so does every dynamic one (phases, steps, states, kinds).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { organizerEventEn, organizerEventEs } from '../../../i18n/organizer-event';
import { PHASES } from './selectors';

const dirs = [__dirname, join(__dirname, '..', 'answers')];

describe('organizer event strings', () => {
  it('has the same keys in Spanish and English', () => {
    expect(Object.keys(organizerEventEn).sort()).toEqual(Object.keys(organizerEventEs).sort());
  });
  it('has every literal key the views use', () => {
    const used = new Set<string>();
    for (const dir of dirs)
      for (const f of readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))) {
        const src = readFileSync(join(dir, f), 'utf8');
        for (const m of src.matchAll(/t\(\s*'(o[ea]\.[\w.]+)'/g)) used.add(m[1]);
      }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !(k in organizerEventEs))).toEqual([]);
  });
  it('has every dynamic key', () => {
    const keys = [
      ...[...PHASES, 'unknown'].map((p) => `oe.phase.${p}`),
      ...PHASES.slice(1).flatMap((p) => [`oe.next.about.${p}`, `oe.confirm.${p}`]),
      ...['done', 'current', 'todo'].map((s) => `oe.step.${s}`),
      ...['convocation', 'workshops_formed', 'staff', 'servants', 'voting_open', 'voting_not_closed',
        'synthesis_not_final', 'no_principals', 'answers', 'none'].map((c) => `oe.req.${c}`),
      ...['not_open', 'open', 'closed'].map((v) => `oe.voting.${v}`),
      ...['empty', 'draft', 'final'].map((v) => `oe.synthesis.${v}`),
      ...['commitment', 'not_adopted', 'referred'].map((k) => `oa.kind.${k}`),
      ...['workshop', 'point'].map((g) => `oa.group.${g}`),
      ...['what', 'entity', 'office', 'territory', 'due_date', 'indicator', 'goal', 'parts', 'reason', 'referred_to',
        'proposal_ids', 'terms', 'target'].map((f) => `oe.field.${f}`),
      ...['parts_one', 'parts_many', 'parts_blank', 'parts_long', 'parts_removed', 'territory_long'].map((p) => `oa.problem.${p}`),
      ...['pendiente', 'en_ejecucion', 'cumplido', 'no_cumplido'].map((s) => `oa.status.${s}`),
    ];
    expect(keys.filter((k) => !(k in organizerEventEs))).toEqual([]);
  });
});
