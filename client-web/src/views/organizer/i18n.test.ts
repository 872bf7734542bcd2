// The organizer's dictionary: both languages have the same keys, and every key the views use
// literally exists (dynamic ones — enums, error codes — are checked against their value lists).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { organizerEn, organizerEs } from '../../i18n/organizer';
import { SECTIONS, VALUE_GROUPS } from './selectors';

const dir = __dirname;

describe('organizer strings', () => {
  it('has the same keys in Spanish and English', () => {
    expect(Object.keys(organizerEn).sort()).toEqual(Object.keys(organizerEs).sort());
  });
  it('has every literal key the views use', () => {
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.tsx'))) {
      const src = readFileSync(join(dir, f), 'utf8');
      for (const m of src.matchAll(/t\(\s*'(org\.[\w.]+)'/g)) used.add(m[1]);
    }
    const missing = [...used].filter((k) => !(k in organizerEs));
    expect(missing).toEqual([]);
  });
  it('has every dynamic key', () => {
    const keys = [
      ...SECTIONS.map((s) => `org.nav.${s}`),
      ...VALUE_GROUPS.map((g) => `org.vg.${g}`),
      ...['draft', 'convened', 'opening', 'workshops', 'plenary', 'commitments', 'published', 'follow_up', 'closed', 'unknown'].map((p) => `org.phase.${p}`),
      ...['organizer', 'facilitator', 'relator', 'servant', 'projector', 'office', 'citizen'].map((r) => `org.role.${r}`),
      ...['facilitator', 'relator', 'servant'].flatMap((r) => [`org.ws.staff.${r}`, `org.ws.staff.save.${r}`]),
    ];
    expect(keys.filter((k) => !(k in organizerEs))).toEqual([]);
  });
});
