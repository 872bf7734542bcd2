// The public servant's tablet: the workshop's questions (contributions of kind pregunta) and
// their answers, recorded with question.answer. Unanswered ones first.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { State } from '../../core/live';
import type { Workshop } from '../../core/protocol';
import { t } from '../../i18n';
import '../../i18n/workshop';
import { Shell } from '../../ui/shell';
import { AnswerForm } from './shared/answer';
import { ContributionCard, GroupedContributions } from './shared/contributions';
import { PhaseNotice, Waiting, WorkshopHeader } from './shared/header';
import { questionsFor, resultsEditable } from './shared/selectors';
import { logout, useWorkshopSession } from './shared/session';

function QuestionsPanel(props: { state: State; workshop: Workshop; enabled: boolean }) {
  const all = questionsFor(props.state, props.workshop.id);
  const open = all.filter((c) => !c.answer);
  const answered = all.filter((c) => c.answer);
  // An answered question moves to the other list (a new form), so the confirmation is said here,
  // in a region that stays put.
  const [announce, setAnnounce] = useState('');
  const render = (c: (typeof all)[number]) => (
    <ContributionCard state={props.state} contribution={c}>
      <AnswerForm contribution={c} enabled={props.enabled}
        onDone={() => setAnnounce(t('ws.answer.saved.for', { text: c.text.slice(0, 60) }))} />
    </ContributionCard>
  );
  return (
    <>
      <p class="ws-saved" role="status">{announce}</p>
      <section class="card ws-panel" aria-labelledby="ws-open-title">
        <h2 id="ws-open-title">{t('srv.open.title', { n: open.length })}</h2>
        <div aria-live="polite">
          <GroupedContributions state={props.state} items={open} headingLevel={3}
            empty={all.length === 0 ? t('srv.none') : t('srv.allanswered')} render={render} />
        </div>
      </section>
      <section class="card ws-panel" aria-labelledby="ws-done-title">
        <h2 id="ws-done-title">{t('srv.done.title', { n: answered.length })}</h2>
        <GroupedContributions state={props.state} items={answered} headingLevel={3}
          empty={t('srv.done.empty')} render={render} />
      </section>
    </>
  );
}

export default function ServantView() {
  const { route } = useLocation();
  const ctx = useWorkshopSession('servant');
  const w = ctx?.workshop ?? null;
  const state = ctx?.state ?? null;
  const title = w ? t('srv.title.n', { n: w.number }) : t('srv.title');
  return (
    <Shell title={title} subtitle={state?.details.title} onLogout={() => void logout(route)}>
      <div class="ws-page">
        {!ctx || !state || !w ? (
          <Waiting hasState={!!state} />
        ) : (
          <>
            <PhaseNotice state={state} />
            <WorkshopHeader state={state} workshop={w} />
            <p class="hint">{t('srv.hint')}</p>
            <QuestionsPanel state={state} workshop={w} enabled={resultsEditable(state, w)} />
          </>
        )}
      </div>
    </Shell>
  );
}
