// The workshop's synthesis: written while the workshop runs, saved by itself a moment after
// typing stops (synthesis.write through the outbox), finalized once the vote is closed.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { State } from '../../core/live';
import type { Workshop } from '../../core/protocol';
import { t } from '../../i18n';
import { useCommand } from '../facilitator/shared/command';
import { ErrorLine } from '../facilitator/shared/header';

export const AUTOSAVE_MS = 1500;

export function SynthesisPanel(props: { state: State; workshop: Workshop; editable: boolean }) {
  const w = props.workshop;
  const write = useCommand();
  const finalize = useCommand();
  const [draft, setDraft] = useState(w.synthesis);
  // What the server had when the draft last matched it: remote changes are adopted only while
  // nothing local is unsaved, so typing is never overwritten.
  const [base, setBase] = useState(w.synthesis);
  const [saving, setSaving] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(draft);
  latest.current = draft;

  useEffect(() => {
    if (w.synthesis === base) return;
    if (draft === base) setDraft(w.synthesis);
    setBase(w.synthesis);
  }, [w.synthesis]);

  async function save(text: string) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (text === w.synthesis) return true;
    setSaving(true);
    const r = await write.run('synthesis.write', { workshop_id: w.id, text });
    setSaving(false);
    if (r?.ok) setBase(text);
    return !!r?.ok;
  }

  function onInput(text: string) {
    setDraft(text);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(latest.current), AUTOSAVE_MS);
  }

  // Save what is pending when leaving the view.
  useEffect(() => () => {
    if (timer.current) {
      clearTimeout(timer.current);
      void save(latest.current);
    }
  }, []);

  const dirty = draft !== w.synthesis;
  const canFinalize = props.editable && w.voting.closed && !w.voting.open && draft.trim().length > 0;
  const principal = w.principal_proposals
    .map((id) => props.state.contributions.find((c) => c.id === id))
    .filter((c) => !!c);

  return (
    <section class="card ws-panel" aria-labelledby="ws-synth-title">
      <h2 id="ws-synth-title">{t('rel.synth.title')}</h2>
      {principal.length > 0 && (
        <>
          <h3>{t('rel.synth.principals')}</h3>
          <ol>{principal.map((c) => <li key={c!.id}>{c!.text}</li>)}</ol>
        </>
      )}
      {w.synthesis_final ? (
        <>
          <p class="ws-notice" role="status">{t('rel.synth.final')}</p>
          <p class="ws-text">{w.synthesis}</p>
        </>
      ) : (
        <>
          <label for="ws-synth">{t('rel.synth.label')}</label>
          <textarea id="ws-synth" value={draft} rows={8} maxLength={20000} disabled={!props.editable}
            aria-describedby="ws-synth-status"
            onInput={(e) => onInput((e.target as HTMLTextAreaElement).value)}
            onBlur={() => { if (timer.current) void save(latest.current); }} />
          <p id="ws-synth-status" class="hint ws-saved" aria-live="polite">
            {saving ? t('rel.synth.saving') : dirty ? t('rel.synth.unsaved') : t('rel.synth.saved')}
          </p>
          <ErrorLine error={write.error} onDismiss={write.clear} />
          {!w.voting.closed && <p class="hint">{t('rel.synth.needvote')}</p>}
          {confirm ? (
            <div class="ws-actions" role="group" aria-label={t('rel.synth.confirm')}>
              <p class="ws-notice">{t('rel.synth.confirm')}</p>
              <button type="button" class="btn btn-primary btn-big" disabled={!canFinalize}
                onClick={async () => {
                  setConfirm(false);
                  if (!(await save(latest.current))) return;
                  await finalize.run('synthesis.finalize', { workshop_id: w.id });
                }}>
                {t('rel.synth.finalize.yes')}
              </button>
              <button type="button" class="btn btn-big" onClick={() => setConfirm(false)}>{t('common.cancel')}</button>
            </div>
          ) : (
            <button type="button" class="btn btn-big" disabled={!canFinalize} onClick={() => setConfirm(true)}>
              {t('rel.synth.finalize')}
            </button>
          )}
          <ErrorLine error={finalize.error} onDismiss={finalize.clear} />
        </>
      )}
    </section>
  );
}
