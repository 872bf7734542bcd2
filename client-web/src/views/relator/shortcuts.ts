// The relator's keyboard shortcuts, as pure functions of a key event's fields (tested).
import type { ContributionKind } from '../../core/protocol';
import { KINDS } from '../facilitator/shared/selectors';

export interface KeyLike {
  key: string;
  code?: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** Alt+1..5 chooses the kind (by physical digit key, so layouts where Alt+digit types a
 *  character, like macOS Option, still work). */
export function kindShortcut(e: KeyLike): ContributionKind | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(e.code ?? '') ?? /^([1-9])$/.exec(e.key);
  if (!m) return null;
  return KINDS[Number(m[1]) - 1] ?? null;
}

/** Ctrl+Enter (Cmd+Enter on a Mac keyboard) sends the capture. */
export function isSendShortcut(e: KeyLike): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey;
}
