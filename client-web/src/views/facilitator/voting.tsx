// Prioritisation: open the vote with dots per person, live dot counts, hand counts for people
// without phones, close it (the server ranks the principal proposals), then adjust them.
import { useEffect, useState } from 'preact/hooks';
import type { State } from '../../core/live';
import type { Workshop } from '../../core/protocol';
import { t } from '../../i18n';
import { useCommand } from './shared/command';
import { ErrorLine } from './shared/header';
import {
  DOTS_DEFAULT,
  DOTS_MAX,
  DOTS_MIN,
  dotTallies,
  excerpt,
  HAND_COUNT_MAX,
  votersSummary,
  type Tally,
} from './shared/selectors';

function HandCountRow(props: { workshop: Workshop; tally: Tally; enabled: boolean }) {
  const { tally, workshop: w } = props;
  const cmd = useCommand();
  const [draft, setDraft] = useState('');
  const id = `ws-hands-${tally.contribution.id}`;
  const n = Number(draft);
  const valid = draft.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= HAND_COUNT_MAX;
  return (
    <form class="ws-inline" onSubmit={(e) => {
      e.preventDefault();
      if (!valid) return;
      void cmd.run('hand_count.record', { workshop_id: w.id, contribution_id: tally.contribution.id, count: n })
        .then((r) => { if (r?.ok) setDraft(''); });
    }}>
      <div>
        <label for={id}>{t('fac.vote.hands')}</label>
        <input id={id} aria-label={`${t('fac.vote.hands')}: ${excerpt(tally.contribution.text)}`} type="number" class="input ws-number" inputMode="numeric" min={0}
          max={HAND_COUNT_MAX} step={1} value={draft} placeholder={String(tally.hands)}
          onInput={(e) => setDraft((e.target as HTMLInputElement).value)} />
      </div>
      <button type="submit" class="btn" disabled={!props.enabled || !valid}
        aria-label={`${t('fac.vote.hands.record')}: ${excerpt(tally.contribution.text)}`}>
        {t('fac.vote.hands.record')}
      </button>
      <ErrorLine error={cmd.error} onDismiss={cmd.clear} />
    </form>
  );
}

function TallyList(props: { tallies: Tally[]; workshop: Workshop; enabled: boolean; handCounts: boolean }) {
  return (
    <ol class="list">
      {props.tallies.map((row) => (
        <li key={row.contribution.id} class="ws-tally" data-contribution={row.contribution.id}>
          <div>
            <p class="ws-text">
              {row.principal && <span class="badge ws-principal">{t('ws.c.principal')}</span>}{' '}
              {row.contribution.text}
            </p>
            <p class="hint">{t('fac.vote.breakdown', { dots: row.dots, hands: row.hands })}</p>
            {props.handCounts && <HandCountRow workshop={props.workshop} tally={row} enabled={props.enabled} />}
          </div>
          <div class="ws-total">
            {row.total}
            <span class="visually-hidden"> {t('fac.vote.points')}</span>
          </div>
        </li>
      ))}
    </ol>
  );
}

function PrincipalsEditor(props: { workshop: Workshop; tallies: Tally[]; enabled: boolean }) {
  const w = props.workshop;
  const cmd = useCommand();
  const [chosen, setChosen] = useState<string[]>(w.principal_proposals);
  const [dirty, setDirty] = useState(false);
  // Follow the server's list until the facilitator starts changing it.
  useEffect(() => {
    if (!dirty) setChosen(w.principal_proposals);
  }, [w.principal_proposals.join('|')]);
  const toggle = (id: string) => {
    setDirty(true);
    setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  };
  const valid = chosen.length >= 1 && chosen.length <= 10;
  return (
    <form onSubmit={(e) => {
      e.preventDefault();
      if (!valid) return;
      // Keep the ranking order of the tally for the saved list.
      const ordered = props.tallies.map((r) => r.contribution.id).filter((id) => chosen.includes(id));
      void cmd.run('principals.set', { workshop_id: w.id, contribution_ids: ordered }).then((r) => {
        if (r?.ok) setDirty(false);
      });
    }}>
      <fieldset class="ws-kinds">
        <legend>{t('fac.vote.principals.legend')}</legend>
        <p class="hint">{t('fac.vote.principals.hint')}</p>
        {props.tallies.map((row) => {
          const id = `ws-pp-${row.contribution.id}`;
          return (
            <div key={row.contribution.id} class="ws-check">
              <input id={id} type="checkbox" checked={chosen.includes(row.contribution.id)}
                disabled={!props.enabled} onChange={() => toggle(row.contribution.id)} />
              <label for={id} class="ws-check">
                {row.contribution.text} ({t('fac.vote.total', { n: row.total })})
              </label>
            </div>
          );
        })}
      </fieldset>
      <button type="submit" class="btn btn-primary" disabled={!props.enabled || !valid || !dirty}>
        {t('fac.vote.principals.save')}
      </button>
      <ErrorLine error={cmd.error} onDismiss={cmd.clear} />
    </form>
  );
}

export function VotingPanel(props: { state: State; workshop: Workshop; enabled: boolean; editable: boolean }) {
  const { state, workshop: w, enabled } = props;
  const cmd = useCommand();
  const [dots, setDots] = useState(String(DOTS_DEFAULT));
  const [confirmClose, setConfirmClose] = useState(false);
  const tallies = dotTallies(state, w);
  const dotsNum = Number(dots);
  const dotsValid = Number.isInteger(dotsNum) && dotsNum >= DOTS_MIN && dotsNum <= DOTS_MAX;
  const summary = votersSummary(state, w);

  let body;
  if (!w.voting.open && !w.voting.closed) {
    body = (
      <>
        <p class="hint">{t('fac.vote.before', { n: tallies.length })}</p>
        <form class="ws-inline" onSubmit={(e) => {
          e.preventDefault();
          if (dotsValid) void cmd.run('voting.open', { workshop_id: w.id, dots_per_person: dotsNum });
        }}>
          <div>
            <label for="ws-dots">{t('fac.vote.dots')}</label>
            <input id="ws-dots" type="number" class="input ws-number" inputMode="numeric" min={DOTS_MIN}
              max={DOTS_MAX} step={1} value={dots} aria-describedby="ws-dots-hint"
              onInput={(e) => setDots((e.target as HTMLInputElement).value)} />
            <p id="ws-dots-hint" class="hint">{t('fac.vote.dots.hint', { min: DOTS_MIN, max: DOTS_MAX })}</p>
          </div>
          <button type="submit" class="btn btn-primary btn-big" disabled={!enabled || !dotsValid}>
            {t('fac.vote.open')}
          </button>
        </form>
      </>
    );
  } else if (w.voting.open) {
    body = (
      <>
        <p class="ws-notice" role="status">{t('fac.vote.isopen', { n: w.voting.dots_per_person })}</p>
        <p aria-live="polite">
          {t('fac.vote.summary', {
            voters: summary.voters,
            members: w.members.length,
            used: summary.dotsUsed,
            available: summary.dotsAvailable,
          })}
        </p>
        {tallies.length === 0 ? <p class="hint">{t('fac.vote.noproposals')}</p> : (
          <TallyList tallies={tallies} workshop={w} enabled={enabled} handCounts />
        )}
        {confirmClose ? (
          <div class="ws-actions" role="group" aria-label={t('fac.vote.close.confirm')}>
            <p class="ws-notice">{t('fac.vote.close.confirm')}</p>
            <button type="button" class="btn btn-primary btn-big" disabled={!enabled}
              onClick={() => {
                setConfirmClose(false);
                void cmd.run('voting.close', { workshop_id: w.id });
              }}>
              {t('fac.vote.close.yes')}
            </button>
            <button type="button" class="btn btn-big" onClick={() => setConfirmClose(false)}>
              {t('common.cancel')}
            </button>
          </div>
        ) : (
          <button type="button" class="btn btn-danger btn-big" disabled={!enabled}
            onClick={() => setConfirmClose(true)}>
            {t('fac.vote.close')}
          </button>
        )}
      </>
    );
  } else {
    body = (
      <>
        <p class="ws-notice" role="status">{t('fac.vote.closed')}</p>
        <TallyList tallies={tallies} workshop={w} enabled={false} handCounts={false} />
        {w.synthesis_final ? (
          <p class="hint">{t('fac.vote.final')}</p>
        ) : (
          <PrincipalsEditor workshop={w} tallies={tallies} enabled={props.editable} />
        )}
      </>
    );
  }

  return (
    <section class="card ws-panel" aria-labelledby="ws-vote-title">
      <h2 id="ws-vote-title">{t('fac.vote.title')}</h2>
      {body}
      <ErrorLine error={cmd.error} onDismiss={cmd.clear} />
    </section>
  );
}
