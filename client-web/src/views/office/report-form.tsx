// The progress report form (progress.report): the part reported on (required when the commitment
// has parts), percent, status, note, evidence link and the date the report is as of. The draft is the parent's (keyed by commitment), so live events never
// wipe what is being typed. The form checks what it can; the server decides. After the ack the
// report is in the history (from its event) and the form starts again; while offline the report
// waits in the outbox and the history shows it as pending.
import { useEffect, useRef, useState } from 'preact/hooks';
import { live } from '../../core/live';
import type { State } from '../../core/protocol';
import { t } from '../../i18n';
import '../../i18n/office';
import { fmtDate } from './format';
import { describeRefusal } from './refusal';
import {
  MAX_NOTE,
  MAX_URL,
  STATUSES,
  draftProblems,
  newDraft,
  reportArgs,
  withPart,
  type CommitmentRow,
  type DraftProblem,
  type ReportDraft,
  type Status,
} from './select';

type Field = 'part' | 'percent' | 'status' | 'note' | 'evidence_url' | 'as_of';

const FIELD_OF: Record<DraftProblem, Field> = {
  part: 'part',
  percent: 'percent',
  percent_fulfilled: 'percent',
  status: 'status',
  evidence_url: 'evidence_url',
  as_of: 'as_of',
  as_of_future: 'as_of',
  as_of_before: 'as_of',
  note_long: 'note',
};
const ORDER: Field[] = ['part', 'percent', 'status', 'note', 'evidence_url', 'as_of'];

export function ReportForm(props: {
  row: CommitmentRow;
  state: State;
  today: string;
  draft: ReportDraft;
  setDraft: (d: ReportDraft | null) => void;
  onClose: () => void;
}) {
  const { row, draft, today } = props;
  const eventDate = props.state.details.date;
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const prefix = `of-f-${row.id}`;
  const id = (f: string) => `${prefix}-${f}`;
  const offline = live.connection.value !== 'online';
  const parts = row.parts;

  // Opening the form takes the focus to its first field.
  const alive = useRef(true);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>(`#${id(row.parts.length ? 'part' : 'percent')}`)?.focus();
    return () => {
      alive.current = false;
    };
  }, []);

  const set = (patch: Partial<ReportDraft>) => {
    setDone(null);
    const next = patch.part !== undefined ? withPart({ ...draft, ...patch }, parts, patch.part) : { ...draft, ...patch };
    // A fulfilled commitment is at 100 % (the server's rule): choosing it fills the percent.
    if (patch.status === 'cumplido') next.percent = '100';
    props.setDraft(next);
    if (problems.length) setProblems(draftProblems(next, today, eventDate, parts.length));
  };

  const fieldProblems = (f: Field) => problems.filter((p) => FIELD_OF[p] === f);
  const invalid = (f: Field) => (fieldProblems(f).length ? 'true' : undefined);
  const describedBy = (f: Field, hint?: string) =>
    [hint, fieldProblems(f).length ? id(`${f}-err`) : null].filter(Boolean).join(' ') || undefined;
  const problemText = (p: DraftProblem) =>
    t(`office.problem.${p}`, { date: fmtDate(eventDate), today: fmtDate(today), max: MAX_NOTE });
  const FieldError = ({ f }: { f: Field }) =>
    fieldProblems(f).length ? (
      <p id={id(`${f}-err`)} class="error">{fieldProblems(f).map(problemText).join(' ')}</p>
    ) : null;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setDone(null);
    setRefusal(null);
    const found = draftProblems(draft, today, eventDate, parts.length);
    setProblems(found);
    if (found.length) {
      const first = ORDER.find((f) => found.some((p) => FIELD_OF[p] === f));
      if (first) form.current?.querySelector<HTMLElement>(`#${id(first)}`)?.focus();
      return;
    }
    const args = reportArgs(row.id, draft);
    setBusy(true);
    try {
      const r = await live.send('progress.report', args);
      if (r.ok) {
        // The report is in the history (its event came before the ack): start again. A form
        // hidden meanwhile stays closed (its draft was sent).
        if (!alive.current) {
          props.setDraft(null);
          return;
        }
        // The next report starts from what was just said (on the same part).
        props.setDraft({ ...newDraft({ status: args.status, percent: args.percent }, today), part: draft.part });
        setDone(
          args.part
            ? t('office.report.done.part', { part: args.part, n: args.percent, date: fmtDate(args.as_of) })
            : t('office.report.done', { n: args.percent, date: fmtDate(args.as_of) }),
        );
      } else {
        setRefusal(describeRefusal(r.error, eventDate));
      }
    } catch (err) {
      setRefusal(t('office.report.failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={form} class="of-form" onSubmit={submit} noValidate aria-labelledby={id('h')}
      data-report-form={row.id}>
      <h4 id={id('h')}>{t('office.report.title', { id: row.id })}</h4>
      <p class="hint">{parts.length > 0 ? t('office.report.about.parts') : t('office.report.about')}</p>
      {parts.length > 0 && (
        <div class="of-part-field">
          <label for={id('part')}>{t('office.field.part')}</label>
          <select id={id('part')} required value={draft.part} aria-invalid={invalid('part')}
            aria-describedby={describedBy('part', id('part-hint'))}
            onChange={(e) => set({ part: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="" disabled>{t('office.field.part.choose')}</option>
            {parts.map((p) => (
              <option key={p.part} value={String(p.part)}>
                {t('office.part.of', { n: p.part, what: p.what })} · {t('office.percent', { n: p.percent })}
              </option>
            ))}
          </select>
          <p id={id('part-hint')} class="hint">{t('office.field.part.hint')}</p>
          <FieldError f="part" />
        </div>
      )}
      <div class="grid">
        <div>
          <label for={id('percent')}>{t('office.field.percent')}</label>
          <input id={id('percent')} type="number" inputMode="numeric" min={0} max={100} step={1} required
            value={draft.percent} aria-invalid={invalid('percent')}
            aria-describedby={describedBy('percent', id('percent-hint'))}
            onInput={(e) => set({ percent: (e.currentTarget as HTMLInputElement).value })} />
          <p id={id('percent-hint')} class="hint">{t('office.field.percent.hint')}</p>
          <FieldError f="percent" />
        </div>
        <div>
          <label for={id('status')}>{t('office.field.status')}</label>
          <select id={id('status')} value={draft.status} aria-invalid={invalid('status')}
            aria-describedby={describedBy('status')}
            onChange={(e) => set({ status: (e.currentTarget as HTMLSelectElement).value as Status })}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>{t(`office.status.${s}`)}</option>
            ))}
          </select>
          <FieldError f="status" />
        </div>
        <div>
          <label for={id('as_of')}>{t('office.field.as_of')}</label>
          <input id={id('as_of')} type="date" required min={eventDate || undefined} max={today}
            value={draft.as_of} aria-invalid={invalid('as_of')}
            aria-describedby={describedBy('as_of', id('as_of-hint'))}
            onInput={(e) => set({ as_of: (e.currentTarget as HTMLInputElement).value })} />
          <p id={id('as_of-hint')} class="hint">{t('office.field.as_of.hint', { today: fmtDate(today) })}</p>
          <FieldError f="as_of" />
        </div>
      </div>
      <label for={id('note')}>{t('office.field.note')}</label>
      <textarea id={id('note')} value={draft.note} aria-invalid={invalid('note')}
        aria-describedby={describedBy('note', id('note-hint'))}
        onInput={(e) => set({ note: (e.currentTarget as HTMLTextAreaElement).value })} />
      <p id={id('note-hint')} class="hint">{t('office.field.note.hint', { max: MAX_NOTE })}</p>
      <FieldError f="note" />
      <label for={id('evidence_url')}>{t('office.field.evidence_url')}</label>
      <input id={id('evidence_url')} type="url" inputMode="url" maxLength={MAX_URL} value={draft.evidence_url}
        placeholder="https://" aria-invalid={invalid('evidence_url')}
        aria-describedby={describedBy('evidence_url', id('evidence_url-hint'))}
        onInput={(e) => set({ evidence_url: (e.currentTarget as HTMLInputElement).value })} />
      <p id={id('evidence_url-hint')} class="hint">{t('office.field.evidence_url.hint')}</p>
      <FieldError f="evidence_url" />
      <div class="row of-actions">
        <button type="submit" class="btn btn-primary" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('office.report.sending') : t('office.report.submit')}
        </button>
        <button type="button" class="btn" onClick={props.onClose}>
          {busy ? t('office.report.hide') : t('common.cancel')}
        </button>
      </div>
      <div role="alert" class="of-alert">
        {problems.length > 0 && <p class="error">{t('office.report.check', { n: problems.length })}</p>}
        {refusal && <p class="error" data-refusal>{refusal}</p>}
      </div>
      <div role="status" class="of-status">
        {busy && offline && <p class="of-queued">{t('office.report.queued')}</p>}
        {done && <p class="ok" data-report-done>{done}</p>}
      </div>
    </form>
  );
}
