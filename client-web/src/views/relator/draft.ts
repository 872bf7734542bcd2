// The capture draft survives a reload or a closed tab: kept per workshop in localStorage.
import type { ContributionKind } from '../../core/protocol';

export interface CaptureDraft {
  kind: ContributionKind;
  text: string;
  author: string;
}

const key = (workshopId: string) => `encuentro.relator.draft.${workshopId}`;

export function loadDraft(workshopId: string): CaptureDraft | null {
  try {
    const raw = localStorage.getItem(key(workshopId));
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<CaptureDraft>;
    return {
      kind: (d.kind ?? 'propuesta') as ContributionKind,
      text: typeof d.text === 'string' ? d.text : '',
      author: typeof d.author === 'string' ? d.author : '',
    };
  } catch {
    return null;
  }
}

export function saveDraft(workshopId: string, d: CaptureDraft): void {
  try {
    localStorage.setItem(key(workshopId), JSON.stringify(d));
  } catch {
    // Storage full or unavailable: the draft stays in memory.
  }
}
