// The memoria's dictionary: same keys in both languages, and the keys its code builds at run time
// (answer kinds; the portal's vocabulary it reuses) are registered.
import { describe, expect, it } from 'vitest';
import { allKeys } from '../../i18n';
import '../../i18n/common';
import '../../i18n/portal';
import { memoriaEn, memoriaEs } from '../../i18n/memoria';
import { STATUSES } from '../portal/api';
import { ANSWER_KEYS, CRITERIA } from './model';

describe('memoria dictionary', () => {
  it('has the same keys in Spanish and English', () => {
    expect(Object.keys(memoriaEn).sort()).toEqual(Object.keys(memoriaEs).sort());
  });

  it('names every key built from an enum', () => {
    const known = new Set(allKeys().es);
    const built = [
      ...ANSWER_KEYS.map((k) => `memoria.answers.${k}`),
      ...STATUSES.map((s) => `portal.status.${s}`),
      ...CRITERIA.map((k) => `portal.eval.${k}`),
    ];
    expect(built.filter((k) => !known.has(k))).toEqual([]);
  });
});
