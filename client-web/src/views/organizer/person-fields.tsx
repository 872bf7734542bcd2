// Fields shared by the registration form and the walk-in form.
import type { Accessibility, ValueGroup } from '../../core/protocol';
import { t } from '../../i18n';
import { vgLabel } from './common';
import { VALUE_GROUPS } from './selectors';

export interface PersonDraft {
  name: string;
  contact: string;
  territory: string;
  value_group: ValueGroup | '';
  organisation: string;
  needs: Accessibility;
  consent: boolean;
}

export function emptyPerson(): PersonDraft {
  return {
    name: '',
    contact: '',
    territory: '',
    value_group: '',
    organisation: '',
    needs: { lsc_interpreter: false, guide_interpreter: false, other: '' },
    consent: false,
  };
}

/** Name, territory (with the known ones suggested), value group; contact and organisation when
 *  `full`; accessibility needs and the Ley 1581 consent. */
export function PersonFields(props: {
  id: string;
  value: PersonDraft;
  onChange: (next: PersonDraft) => void;
  territories: string[];
  full: boolean;
}) {
  const { id, value: v } = props;
  const set = <K extends keyof PersonDraft>(k: K, val: PersonDraft[K]) => props.onChange({ ...v, [k]: val });
  const setNeeds = <K extends keyof Accessibility>(k: K, val: Accessibility[K]) =>
    props.onChange({ ...v, needs: { ...v.needs, [k]: val } });
  const str = (e: Event) => (e.target as HTMLInputElement).value;
  return (
    <>
      <div class="grid org-grid-tight">
        <div>
          <label for={`${id}-name`}>{t('org.person.name')}</label>
          <input id={`${id}-name`} class="input" value={v.name} required autoComplete="off"
            onInput={(e) => set('name', str(e))} />
        </div>
        {props.full && (
          <div>
            <label for={`${id}-contact`}>{t('org.person.contact')}</label>
            <input id={`${id}-contact`} class="input" value={v.contact} autoComplete="off"
              onInput={(e) => set('contact', str(e))} />
          </div>
        )}
        <div>
          <label for={`${id}-territory`}>{t('org.person.territory')}</label>
          <input id={`${id}-territory`} class="input" value={v.territory} required autoComplete="off"
            list={`${id}-territories`} onInput={(e) => set('territory', str(e))} />
          <datalist id={`${id}-territories`}>
            {props.territories.map((x) => <option key={x} value={x} />)}
          </datalist>
        </div>
        <div>
          <label for={`${id}-vg`}>{t('org.person.valueGroup')}</label>
          <select id={`${id}-vg`} class="input" value={v.value_group} required
            onChange={(e) => set('value_group', str(e) as ValueGroup | '')}>
            <option value="">{t('org.person.choose')}</option>
            {VALUE_GROUPS.map((g) => <option key={g} value={g}>{vgLabel(g)}</option>)}
          </select>
        </div>
        {props.full && (
          <div>
            <label for={`${id}-org`}>{t('org.person.organisation')}</label>
            <input id={`${id}-org`} class="input" value={v.organisation} autoComplete="off"
              onInput={(e) => set('organisation', str(e))} />
          </div>
        )}
      </div>
      <fieldset class="org-fieldset">
        <legend>{t('org.person.needs')}</legend>
        <label class="org-check" for={`${id}-lsc`}>
          <input id={`${id}-lsc`} type="checkbox" checked={v.needs.lsc_interpreter}
            onChange={(e) => setNeeds('lsc_interpreter', (e.target as HTMLInputElement).checked)} />
          {t('org.person.lsc')}
        </label>
        <label class="org-check" for={`${id}-guide`}>
          <input id={`${id}-guide`} type="checkbox" checked={v.needs.guide_interpreter}
            onChange={(e) => setNeeds('guide_interpreter', (e.target as HTMLInputElement).checked)} />
          {t('org.person.guide')}
        </label>
        <label for={`${id}-other`}>{t('org.person.otherNeeds')}</label>
        <input id={`${id}-other`} class="input" value={v.needs.other} autoComplete="off"
          onInput={(e) => setNeeds('other', str(e))} />
      </fieldset>
      <label class="org-check org-consent" for={`${id}-consent`}>
        <input id={`${id}-consent`} type="checkbox" checked={v.consent} required
          onChange={(e) => set('consent', (e.target as HTMLInputElement).checked)} />
        {t('org.person.consent')}
      </label>
    </>
  );
}

/** Needs as short text: "LSC, guía-intérprete, silla de ruedas". */
export function needsText(n: Accessibility): string {
  const parts: string[] = [];
  if (n.lsc_interpreter) parts.push(t('org.needs.lsc'));
  if (n.guide_interpreter) parts.push(t('org.needs.guide'));
  if (n.other.trim()) parts.push(n.other.trim());
  return parts.join(', ');
}
