// The portal's dictionary: same keys in both languages, every key the portal's code asks for
// (literal or built from an enum) is registered.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allKeys } from '../../i18n';
import '../../i18n/common';
import { portalEn, portalEs } from '../../i18n/portal';
import { STATUSES } from './api';
import { DATASETS, FORMATS } from './opendata';

describe('portal dictionary', () => {
  it('has the same keys in Spanish and English', () => {
    expect(Object.keys(portalEn).sort()).toEqual(Object.keys(portalEs).sort());
  });

  it('registers every literal key of the portal views', () => {
    const known = new Set(allKeys().es);
    const missing: string[] = [];
    for (const name of readdirSync(__dirname).filter((n) => /\.tsx?$/.test(n) && !n.endsWith('.test.ts'))) {
      const text = readFileSync(join(__dirname, name), 'utf8');
      for (const m of text.matchAll(/\bt\('([A-Za-z0-9_.-]+)'/g)) if (!known.has(m[1])) missing.push(`${m[1]} (${name})`);
    }
    expect(missing).toEqual([]);
  });

  it('names every enum value the API may send', () => {
    const known = new Set(allKeys().es);
    const built = [
      ...[...STATUSES, 'unknown'].map((s) => `portal.status.${s}`),
      ...['draft', 'convened', 'opening', 'workshops', 'plenary', 'commitments', 'published', 'follow_up', 'closed', 'unknown']
        .map((p) => `portal.phase.${p}`),
      ...['juventud', 'mujeres', 'victimas', 'etnico', 'discapacidad', 'persona_mayor', 'lgbtiq', 'campesino', 'organizacion',
        'ciudadania', 'unknown'].map((v) => `portal.vg.${v}`),
      ...['commitment', 'not_adopted', 'referred', 'unknown'].map((k) => `portal.answer.${k}`),
      ...['organisation', 'methodology', 'participation', 'answers'].map((k) => `portal.eval.${k}`),
      ...['what', 'entity', 'office', 'territory', 'due_date', 'indicator', 'goal', 'parts'].map((k) => `portal.terms.${k}`),
      ...DATASETS.flatMap((d) => [`portal.open.ds.${d}`, `portal.open.ds.${d}.about`]),
      ...FORMATS.map((f) => `portal.open.all.${f}`),
      ...['text_empty', 'text_long', 'text_control', 'alias_long', 'alias_control'].map((p) => `portal.obs.problem.${p}`),
    ];
    expect(built.filter((k) => !known.has(k))).toEqual([]);
  });
});
