// Drafts kept by a view, keyed by record (an observation, a commitment), so live events that
// re-render the records never wipe what is being typed. null discards one.
import { useState } from 'preact/hooks';

export function useDrafts<T>(): [Record<string, T>, (id: string, draft: T | null) => void] {
  const [drafts, setDrafts] = useState<Record<string, T>>({});
  const setDraft = (id: string, draft: T | null) =>
    setDrafts((all) => {
      const next = { ...all };
      if (draft === null) delete next[id];
      else next[id] = draft;
      return next;
    });
  return [drafts, setDraft];
}
