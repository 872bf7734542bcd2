// The facilitator's tablet: runs one workshop. Guide question, timer (R7), speaking turns and
// who has not been heard, the live contributions, and the prioritisation vote.
import { useLocation } from 'preact-iso';
import { t } from '../../i18n';
import '../../i18n/workshop';
import { Shell } from '../../ui/shell';
import { FloorPanel } from './floor';
import { QuestionPanel } from './question';
import { TimerPanel } from './timer';
import { VotingPanel } from './voting';
import { GroupedContributions, ContributionCard, KindSummary } from './shared/contributions';
import { PhaseNotice, Waiting, WorkshopHeader } from './shared/header';
import { logout, useWorkshopSession } from './shared/session';
import {
  activeContributions,
  complaints,
  dotTallies,
  resultsEditable,
  workshopsRunning,
} from './shared/selectors';
import type { State } from '../../core/live';
import type { Workshop } from '../../core/protocol';

function ContributionsPanel(props: { state: State; workshop: Workshop }) {
  const { state, workshop: w } = props;
  const items = activeContributions(state, w.id);
  const referred = complaints(state, w.id);
  const votes = new Map(dotTallies(state, w).map((r) => [r.contribution.id, r.total]));
  const principal = new Set(w.principal_proposals);
  return (
    <section class="card ws-panel" aria-labelledby="ws-contrib-title">
      <h2 id="ws-contrib-title">{t('fac.contrib.title', { n: items.length })}</h2>
      <div aria-live="polite">
        <KindSummary items={items} />
      </div>
      <GroupedContributions state={state} items={items} headingLevel={3} empty={t('fac.contrib.empty')}
        render={(c) => (
          <ContributionCard state={state} contribution={c} votes={votes.get(c.id)} principal={principal.has(c.id)} />
        )} />
      {referred.length > 0 && (
        <>
          <h3>{t('ws.complaints.title', { n: referred.length })}</h3>
          <p class="hint">{t('ws.complaints.hint')}</p>
          <ul class="list">
            {referred.map((c) => <li key={c.id}><ContributionCard state={state} contribution={c} /></li>)}
          </ul>
        </>
      )}
    </section>
  );
}

export default function FacilitatorView() {
  const { route } = useLocation();
  const ctx = useWorkshopSession('facilitator');
  const w = ctx?.workshop ?? null;
  const state = ctx?.state ?? null;
  const title = w ? t('fac.title.n', { n: w.number }) : t('fac.title');
  const running = workshopsRunning(state);
  return (
    <Shell title={title} subtitle={state?.details.title} onLogout={() => void logout(route)} wide>
      <div class="ws-page">
        {!ctx || !state || !w ? (
          <Waiting hasState={!!state} />
        ) : (
          <>
            <PhaseNotice state={state} />
            <WorkshopHeader state={state} workshop={w} />
            <div class="ws-two">
              <div>
                <FloorPanel state={state} workshop={w} enabled={running} />
              </div>
              <div>
                <TimerPanel workshop={w} enabled={running} />
                <QuestionPanel state={state} workshop={w} enabled={running} />
                <VotingPanel state={state} workshop={w} enabled={running}
                  editable={resultsEditable(state, w)} />
                <ContributionsPanel state={state} workshop={w} />
              </div>
            </div>
          </>
        )}
      </div>
    </Shell>
  );
}
