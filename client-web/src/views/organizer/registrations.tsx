// Registrations: who registered, counts by value group and territory, the R3 interpreter
// obligation (and recording interpreters), and registering someone. After the erasure of
// personal data (Ley 1581) only territory and value group remain, and the screen says when.
import { useMemo, useState } from 'preact/hooks';
import { live } from '../../core/live';
import type { InterpreterKind, State, ValueGroup } from '../../core/protocol';
import { t } from '../../i18n';
import { fmtWhen } from '../veeduria/format';
import { Refusal, useCommand, useIds, vgLabel } from './common';
import { emptyPerson, needsText, PersonFields, type PersonDraft } from './person-fields';
import {
  attendance,
  countByTerritory,
  countByValueGroup,
  fold,
  interpreterNeed,
  type Count,
} from './selectors';

export function RegistrationsSection() {
  const state = live.state.value;
  if (!state) return null;
  const open = state.phase === 'convened' || state.phase === 'opening' || state.phase === 'workshops';
  const erased = state.personal_data_erased_at;
  return (
    <section aria-labelledby="org-h-reg">
      <h2 id="org-h-reg">{t('org.nav.inscripciones')}</h2>
      {state.phase === 'draft' && <p class="hint">{t('org.reg.notOpen')}</p>}
      {erased !== null && (
        <p class="card org-erased" role="note" data-erased-at={erased}>
          {t('org.reg.erased', { when: fmtWhen(erased) })}
        </p>
      )}
      <InterpretersCard state={state} />
      <CountsCard state={state} />
      {open && <RegisterForm state={state} />}
      <RegistrantsTable state={state} />
    </section>
  );
}

export function InterpretersCard(props: { state: State }) {
  const s = props.state;
  const need = interpreterNeed(s);
  const id = useIds('int');
  const cmd = useCommand();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<InterpreterKind>('lsc');
  const canRecord = ['draft', 'convened', 'opening', 'workshops'].includes(s.phase);
  const wsNumber = (wid: string | null) => s.workshops.find((w) => w.id === wid)?.number;
  return (
    <section class={`card${need.obligationOpen ? ' org-alert' : ''}`} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('org.int.title')}</h3>
      <div aria-live="polite">
        {need.obligationOpen && (
          <p class="org-warn"><strong>{t('org.int.obligationOpen')}</strong></p>
        )}
        <p>{t('org.int.requests', { n: need.requests, lsc: need.lsc, guide: need.guide })}</p>
        <p>
          {need.needed > 0
            ? t('org.int.neededVsRecorded', { needed: need.needed, recorded: need.recorded })
            : t('org.int.belowThreshold', { recorded: need.recorded })}
        </p>
        {need.short && !need.obligationOpen && <p class="org-warn">{t('org.int.short')}</p>}
      </div>
      {s.interpreters.length > 0 && (
        <ul class="list">
          {s.interpreters.map((i) => (
            <li key={i.id}>
              {i.name} · {t(`org.int.kind.${i.kind}`)}
              {i.workshop_id && ` · ${t('common.workshop', { n: wsNumber(i.workshop_id) ?? '?' })}`}
            </li>
          ))}
        </ul>
      )}
      {canRecord && (
        <form class="org-subform" onSubmit={async (e) => {
          e.preventDefault();
          if (await cmd.run('interpreter.record', { name: name.trim(), kind })) setName('');
        }}>
          <h4>{t('org.int.record')}</h4>
          <div class="grid org-grid-tight">
            <div>
              <label for={`${id}-name`}>{t('org.int.name')}</label>
              <input id={`${id}-name`} class="input" value={name} required autoComplete="off"
                onInput={(e) => setName((e.target as HTMLInputElement).value)} />
            </div>
            <div>
              <label for={`${id}-kind`}>{t('org.int.kind')}</label>
              <select id={`${id}-kind`} class="input" value={kind}
                onChange={(e) => setKind((e.target as HTMLSelectElement).value as InterpreterKind)}>
                <option value="lsc">{t('org.int.kind.lsc')}</option>
                <option value="guide">{t('org.int.kind.guide')}</option>
              </select>
            </div>
          </div>
          <Refusal error={cmd.error} />
          <button type="submit" class="btn btn-primary" disabled={cmd.busy}>{t('org.int.record')}</button>
        </form>
      )}
    </section>
  );
}

function CountsCard(props: { state: State }) {
  const s = props.state;
  const a = attendance(s);
  const byGroup = countByValueGroup(s.registrants);
  const byTerritory = countByTerritory(s.registrants);
  return (
    <section class="card" aria-labelledby="org-h-regcounts">
      <h3 id="org-h-regcounts">{t('org.reg.counts')}</h3>
      <p class="org-big" aria-live="polite">
        {t('org.reg.total', { n: a.registered })} · {t('org.reg.arrived', { n: a.registeredCheckedIn })}
      </p>
      <div class="grid">
        <CountTable caption={t('org.reg.byGroup')} head={t('org.person.valueGroup')}
          rows={byGroup.map((c) => ({ key: c.key, label: vgLabel(c.key), count: c.count }))} />
        <CountTable caption={t('org.reg.byTerritory')} head={t('org.field.territory')}
          rows={byTerritory.map((c: Count) => ({ key: c.key, label: c.key, count: c.count }))} />
      </div>
    </section>
  );
}

export function CountTable(props: { caption: string; head: string; rows: { key: string; label: string; count: number }[] }) {
  return (
    <table class="org-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr><th scope="col">{props.head}</th><th scope="col" class="num">{t('org.count')}</th></tr>
      </thead>
      <tbody>
        {props.rows.length === 0 && <tr><td colSpan={2}>{t('org.none')}</td></tr>}
        {props.rows.map((r) => (
          <tr key={r.key}><th scope="row">{r.label}</th><td class="num">{r.count}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

function RegisterForm(props: { state: State }) {
  const id = useIds('reg');
  const cmd = useCommand();
  const [p, setP] = useState<PersonDraft>(emptyPerson);
  const [done, setDone] = useState<string | null>(null);
  const territories = useMemo(() => countByTerritory(props.state.registrants).map((c) => c.key), [props.state.registrants]);
  return (
    <section class="card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('org.reg.new')}</h3>
      <form onSubmit={async (e) => {
        e.preventDefault();
        setDone(null);
        const ok = await cmd.run('registration.create', {
          name: p.name.trim(),
          contact: p.contact.trim(),
          territory: p.territory.trim(),
          value_group: p.value_group as ValueGroup,
          organisation: p.organisation.trim(),
          needs: { ...p.needs, other: p.needs.other.trim() },
          data_consent: p.consent,
        });
        if (ok) {
          const reg = [...(live.state.value?.registrants ?? [])].reverse().find((r) => fold(r.name) === fold(p.name));
          setDone(reg ? t('org.reg.doneCode', { name: reg.name, code: reg.code }) : t('org.reg.done', { name: p.name }));
          setP(emptyPerson());
        }
      }}>
        <PersonFields id={id} value={p} onChange={setP} territories={territories} full />
        <Refusal error={cmd.error} />
        <p aria-live="polite" class="ok">{done}</p>
        <button type="submit" class="btn btn-primary" disabled={cmd.busy}>{t('org.reg.submit')}</button>
      </form>
    </section>
  );
}

function RegistrantsTable(props: { state: State }) {
  const s = props.state;
  const id = useIds('regs');
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => {
    const q = fold(filter);
    const list = q
      ? s.registrants.filter((r) => fold(`${r.name} ${r.code} ${r.territory} ${r.organisation}`).includes(q))
      : s.registrants;
    return [...list].sort((a, b) => a.name.localeCompare(b.name, 'es'));
  }, [s.registrants, filter]);
  return (
    <section class="card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('org.reg.list', { n: s.registrants.length })}</h3>
      <label for={`${id}-f`}>{t('org.reg.filter')}</label>
      <input id={`${id}-f`} type="search" class="input" value={filter} autoComplete="off"
        onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
      <div class="org-scroll">
        <table class="org-table">
          <caption class="visually-hidden">{t('org.reg.list', { n: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('org.field.name')}</th>
              <th scope="col">{t('org.field.territory')}</th>
              <th scope="col">{t('org.field.value_group')}</th>
              <th scope="col">{t('org.field.organisation')}</th>
              <th scope="col">{t('org.person.needs')}</th>
              <th scope="col">{t('org.reg.code')}</th>
              <th scope="col">{t('org.reg.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name || <span class="hint">{t('org.reg.noName')}</span>}</th>
                <td>{r.territory}</td>
                <td>{vgLabel(r.value_group)}</td>
                <td>{r.organisation}</td>
                <td>{needsText(r.needs)}</td>
                <td class="org-mono">{r.code}</td>
                <td>{r.participant_id ? t('org.reg.arrivedYes') : t('org.reg.arrivedNo')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p>{t('org.none')}</p>}
    </section>
  );
}
