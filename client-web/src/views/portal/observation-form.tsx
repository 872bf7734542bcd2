// "Deja tu observación de seguimiento": the form of the veeduría on a commitment's public page.
// The draft (text, alias and its op id) is kept in this tab's sessionStorage, so a failed send
// or a reload never loses it, and a retry of the same draft is the same observation. Published
// only after the organizer's moderation: the page says so, and asks for no personal data.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import {
  MAX_ALIAS,
  MAX_TEXT,
  chars,
  draftKey,
  draftProblems,
  editDraft,
  emptyDraft,
  keepsDraft,
  loadDraft,
  needsNewOp,
  outcomeText,
  postObservation,
  saveDraft,
  withOp,
  type DraftProblem,
  type ObservationDraft,
  type Outcome,
} from './observe';

function tabStorage(): Storage | null {
  try {
    return typeof sessionStorage !== 'undefined' ? sessionStorage : null;
  } catch {
    return null;
  }
}

const FIELD_OF: Record<DraftProblem, 'text' | 'alias'> = {
  text_empty: 'text',
  text_long: 'text',
  text_control: 'text',
  alias_long: 'alias',
  alias_control: 'alias',
};

export function ObservationForm(props: { encuentro: string; commitment: string }) {
  const key = draftKey(props.encuentro, props.commitment);
  const [draft, setDraftState] = useState<ObservationDraft>(() => loadDraft(tabStorage(), key));
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const retryUntil = useRef(0);
  const form = useRef<HTMLFormElement>(null);
  const alive = useRef(true);
  useEffect(() => () => {
    alive.current = false;
  }, []);

  const id = (f: string) => `pt-obs-${f}`;
  const setDraft = (d: ObservationDraft) => {
    setDraftState(d);
    saveDraft(tabStorage(), key, d);
  };
  const edit = (patch: Partial<Pick<ObservationDraft, 'text' | 'alias'>>) => {
    const next = editDraft(draft, patch);
    setDraft(next);
    if (outcome?.kind === 'received') setOutcome(null);
    if (problems.length) setProblems(draftProblems(next));
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const found = draftProblems(draft);
    setProblems(found);
    if (found.length) {
      setOutcome(null);
      form.current?.querySelector<HTMLElement>(`#${id(FIELD_OF[found[0]!])}`)?.focus();
      return;
    }
    const waitS = Math.ceil((retryUntil.current - Date.now()) / 1000);
    if (waitS > 0) {
      setOutcome({ kind: 'rate_limited', retryAfterS: waitS });
      return;
    }
    const sending = withOp(draft);
    setDraft(sending); // the op id is kept before sending: a retry after a reload is the same
    setBusy(true);
    setOutcome(null);
    const result = await postObservation(props.encuentro, props.commitment, sending);
    if (!alive.current) return;
    setBusy(false);
    setOutcome(result);
    if (result.kind === 'rate_limited') retryUntil.current = Date.now() + result.retryAfterS * 1000;
    if (!keepsDraft(result)) setDraft(emptyDraft());
    else if (needsNewOp(result)) setDraft({ ...sending, op: null });
  };

  const fieldProblems = (f: 'text' | 'alias') => problems.filter((p) => FIELD_OF[p] === f);
  const describedBy = (f: 'text' | 'alias', ...ids: string[]) =>
    [...ids, fieldProblems(f).length ? id(`${f}-err`) : ''].filter(Boolean).join(' ');
  const n = chars(draft.text.trim());
  const problemText = (p: DraftProblem) =>
    t(`portal.obs.problem.${p}`, { max: p.startsWith('alias') ? MAX_ALIAS : MAX_TEXT, over: n - MAX_TEXT });
  const FieldError = ({ f }: { f: 'text' | 'alias' }) =>
    fieldProblems(f).length ? <p id={id(`${f}-err`)} class="error">{fieldProblems(f).map(problemText).join(' ')}</p> : null;
  const failed = outcome !== null && outcome.kind !== 'received';

  return (
    <form ref={form} class="pt-obs-form" onSubmit={submit} noValidate aria-labelledby={id('h')} data-observation-form>
      <h3 id={id('h')}>{t('portal.obs.form.title')}</h3>
      <p>{t('portal.obs.form.about')}</p>
      <p class="pt-obs-privacy" id={id('privacy')}>
        <strong>{t('portal.obs.form.privacy')}</strong>
      </p>
      <label for={id('text')}>{t('portal.obs.field.text')}</label>
      <textarea id={id('text')} value={draft.text} rows={5} aria-invalid={fieldProblems('text').length ? 'true' : undefined}
        aria-describedby={describedBy('text', id('privacy'), id('count'))}
        onInput={(e) => edit({ text: (e.currentTarget as HTMLTextAreaElement).value })} />
      <p id={id('count')} class={`hint pt-obs-count${n > MAX_TEXT ? ' pt-obs-over' : ''}`}>
        {t('portal.obs.count', { n, max: MAX_TEXT })}
      </p>
      <FieldError f="text" />
      <label for={id('alias')}>{t('portal.obs.field.alias')}</label>
      <input id={id('alias')} type="text" value={draft.alias} autoComplete="off"
        aria-invalid={fieldProblems('alias').length ? 'true' : undefined}
        aria-describedby={describedBy('alias', id('alias-hint'))}
        onInput={(e) => edit({ alias: (e.currentTarget as HTMLInputElement).value })} />
      <p id={id('alias-hint')} class="hint">{t('portal.obs.field.alias.hint', { max: MAX_ALIAS })}</p>
      <FieldError f="alias" />
      <p class="hint">{t('portal.obs.moderation')}</p>
      <button type="submit" class="btn btn-primary" aria-disabled={busy ? 'true' : undefined}>
        {busy ? t('portal.obs.sending') : t('portal.obs.submit')}
      </button>
      <div role="alert" class="pt-obs-alert">
        {problems.length > 0 && <p class="error">{t('portal.obs.check')}</p>}
        {failed && (
          <p class="error" data-observation-error={outcome.kind === 'refused' ? outcome.code : outcome.kind}>
            {outcomeText(outcome)} {t('portal.obs.kept')}
          </p>
        )}
      </div>
      <div role="status" class="pt-obs-status">
        {outcome?.kind === 'received' && <p class="ok" data-observation-received>{outcomeText(outcome)}</p>}
      </div>
    </form>
  );
}
