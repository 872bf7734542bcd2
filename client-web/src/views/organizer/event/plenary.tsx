// The plenary's remote control: what the projector shows (plenary.focus), each workshop's
// synthesis and principal proposals in turn, then every principal proposal by central point.
// Previous/next with buttons or the keyboard (←/→, PageUp/PageDown) anywhere in the panel.
import { useState } from 'preact/hooks';
import { live } from '../../../core/live';
import type { State } from '../../../core/protocol';
import { t } from '../../../i18n';
import '../../../i18n/organizer-event';
import { describeRefusal, workshopName } from './refusal';
import {
  ALL_TARGET,
  plenaryNeighbours,
  plenaryTargets,
  principalsByPoint,
  workshopPrincipals,
  type RankedProposal,
} from './selectors';

function targetName(state: State, target: string): string {
  return target === ALL_TARGET ? t('oe.plenary.all') : workshopName(state, target);
}

export function PlenaryPanel() {
  const state = live.state.value;
  // Outside the plenary phase the panel only previews (the server refuses plenary.focus).
  const [preview, setPreview] = useState<string | null>(null);
  const [sending, setSending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!state) return <p class="hint">{t('common.loading')}</p>;

  const live_ = state.phase === 'plenary';
  const targets = plenaryTargets(state);
  const onScreen = state.plenary_focus;
  const shown = live_ ? (sending ?? onScreen ?? null) : (preview ?? onScreen ?? null);
  const { previous, next, index } = plenaryNeighbours(targets, shown);
  const viewing = shown !== null && targets.includes(shown) ? shown : null;

  const go = async (target: string | null) => {
    if (!target || sending !== null) return;
    setError(null);
    if (!live_) {
      setPreview(target);
      return;
    }
    setSending(target);
    try {
      const r = await live.send('plenary.focus', { target });
      if (!r.ok) setError(describeRefusal(r.error, live.state.value));
    } catch (e) {
      setError(t('error.generic', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setSending(null);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const el = e.target as HTMLElement | null;
    if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowRight' || e.key === 'PageDown') {
      e.preventDefault();
      void go(next);
    } else if (e.key === 'ArrowLeft' || e.key === 'PageUp') {
      e.preventDefault();
      void go(previous);
    }
  };

  return (
    <section class="card oe-panel oe-plenary" aria-labelledby="oe-plenary-h" onKeyDown={onKeyDown}>
      <h3 id="oe-plenary-h">{t('oe.plenary.title')}</h3>
      <p class="hint">{live_ ? t('oe.plenary.hint_live') : t('oe.plenary.hint_preview')}</p>
      <p aria-live="polite" role="status" class="oe-onscreen">
        {live_
          ? onScreen
            ? t('oe.plenary.on_screen', { target: targetName(state, onScreen) })
            : t('oe.plenary.nothing_on_screen')
          : viewing
            ? t('oe.plenary.previewing', { target: targetName(state, viewing) })
            : ''}
      </p>

      <nav aria-label={t('oe.plenary.nav')}>
        <ol class="oe-targets">
          {targets.map((target, i) => (
            <li key={target}>
              <button
                type="button"
                class={`btn ${target === viewing ? 'btn-primary' : ''}`}
                aria-current={target === viewing ? 'true' : undefined}
                onClick={() => void go(target)}
              >
                <span aria-hidden="true">{i + 1}. </span>
                {targetName(state, target)}
              </button>
            </li>
          ))}
        </ol>
        <div class="row oe-prevnext">
          <button type="button" class="btn" aria-disabled={previous ? undefined : 'true'} onClick={() => void go(previous)}>
            <span aria-hidden="true">←</span> {t('oe.plenary.previous')}
            {previous && <span class="visually-hidden">: {targetName(state, previous)}</span>}
          </button>
          <span class="hint" aria-hidden="true">
            {index >= 0 ? `${index + 1} / ${targets.length}` : `– / ${targets.length}`}
          </span>
          <button type="button" class="btn btn-primary" aria-disabled={next ? undefined : 'true'} onClick={() => void go(next)}>
            {t('oe.plenary.next')}
            {next && <span class="visually-hidden">: {targetName(state, next)}</span>} <span aria-hidden="true">→</span>
          </button>
        </div>
        <p class="hint">{t('oe.plenary.keys')}</p>
      </nav>
      <div role="alert">{error && <p class="error">{error}</p>}</div>

      {viewing === null ? (
        <p class="hint">{t('oe.plenary.choose')}</p>
      ) : viewing === ALL_TARGET ? (
        <AllProposals state={state} />
      ) : (
        <WorkshopResults state={state} workshopId={viewing} />
      )}
    </section>
  );
}

function WorkshopResults({ state, workshopId }: { state: State; workshopId: string }) {
  const w = state.workshops.find((x) => x.id === workshopId);
  if (!w) return null;
  const principals = workshopPrincipals(state, w);
  return (
    <article class="oe-plenary-view" aria-labelledby="oe-pv-h">
      <h4 id="oe-pv-h">{t('common.workshop', { n: w.number })}</h4>
      <h5>
        {t('oe.plenary.synthesis')}{' '}
        <span class="badge">{w.synthesis_final ? t('oe.synthesis.final') : t('oe.synthesis.draft')}</span>
      </h5>
      {w.synthesis.trim() ? (
        <p class="oe-prewrap">{w.synthesis}</p>
      ) : (
        <p class="hint">{t('oe.plenary.no_synthesis')}</p>
      )}
      <h5>{t('oe.plenary.principals')}</h5>
      {principals.length === 0 ? (
        <p class="hint">{t('oe.plenary.no_principals')}</p>
      ) : (
        <ol class="oe-proposals">
          {principals.map((p) => (
            <ProposalItem key={p.contribution.id} p={p} state={state} showPoint />
          ))}
        </ol>
      )}
    </article>
  );
}

function AllProposals({ state }: { state: State }) {
  const groups = principalsByPoint(state);
  return (
    <article class="oe-plenary-view" aria-labelledby="oe-pv-h">
      <h4 id="oe-pv-h">{t('oe.plenary.all')}</h4>
      {groups.length === 0 && <p class="hint">{t('oe.plenary.no_principals')}</p>}
      {groups.map((g) => (
        <section key={g.pointId} aria-labelledby={`oe-pv-${g.pointId}`}>
          <h5 id={`oe-pv-${g.pointId}`}>{g.point ? g.point.title : t('oe.point.unknown')}</h5>
          <ul class="oe-proposals">
            {g.proposals.map((p) => (
              <ProposalItem key={p.contribution.id} p={p} state={state} showWorkshop />
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}

function ProposalItem(props: { p: RankedProposal; state: State; showPoint?: boolean; showWorkshop?: boolean }) {
  const { p, state } = props;
  const point = state.points.find((x) => x.id === p.contribution.point_id);
  return (
    <li>
      <p class="oe-prewrap oe-proposal-text">{p.contribution.text}</p>
      <p class="hint">
        {props.showWorkshop && <>{t('oe.ref', { w: p.workshopNumber, r: p.rank })} · </>}
        {props.showPoint && point && <>{point.title} · </>}
        {t('oe.votes', { n: p.votes })}
      </p>
    </li>
  );
}
