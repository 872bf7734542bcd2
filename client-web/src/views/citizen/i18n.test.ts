import { describe, expect, it } from 'vitest';
import { allKeys } from '../../i18n';
import '../../i18n/citizen';
import '../../i18n/projector';

describe('citizen and projector dictionaries', () => {
  it('have the same keys in Spanish and English', () => {
    const { es, en } = allKeys();
    for (const area of ['citizen.', 'projector.']) {
      const esKeys = es.filter((k) => k.startsWith(area)).sort();
      const enKeys = en.filter((k) => k.startsWith(area)).sort();
      expect(esKeys.length).toBeGreaterThan(10);
      expect(enKeys).toEqual(esKeys);
    }
  });
});
