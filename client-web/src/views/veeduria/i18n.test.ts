// The veeduría's dictionary: same keys in both languages, every literal key of the views that
// use it, and every key built at run time (problems, refusals).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { veeduriaEn, veeduriaEs } from '../../i18n/veeduria';

const dirs = [__dirname, join(__dirname, '..', 'office'), join(__dirname, '..', 'organizer', 'veeduria')];

describe('veeduría strings', () => {
  it('has the same keys in Spanish and English', () => {
    expect(Object.keys(veeduriaEn).sort()).toEqual(Object.keys(veeduriaEs).sort());
  });
  it('has every literal key the views use', () => {
    const used = new Set<string>();
    for (const dir of dirs)
      for (const f of readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))) {
        const src = readFileSync(join(dir, f), 'utf8');
        for (const m of src.matchAll(/t\(\s*'(vd\.[\w.]+)'/g)) used.add(m[1]);
      }
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((k) => !(k in veeduriaEs))).toEqual([]);
  });
  it('has every dynamic key', () => {
    const problems = ['empty', 'too_long', 'control'];
    const keys = [
      ...problems.map((p) => `vd.problem.${p}`),
      ...problems.map((p) => `vd.problem.reason.${p}`),
      ...['already_replied', 'not_approved', 'not_pending', 'already_erased', 'wrong_phase', 'not_found'].map((c) => `vd.err.${c}`),
    ];
    expect(keys.filter((k) => !(k in veeduriaEs))).toEqual([]);
  });
});
