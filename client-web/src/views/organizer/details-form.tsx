// The encuentro's details (create and edit). The draft lives in this component: updates from the
// server never overwrite what the person is typing.
import { useState } from 'preact/hooks';
import type { ErrorReply } from '../../core/live';
import type { EncuentroDetails } from '../../core/protocol';
import { t } from '../../i18n';
import { formatDate, Refusal, useIds } from './common';
import { attendanceFlagged } from './selectors';

export function DetailsForm(props: {
  initial: EncuentroDetails;
  earliest: string;
  submitLabel: string;
  onSubmit: (details: EncuentroDetails) => Promise<ErrorReply | null>;
  onCancel?: () => void;
  /** The convocation is already published: `earliest` is publication + the minimum days. */
  published?: boolean;
  /** Shown when the saved details changed on the server since the form opened. */
  changedElsewhere?: boolean;
}) {
  const id = useIds('det');
  const [d, setD] = useState<EncuentroDetails>(props.initial);
  const [entities, setEntities] = useState(props.initial.entities.join('\n'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorReply | null>(null);
  const [saved, setSaved] = useState(false);

  function set<K extends keyof EncuentroDetails>(key: K, value: EncuentroDetails[K]) {
    setD((prev) => ({ ...prev, [key]: value }));
    setSaved(false);
  }
  const text = (key: 'title' | 'objective' | 'report_summary' | 'methodology' | 'venue' | 'date' | 'start_time' | 'end_time') =>
    (e: Event) => set(key, (e.target as HTMLInputElement).value);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const details: EncuentroDetails = {
      ...d,
      title: d.title.trim(),
      venue: d.venue.trim(),
      entities: entities.split('\n').map((s) => s.trim()).filter(Boolean),
    };
    const refusal = await props.onSubmit(details);
    setBusy(false);
    setError(refusal);
    setSaved(!refusal);
  }

  const tooSoon = !!d.date && d.date < props.earliest;
  const flagged = attendanceFlagged(d.expected_attendance);

  return (
    <form onSubmit={submit} class="org-form">
      <label for={`${id}-title`}>{t('org.field.title')}</label>
      <input id={`${id}-title`} class="input" value={d.title} required maxLength={200} onInput={text('title')} />

      <label for={`${id}-entities`}>{t('org.field.entities')}</label>
      <textarea id={`${id}-entities`} class="input org-short" value={entities} required
        aria-describedby={`${id}-entities-hint`}
        onInput={(e) => { setEntities((e.target as HTMLTextAreaElement).value); setSaved(false); }} />
      <p id={`${id}-entities-hint`} class="hint">{t('org.field.entities.hint')}</p>

      <label for={`${id}-objective`}>{t('org.field.objective')}</label>
      <textarea id={`${id}-objective`} class="input" value={d.objective} required onInput={text('objective')} />

      <label for={`${id}-report`}>{t('org.field.report_summary')}</label>
      <textarea id={`${id}-report`} class="input" value={d.report_summary} onInput={text('report_summary')} />

      <label for={`${id}-method`}>{t('org.field.methodology')}</label>
      <textarea id={`${id}-method`} class="input" value={d.methodology} onInput={text('methodology')} />

      <label for={`${id}-venue`}>{t('org.field.venue')}</label>
      <input id={`${id}-venue`} class="input" value={d.venue} required onInput={text('venue')} />

      <div class="grid org-grid-tight">
        <div>
          <label for={`${id}-date`}>{t('org.field.date')}</label>
          <input id={`${id}-date`} type="date" class="input" value={d.date} required
            aria-describedby={`${id}-date-hint`} onInput={text('date')} />
          <p id={`${id}-date-hint`} class={tooSoon ? 'error' : 'hint'}>
            {t(tooSoon ? 'org.field.date.tooSoon' : props.published ? 'org.field.date.hintPublished' : 'org.field.date.hint', { date: formatDate(props.earliest) })}
          </p>
        </div>
        <div>
          <label for={`${id}-start`}>{t('org.field.start_time')}</label>
          <input id={`${id}-start`} type="time" class="input" value={d.start_time} required onInput={text('start_time')} />
        </div>
        <div>
          <label for={`${id}-end`}>{t('org.field.end_time')}</label>
          <input id={`${id}-end`} type="time" class="input" value={d.end_time} required onInput={text('end_time')} />
        </div>
        <div>
          <label for={`${id}-att`}>{t('org.field.expected_attendance')}</label>
          <input id={`${id}-att`} type="number" class="input" min={1} max={100000} step={1} required
            value={d.expected_attendance} aria-describedby={`${id}-att-hint`}
            onInput={(e) => set('expected_attendance', Math.trunc(Number((e.target as HTMLInputElement).value) || 0))} />
          <p id={`${id}-att-hint`} class={flagged ? 'org-warn' : 'hint'}>
            {t(flagged ? 'org.field.attendance.flag' : 'org.field.attendance.hint')}
          </p>
        </div>
      </div>

      {props.changedElsewhere && <p class="org-warn" role="status">{t('org.details.changedElsewhere')}</p>}
      <Refusal error={error} />
      {saved && <p class="ok" role="status">{t('org.saved')}</p>}
      <div class="row">
        <button type="submit" class="btn btn-primary" disabled={busy}>{props.submitLabel}</button>
        {props.onCancel && (
          <button type="button" class="btn" onClick={props.onCancel}>{t('common.cancel')}</button>
        )}
      </div>
    </form>
  );
}
