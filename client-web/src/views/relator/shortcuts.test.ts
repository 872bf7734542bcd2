import { describe, expect, it } from 'vitest';
import { isSendShortcut, kindShortcut, type KeyLike } from './shortcuts';

const key = (over: Partial<KeyLike>): KeyLike => ({
  key: '',
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...over,
});

describe('relator shortcuts', () => {
  it('Alt+1..5 choose the kind by physical key', () => {
    expect(kindShortcut(key({ altKey: true, code: 'Digit1', key: '¡' }))).toBe('propuesta');
    expect(kindShortcut(key({ altKey: true, code: 'Digit4', key: '4' }))).toBe('pregunta');
    expect(kindShortcut(key({ altKey: true, code: 'Numpad5', key: '5' }))).toBe('queja');
    expect(kindShortcut(key({ altKey: true, code: 'Digit6', key: '6' }))).toBeNull();
    expect(kindShortcut(key({ code: 'Digit1', key: '1' }))).toBeNull();
    expect(kindShortcut(key({ altKey: true, ctrlKey: true, code: 'Digit1', key: '1' }))).toBeNull();
  });

  it('Ctrl+Enter or Cmd+Enter sends; Enter alone does not', () => {
    expect(isSendShortcut(key({ key: 'Enter', ctrlKey: true }))).toBe(true);
    expect(isSendShortcut(key({ key: 'Enter', metaKey: true }))).toBe(true);
    expect(isSendShortcut(key({ key: 'Enter' }))).toBe(false);
  });
});
