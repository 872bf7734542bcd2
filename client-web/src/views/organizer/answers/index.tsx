// R9/R10: the entity answers every principal proposal (a commitment, not adopted with a reason,
// or referred to another entity; one answer may cover several proposals), commitments are
// revised as new versions with their history, and what is still unanswered is always in view.
import { useState } from 'preact/hooks';
import { live } from '../../../core/live';
import type { Phase, PhaseOrUnknown, State } from '../../../core/protocol';
import { t } from '../../../i18n';
import '../../../i18n/organizer-event';
import '../event/event.css';
import { PHASES } from '../event/selectors';
import { AnswerForm } from './answer-form';
import { CommitmentList } from './commitments';
import { answerProgress, groupRows, principalRows, type Grouping, type ProposalRow } from './selectors';
import { AnswerSummary } from './summary';

function phaseAtLeast(phase: PhaseOrUnknown, than: Phase): boolean {
  return PHASES.indexOf(phase as Phase) >= PHASES.indexOf(than);
}

export function AnswersPanel() {
  const state = live.state.value;
  const [selected, setSelected] = useState<string[]>([]);
  const [grouping, setGrouping] = useState<Grouping>('workshop');
  if (!state) return <p class="hint">{t('common.loading')}</p>;

  const rows = principalRows(state);
  const canAnswer = state.phase === 'commitments';
  // A proposal answered meanwhile (another device) leaves the selection by itself.
  const selectable = new Set(rows.filter((r) => r.answer === null).map((r) => r.id));
  const chosen = canAnswer ? selected.filter((id) => selectable.has(id)) : [];

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => (on ? [...prev.filter((x) => x !== id), id] : prev.filter((x) => x !== id)));

  return (
    <div class="oe-panel">
      <div class={canAnswer ? 'oa-layout' : undefined}>
      <section class="card" aria-labelledby="oa-h">
        <h3 id="oa-h">{t('oa.title')}</h3>
        <PhaseNote phase={state.phase} />
        <Progress state={state} rows={rows} />
        {rows.length > 0 && (
          <>
            <fieldset class="oe-form-inline">
              <legend>{t('oa.group.legend')}</legend>
              <div class="row">
                {(['workshop', 'point'] as const).map((g) => (
                  <label key={g} class="oe-radio">
                    <input
                      type="radio"
                      name="oa-grouping"
                      value={g}
                      checked={grouping === g}
                      onChange={() => setGrouping(g)}
                    />
                    {t(`oa.group.${g}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            {groupRows(state, rows, grouping).map((g) => (
              <section key={g.key} class="oe-group" aria-labelledby={`oa-g-${g.key}`}>
                <h4 id={`oa-g-${g.key}`}>
                  {g.kind === 'workshop'
                    ? t('common.workshop', { n: g.workshopNumber ?? '' })
                    : g.point
                      ? g.point.title
                      : t('oe.point.unknown')}
                </h4>
                <ul class="list">
                  {g.rows.map((r) => (
                    <ProposalItem
                      key={r.id}
                      r={r}
                      state={state}
                      grouping={grouping}
                      selectable={canAnswer && r.answer === null}
                      checked={chosen.includes(r.id)}
                      onToggle={toggle}
                    />
                  ))}
                </ul>
              </section>
            ))}
          </>
        )}
      </section>
      {canAnswer && (
        <AnswerForm
          state={state}
          selected={chosen}
          rows={rows}
          onAnswered={() => setSelected([])}
          onUnselect={(id) => toggle(id, false)}
        />
      )}
      </div>
      <CommitmentList state={state} rows={rows} />
    </div>
  );
}

function PhaseNote({ phase }: { phase: PhaseOrUnknown }) {
  if (phase === 'commitments') return <p class="hint">{t('oa.phase.commitments')}</p>;
  if (!phaseAtLeast(phase, 'commitments')) return <p class="hint">{t('oa.phase.before')}</p>;
  return <p class="hint">{t('oa.phase.published')}</p>;
}

function Progress({ state, rows }: { state: State; rows: ProposalRow[] }) {
  const p = answerProgress(rows);
  if (p.total === 0) {
    return (
      <p aria-live="polite" role="status">
        {t('oa.progress.none')}
      </p>
    );
  }
  return (
    <div aria-live="polite" role="status" class="oa-progress">
      <p>
        <strong>{t('oa.progress.count', { answered: p.answered, total: p.total })}</strong>
      </p>
      {p.unanswered.length === 0 ? (
        <p class="ok">
          {state.phase === 'commitments' ? t('oa.progress.all_ready') : t('oa.progress.all')}
        </p>
      ) : (
        <>
          <p class="oe-warn">{t('oa.progress.unanswered', { n: p.unanswered.length })}</p>
          <p class="hint">{p.unanswered.map((r) => t('oe.ref', { w: r.workshopNumber, r: r.rank })).join('; ')}</p>
        </>
      )}
    </div>
  );
}

function ProposalItem(props: {
  r: ProposalRow;
  state: State;
  grouping: Grouping;
  selectable: boolean;
  checked: boolean;
  onToggle: (id: string, on: boolean) => void;
}) {
  const { r, state } = props;
  const point = state.points.find((p) => p.id === r.contribution.point_id);
  const inputId = `oa-sel-${r.id}`;
  const body = (
    <>
      <span class="oe-prewrap">{r.contribution.text}</span>
      <span class="hint oe-meta">
        {t('oe.ref', { w: r.workshopNumber, r: r.rank })}
        {props.grouping === 'workshop' && point ? ` · ${point.title}` : ''} · {t('oe.votes', { n: r.votes })}
      </span>
    </>
  );
  return (
    <li data-proposal={r.id}>
      <div class="oe-prop">
        {props.selectable ? (
          <>
            <input
              id={inputId}
              type="checkbox"
              checked={props.checked}
              onChange={(e) => props.onToggle(r.id, (e.currentTarget as HTMLInputElement).checked)}
            />
            <label for={inputId}>{body}</label>
          </>
        ) : (
          <div>{body}</div>
        )}
      </div>
      <AnswerSummary state={state} answer={r.answer} />
    </li>
  );
}
