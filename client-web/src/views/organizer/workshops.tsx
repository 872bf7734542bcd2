// Workshops: form them (R4–R6), see each one's size, value-group mix, interpreter and flags,
// move people (never past the cap), assign facilitator, relator and public servants.
import { useState } from 'preact/hooks';
import { live } from '../../core/live';
import type { Participant, State, StaffRole, Workshop } from '../../core/protocol';
import { t } from '../../i18n';
import { Refusal, useCommand, useIds, vgLabel } from './common';
import { needsText } from './person-fields';
import { InterpretersCard } from './registrations';
import { moveTargets, unplaced, workshopSummaries, WORKSHOP_CAP, type WorkshopSummary } from './selectors';

export function WorkshopsSection() {
  const state = live.state.value;
  if (!state) return null;
  const summaries = workshopSummaries(state);
  return (
    <section aria-labelledby="org-h-ws">
      <h2 id="org-h-ws">{t('org.nav.talleres')}</h2>
      <FormCard state={state} />
      <InterpretersCard state={state} />
      {summaries.map((s) => <WorkshopCard key={s.workshop.id} summary={s} state={state} />)}
    </section>
  );
}

function FormCard(props: { state: State }) {
  const s = props.state;
  const cmd = useCommand();
  const canForm = s.phase === 'convened' || s.phase === 'opening';
  const formed = s.workshops.length > 0;
  const waiting = unplaced(s.participants).length;
  const staffMissing = workshopSummaries(s).filter((w) => w.missingFacilitator || w.missingRelator).length;
  return (
    <section class="card" aria-labelledby="org-h-wsform">
      <h3 id="org-h-wsform">{t('org.ws.form')}</h3>
      <p>{t('org.ws.rule', { cap: WORKSHOP_CAP })}</p>
      <div aria-live="polite">
        <p>
          {t('org.ws.checkedIn', { n: s.participants.length })}
          {formed && ` · ${t('org.ws.count', { n: s.workshops.length })}`}
          {formed && waiting > 0 && ` · ${t('org.ws.unplaced', { n: waiting })}`}
        </p>
        {formed && staffMissing > 0 && <p class="org-warn">{t('org.ws.staffMissing', { n: staffMissing })}</p>}
      </div>
      <Refusal error={cmd.error} />
      {canForm && (
        <button type="button" class="btn btn-primary" disabled={cmd.busy || s.participants.length === 0}
          onClick={() => {
            if (formed && !confirm(t('org.ws.confirmReform'))) return;
            void cmd.run('workshops.form', {});
          }}>
          {formed ? t('org.ws.reform') : t('org.ws.formNow')}
        </button>
      )}
      {!canForm && !formed && <p class="hint">{t('org.ws.cannotForm')}</p>}
      {s.phase === 'workshops' && <p class="hint">{t('org.ws.lateArrivals')}</p>}
    </section>
  );
}

function WorkshopCard(props: { summary: WorkshopSummary; state: State }) {
  const { summary: sm, state: s } = props;
  const w = sm.workshop;
  const id = useIds('ws');
  const canEdit = s.phase === 'convened' || s.phase === 'opening' || s.phase === 'workshops';
  const flags: string[] = [];
  if (sm.missingFacilitator) flags.push(t('org.ws.flag.facilitator'));
  if (sm.missingRelator) flags.push(t('org.ws.flag.relator'));
  if (sm.missingServant) flags.push(t('org.ws.flag.servant'));
  if (sm.interpreterMissing) flags.push(t('org.ws.flag.interpreter', { n: sm.interpreterUsers }));
  if (sm.overCap) flags.push(t('org.ws.flag.overCap', { cap: WORKSHOP_CAP }));
  const members = w.members
    .map((m) => s.participants.find((p) => p.id === m))
    .filter((p): p is Participant => !!p)
    .sort((a, b) => a.name.localeCompare(b.name, 'es'));

  return (
    <section class="card org-ws" aria-labelledby={`${id}-h`}>
      <div class="row org-spread">
        <h3 id={`${id}-h`}>{t('common.workshop', { n: w.number })}</h3>
        <span class={`badge${sm.size >= WORKSHOP_CAP ? ' org-full' : ''}`}>
          {t('org.ws.size', { n: sm.size, cap: WORKSHOP_CAP })}
          {sm.size >= WORKSHOP_CAP && ` · ${t('org.ws.full')}`}
        </span>
      </div>
      {flags.length > 0 ? (
        <ul class="org-flags" aria-label={t('org.ws.flags')}>
          {flags.map((f) => <li key={f} class="org-warn">⚠ {f}</li>)}
        </ul>
      ) : (
        <p class="ok">✓ {t('org.ws.complete')}</p>
      )}
      <p>
        <strong>{t('org.ws.mix')}:</strong>{' '}
        {sm.mix.map((m) => <span key={m.key} class="badge org-mix">{vgLabel(m.key)}: {m.count}</span>)}
      </p>
      <p>
        {t('org.ws.territories', { n: sm.territories })}
        {' · '}
        {sm.interpreterName
          ? t('org.ws.interpreter', { name: sm.interpreterName })
          : sm.interpreterUsers > 0
            ? t('org.ws.interpreterUsers', { n: sm.interpreterUsers })
            : t('org.ws.noInterpreter')}
      </p>

      <div class="grid org-grid-tight">
        <StaffField workshop={w} role="facilitator" current={w.facilitator} disabled={!canEdit} />
        <StaffField workshop={w} role="relator" current={w.relator} disabled={!canEdit} />
        <div>
          <StaffField workshop={w} role="servant" current={null} disabled={!canEdit} />
          {w.servants.length > 0 && (
            <p class="hint">{t('org.ws.servants', { names: w.servants.join(', ') })}</p>
          )}
        </div>
      </div>

      <details class="org-members">
        <summary>{t('org.ws.members', { n: members.length })}</summary>
        <ul class="list">
          {members.map((p) => (
            <MemberRow key={p.id} participant={p} workshops={s.workshops} canMove={canEdit} />
          ))}
        </ul>
      </details>
    </section>
  );
}

function StaffField(props: { workshop: Workshop; role: StaffRole; current: string | null; disabled: boolean }) {
  const id = useIds('staff');
  const cmd = useCommand();
  // The draft starts from what is saved and is never overwritten while typing.
  const [name, setName] = useState(props.current ?? '');
  const [saved, setSaved] = useState(false);
  const n = props.workshop.number;
  return (
    <form onSubmit={async (e) => {
      e.preventDefault();
      setSaved(false);
      if (await cmd.run('staff.assign', { workshop_id: props.workshop.id, role: props.role, name: name.trim() })) {
        setSaved(true);
        if (props.role === 'servant') setName('');
      }
    }}>
      <label for={`${id}-n`}>{t(`org.ws.staff.${props.role}`, { n })}</label>
      <div class="row org-inline">
        <input id={`${id}-n`} class="input org-grow" value={name} required disabled={props.disabled}
          autoComplete="off" onInput={(e) => { setName((e.target as HTMLInputElement).value); setSaved(false); }} />
        <button type="submit" class="btn" disabled={props.disabled || cmd.busy}
          aria-label={t(`org.ws.staff.save.${props.role}`, { n })}>
          {props.role === 'servant' ? t('org.ws.add') : t('common.save')}
        </button>
      </div>
      {saved && <p class="ok" role="status">{t('org.saved')}</p>}
      <Refusal error={cmd.error} />
    </form>
  );
}

function MemberRow(props: { participant: Participant; workshops: Workshop[]; canMove: boolean }) {
  const p = props.participant;
  const id = useIds('mv');
  const cmd = useCommand();
  const targets = moveTargets(props.workshops, p);
  const [to, setTo] = useState('');
  const needs = needsText(p.needs);
  return (
    <li class="row org-spread">
      <div>
        <strong>{p.name}</strong>
        <span class="hint"> · {p.territory} · {vgLabel(p.value_group)}{needs && ` · ${needs}`}</span>
      </div>
      {props.canMove && targets.length > 0 && (
        <form class="row org-inline" onSubmit={async (e) => {
          e.preventDefault();
          if (to && (await cmd.run('participant.move', { participant_id: p.id, workshop_id: to }))) setTo('');
        }}>
          <label for={`${id}-to`} class="visually-hidden">{t('org.ws.moveTo', { name: p.name })}</label>
          <select id={`${id}-to`} class="input org-select" value={to} required
            onChange={(e) => setTo((e.target as HTMLSelectElement).value)}>
            <option value="">{t('org.ws.moveChoose')}</option>
            {targets.map((w) => (
              <option key={w.id} value={w.id}>
                {t('org.ws.moveOption', { n: w.number, size: w.members.length, cap: WORKSHOP_CAP })}
              </option>
            ))}
          </select>
          <button type="submit" class="btn" disabled={cmd.busy || !to} aria-label={t('org.ws.moveNamed', { name: p.name })}>
            {t('org.ws.move')}
          </button>
        </form>
      )}
      {props.canMove && targets.length === 0 && props.workshops.length > 1 && (
        <span class="hint">{t('org.ws.noRoom')}</span>
      )}
      <Refusal error={cmd.error} />
    </li>
  );
}
