// The lifecycle panel: where the encuentro is, what the next step needs, and the step itself
// (phase.advance, confirmed: phases never go back). During the event, the workshops overview.
import { useEffect, useRef, useState } from 'preact/hooks';
import { live } from '../../../core/live';
import type { State } from '../../../core/protocol';
import { t } from '../../../i18n';
import '../../../i18n/organizer-event';
import { formatInstant } from './format';
import { WorkshopsOverview } from './overview';
import { describeRefusal, proposalRef } from './refusal';
import {
  PHASES,
  nextPhase,
  phaseEnteredAt,
  phaseStatus,
  requirementsFor,
  type Requirement,
} from './selectors';

export function PhasePanel() {
  const state = live.state.value;
  if (!state) return <p class="hint">{t('common.loading')}</p>;
  const showOverview =
    state.workshops.length > 0 &&
    (state.phase === 'opening' || state.phase === 'workshops' || state.phase === 'plenary');
  return (
    <div class="oe-panel">
      <section class="card" aria-labelledby="oe-phase-h">
        <h3 id="oe-phase-h">{t('oe.phase.title')}</h3>
        <p class="oe-current" aria-live="polite">
          {t('oe.phase.current')} <strong>{t(`oe.phase.${state.phase}`)}</strong>
        </p>
        <Lifecycle state={state} />
        <NextStep state={state} />
      </section>
      {showOverview && <WorkshopsOverview />}
    </div>
  );
}

function Lifecycle({ state }: { state: State }) {
  const entered = phaseEnteredAt(state);
  return (
    <ol class="oe-lifecycle" aria-label={t('oe.phase.lifecycle')}>
      {PHASES.map((p) => {
        const status = phaseStatus(p, state.phase);
        const at = entered[p];
        return (
          <li key={p} class={`oe-step oe-step-${status}`} aria-current={status === 'current' ? 'step' : undefined}>
            <span class="oe-step-mark" aria-hidden="true">
              {status === 'done' ? '✓' : status === 'current' ? '●' : '○'}
            </span>
            <span class="oe-step-name">{t(`oe.phase.${p}`)}</span>
            <span class="oe-step-status">
              {t(`oe.step.${status}`)}
              {at !== undefined && status !== 'todo' ? ` · ${formatInstant(at)}` : ''}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function NextStep({ state }: { state: State }) {
  const to = nextPhase(state.phase);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);

  // A phase change (from here or another device) closes a stale confirmation.
  useEffect(() => {
    setConfirming(false);
  }, [state.phase]);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  if (!to) {
    return (
      <section aria-labelledby="oe-next-h">
        <h4 id="oe-next-h">{t('oe.next.title')}</h4>
        <p>{t('oe.next.end')}</p>
      </section>
    );
  }

  const reqs = requirementsFor(state, to).filter((r) => r.code !== 'none');
  const blocked = reqs.some((r) => r.blocking && !r.met);

  const advance = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await live.send('phase.advance', { to });
      if (r.ok) setDone(t('oe.next.done', { phase: t(`oe.phase.${to}`) }));
      else setError(describeRefusal(r.error, live.state.value));
      setConfirming(false);
      // Back to the step's button (the next one after a success) once the confirmation is gone.
      setTimeout(() => openRef.current?.focus(), 0);
    } catch (e) {
      setError(t('error.generic', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="oe-next-h" class="oe-next">
      <h4 id="oe-next-h">{t('oe.next.title_to', { phase: t(`oe.phase.${to}`) })}</h4>
      <p class="hint">{t(`oe.next.about.${to}`)}</p>
      {reqs.length > 0 && (
        <ul class="oe-reqs" aria-label={t('oe.next.requirements')}>
          {reqs.map((r) => (
            <RequirementItem key={r.code} r={r} state={state} />
          ))}
        </ul>
      )}
      {to === 'convened' ? (
        <p class="hint">{t('oe.next.convene_in_planning')}</p>
      ) : !confirming ? (
        <div class="row">
          <button ref={openRef} type="button" class="btn btn-primary" disabled={busy} onClick={() => setConfirming(true)}>
            {t('oe.next.advance', { phase: t(`oe.phase.${to}`) })}
          </button>
          {blocked && <span class="hint">{t('oe.next.blocked_hint')}</span>}
        </div>
      ) : (
        <div class="oe-confirm" role="group" aria-labelledby="oe-confirm-h">
          <p id="oe-confirm-h" class="oe-confirm-title">
            {t('oe.confirm.title', { phase: t(`oe.phase.${to}`) })}
          </p>
          <p>{t(`oe.confirm.${to}`)}</p>
          <p class="hint">{t('oe.confirm.irreversible')}</p>
          <div class="row">
            <button ref={confirmRef} type="button" class="btn btn-primary" disabled={busy} onClick={advance}>
              {busy ? t('oe.sending') : t('oe.confirm.yes', { phase: t(`oe.phase.${to}`) })}
            </button>
            <button
              type="button"
              class="btn"
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                setTimeout(() => openRef.current?.focus(), 0);
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      <div aria-live="polite" role="status">
        {done && <p class="ok">{done}</p>}
      </div>
      <div role="alert">{error && <p class="error">{error}</p>}</div>
    </section>
  );
}

function RequirementItem({ r, state }: { r: Requirement; state: State }) {
  const mark = r.met ? '✓' : r.blocking ? '✗' : '!';
  const status = r.met ? t('oe.req.met') : r.blocking ? t('oe.req.missing') : t('oe.req.warning');
  let items = '';
  if (!r.met && r.items.length > 0) {
    items =
      r.code === 'answers'
        ? r.items.map((id) => proposalRef(state, id)).join('; ')
        : r.items.map((n) => t('common.workshop', { n })).join(', ');
  }
  return (
    <li class={`oe-req oe-req-${r.met ? 'met' : r.blocking ? 'missing' : 'warning'}`}>
      <span class="oe-req-mark" aria-hidden="true">{mark}</span>
      <span>
        <span class="visually-hidden">{status}: </span>
        {t(`oe.req.${r.code}`)}
        {items && <span class="oe-req-items"> — {items}</span>}
      </span>
    </li>
  );
}
