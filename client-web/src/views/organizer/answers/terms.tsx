// The six terms of a commitment (what, entity, office, due date, indicator, goal) as form fields.
// The caller keeps the draft in its own state, so live updates never touch what is being typed.
import type { CommitmentTerms } from '../../../core/protocol';
import { t } from '../../../i18n';
import '../../../i18n/organizer-event';

export function TermsFields(props: {
  idPrefix: string;
  terms: CommitmentTerms;
  minDate: string;
  onChange: (next: CommitmentTerms) => void;
}) {
  const { idPrefix, terms } = props;
  const set = (key: keyof CommitmentTerms) => (e: Event) =>
    props.onChange({ ...terms, [key]: (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value });
  const id = (key: string) => `${idPrefix}-${key}`;
  return (
    <>
      <label for={id('what')}>{t('oe.field.what')}</label>
      <textarea id={id('what')} required value={terms.what} onInput={set('what')} />
      <div class="grid">
        <div>
          <label for={id('entity')}>{t('oe.field.entity')}</label>
          <input id={id('entity')} type="text" required value={terms.entity} onInput={set('entity')} />
        </div>
        <div>
          <label for={id('office')}>{t('oe.field.office')}</label>
          <input
            id={id('office')}
            type="text"
            value={terms.office}
            onInput={set('office')}
            aria-describedby={id('office-hint')}
          />
          <p id={id('office-hint')} class="hint">{t('oa.optional')}</p>
        </div>
        <div>
          <label for={id('due_date')}>{t('oe.field.due_date')}</label>
          <input
            id={id('due_date')}
            type="date"
            required
            min={props.minDate}
            value={terms.due_date}
            onInput={set('due_date')}
          />
        </div>
      </div>
      <div class="grid">
        <div>
          <label for={id('indicator')}>{t('oe.field.indicator')}</label>
          <input id={id('indicator')} type="text" required value={terms.indicator} onInput={set('indicator')} />
        </div>
        <div>
          <label for={id('goal')}>{t('oe.field.goal')}</label>
          <input id={id('goal')} type="text" required value={terms.goal} onInput={set('goal')} />
        </div>
      </div>
    </>
  );
}
