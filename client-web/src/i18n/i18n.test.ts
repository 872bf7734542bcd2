// Every string the app shows exists in Spanish and in English: each dictionary has the same keys
// in both languages, and every literal key passed to t('…') anywhere in src/ is registered.
// (Keys built at run time, t(`conn.${state}`), are covered by the areas' own tests.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allKeys } from './index';
import './common';
import './errors';
import './organizer';
import './organizer-event';
import './workshop';
import './citizen';
import './projector';
import './portal';
import './office';
import './memoria';
import './veeduria';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('i18n', () => {
  const keys = allKeys();

  it('has the same keys in Spanish and English', () => {
    const es = new Set(keys.es);
    const en = new Set(keys.en);
    expect([...es].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !es.has(k))).toEqual([]);
  });

  it('registers every key the code asks for', () => {
    const known = new Set(keys.es);
    const missing = new Set<string>();
    for (const file of sources(join(__dirname, '..'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\('([A-Za-z0-9_.-]+)'/g)) {
        if (!known.has(m[1])) missing.add(`${m[1]} (${file.split('/src/')[1]})`);
      }
    }
    expect([...missing]).toEqual([]);
  });
});
