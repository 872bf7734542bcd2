// The terms of a commitment (what, entity, office, territory, due date, indicator, goal, and its
// parts) as form fields. The caller keeps the draft in its own state, so live updates never touch
// what is being typed. On a revision the parts the terms in force already have cannot be removed
// (`fixedParts`: R10, their reports must keep their meaning), and a commitment already reported
// on as a whole cannot get parts (`partsLocked`).
import { useRef } from 'preact/hooks';
import type { CommitmentTerms } from '../../../core/protocol';
import { t } from '../../../i18n';
import '../../../i18n/organizer-event';
import { MAX_PARTS, MAX_PART_TEXT, MAX_TERRITORY, MIN_PARTS } from './selectors';

type TextTerm = 'what' | 'entity' | 'office' | 'territory' | 'due_date' | 'indicator' | 'goal';

export function TermsFields(props: {
  idPrefix: string;
  terms: CommitmentTerms;
  minDate: string;
  onChange: (next: CommitmentTerms) => void;
  /** Parts that cannot be removed (a revision: those of the terms in force). */
  fixedParts?: number;
  /** No parts can be added (a revision of a commitment reported on as a whole). */
  partsLocked?: boolean;
}) {
  const { idPrefix, terms } = props;
  const set = (key: TextTerm) => (e: Event) =>
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
      <label for={id('territory')}>{t('oe.field.territory')}</label>
      <input
        id={id('territory')}
        type="text"
        maxLength={MAX_TERRITORY}
        value={terms.territory}
        onInput={set('territory')}
        aria-describedby={id('territory-hint')}
      />
      <p id={id('territory-hint')} class="hint">{t('oa.territory.hint')}</p>
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
      <PartsEditor idPrefix={idPrefix} parts={terms.parts} fixed={props.fixedParts ?? 0}
        locked={props.partsLocked ?? false} onChange={(parts) => props.onChange({ ...terms, parts })} />
    </>
  );
}

/** The parts, one line each: none, or 2 to 20. Adding to none adds two (one alone is refused). */
function PartsEditor(props: {
  idPrefix: string;
  parts: string[];
  fixed: number;
  locked: boolean;
  onChange: (parts: string[]) => void;
}) {
  const { parts, fixed, locked } = props;
  const id = (key: string) => `${props.idPrefix}-${key}`;
  const list = useRef<HTMLOListElement>(null);
  const focusPart = (n: number) =>
    requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>(`#${id(`part-${n}`)}`)?.focus());
  const add = () => {
    const next = parts.length === 0 ? ['', ''] : [...parts, ''];
    props.onChange(next.slice(0, MAX_PARTS));
    focusPart(parts.length + 1);
  };
  const remove = (i: number) => {
    props.onChange(parts.filter((_, j) => j !== i));
    focusPart(Math.max(1, Math.min(i, parts.length - 1)));
  };
  const hints = [id('parts-hint'), fixed > 0 ? id('parts-fixed') : null, locked ? id('parts-locked') : null]
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset class="oa-parts" aria-describedby={hints}>
      <legend>{t('oe.field.parts')}</legend>
      <p id={id('parts-hint')} class="hint">{t('oa.parts.hint', { min: MIN_PARTS, max: MAX_PARTS })}</p>
      {fixed > 0 && <p id={id('parts-fixed')} class="hint">{t('oa.parts.fixed_hint')}</p>}
      {locked && <p id={id('parts-locked')} class="hint">{t('oa.parts.locked')}</p>}
      {parts.length === 0 ? (
        <p>{t('oa.parts.none')}</p>
      ) : (
        <ol class="oa-part-list" ref={list}>
          {parts.map((text, i) => {
            const n = i + 1;
            const kept = i < fixed;
            return (
              <li key={i} data-part-input={n}>
                <label for={id(`part-${n}`)} class="visually-hidden">{t('oa.parts.label', { n })}</label>
                <input id={id(`part-${n}`)} type="text" required maxLength={MAX_PART_TEXT} value={text}
                  onInput={(e) => props.onChange(parts.map((p, j) => (j === i ? (e.currentTarget as HTMLInputElement).value : p)))} />
                <button type="button" class="btn btn-quiet" disabled={kept}
                  aria-describedby={kept ? id('parts-fixed') : undefined}
                  aria-label={t('oa.parts.remove', { n })}
                  onClick={() => remove(i)}>
                  {t('oa.parts.remove_short')}
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {!locked && parts.length < MAX_PARTS && (
        <button type="button" class="btn" onClick={add}>
          {parts.length === 0 ? t('oa.parts.split') : t('oa.parts.add')}
        </button>
      )}
      {parts.length > 0 && <p class="hint">{t('oa.parts.count', { n: parts.length, max: MAX_PARTS })}</p>}
    </fieldset>
  );
}
