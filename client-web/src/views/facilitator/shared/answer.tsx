// Answering a citizen's question (question.answer): the servant's job, the relator may too.
// The draft lives in component state, so incoming updates never wipe what is being typed.
import { useState } from 'preact/hooks';
import type { Contribution } from '../../../core/protocol';
import { t } from '../../../i18n';
import { useCommand } from './command';
import { ErrorLine } from './header';

export function AnswerForm(props: { contribution: Contribution; enabled: boolean; onDone?: () => void }) {
  const c = props.contribution;
  const cmd = useCommand();
  const [draft, setDraft] = useState(c.answer);
  const [saved, setSaved] = useState(false);
  const id = `ws-answer-${c.id}`;
  const valid = draft.trim().length > 0 && draft.trim() !== c.answer;
  return (
    <form class="ws-answer-form" onSubmit={(e) => {
      e.preventDefault();
      if (!valid) return;
      setSaved(false);
      void cmd.run('question.answer', { contribution_id: c.id, answer: draft.trim() }).then((r) => {
        if (r?.ok) {
          setSaved(true);
          props.onDone?.();
        }
      });
    }}>
      <label for={id}>{c.answer ? t('ws.answer.edit') : t('ws.answer.label')}</label>
      <textarea id={id} value={draft} maxLength={2000}
        onInput={(e) => { setSaved(false); setDraft((e.target as HTMLTextAreaElement).value); }} />
      <div class="ws-actions">
        <button type="submit" class="btn btn-primary" disabled={!props.enabled || !valid}>
          {t('ws.answer.save')}
        </button>
      </div>
      <p aria-live="polite" class="ws-saved">{saved ? t('ws.answer.saved') : ''}</p>
      <ErrorLine error={cmd.error} onDismiss={cmd.clear} />
    </form>
  );
}
