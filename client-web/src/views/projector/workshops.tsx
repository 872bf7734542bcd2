// Workshops: one panel per workshop with its timer, live counters and its contributions, each
// rendered once as its own list item (newest first, so the latest stay in view).
import type { State, Workshop } from '../../core/protocol';
import { formatRemaining, remainingMs, useServerNow } from '../../core/time';
import { t } from '../../i18n';
import { findQuestion } from '../citizen/select';
import { countersOf, shownContributions, workshopsInOrder } from './select';

export function Workshops(props: { state: State }) {
  const workshops = workshopsInOrder(props.state);
  const now = useServerNow();
  return (
    <section aria-labelledby="pj-ws-h">
      <h2 id="pj-ws-h" class="visually-hidden">{t('projector.workshops.title')}</h2>
      {workshops.length === 0 ? (
        <p class="pj-lead">{t('projector.workshops.none')}</p>
      ) : (
        <div class={workshops.length > 4 ? 'pj-ws-grid pj-ws-many' : 'pj-ws-grid'}>
          {workshops.map((w) => (
            <WorkshopPanel key={w.id} state={props.state} workshop={w} now={now} />
          ))}
        </div>
      )}
    </section>
  );
}

function WorkshopPanel(props: { state: State; workshop: Workshop; now: number }) {
  const { state, workshop: w, now } = props;
  const counters = countersOf(state, w);
  const contributions = [...shownContributions(state, w.id)].reverse();
  const question = findQuestion(state, w.current_question);
  const headingId = `pj-w-${w.id}`;
  return (
    <article class="pj-panel pj-ws" aria-labelledby={headingId} data-workshop={w.id}>
      <header class="pj-ws-head">
        <h3 id={headingId}>{t('projector.workshop', { n: w.number })}</h3>
        <p class="pj-timer">
          <span class="visually-hidden">{t('projector.timer')}: </span>
          {w.timer.status === 'idle' ? (
            <span class="pj-small">{t('projector.timer.idle')}</span>
          ) : (
            <>
              <span role="timer" class="pj-digits">{formatRemaining(remainingMs(w.timer, now))}</span>
              {w.timer.status === 'paused' && <span class="pj-small"> ({t('projector.timer.paused')})</span>}
            </>
          )}
        </p>
      </header>
      <dl class="pj-counters" aria-live="polite">
        <div><dt>{t('projector.count.contributions')}</dt><dd>{counters.contributions}</dd></div>
        <div><dt>{t('projector.count.proposals')}</dt><dd>{counters.proposals}</dd></div>
        <div><dt>{t('projector.count.votes')}</dt><dd>{counters.votes}</dd></div>
        <div><dt>{t('projector.count.members')}</dt><dd>{counters.members}</dd></div>
      </dl>
      {w.voting.open && <p class="pj-flag">{t('projector.voting.open')}</p>}
      {w.voting.closed && <p class="pj-flag pj-flag-done">{t('projector.voting.closed')}</p>}
      {question && <p class="pj-small pj-question">{t('projector.question', { text: question.question.text })}</p>}
      <h4 class="visually-hidden">{t('projector.contributions', { n: w.number })}</h4>
      {contributions.length === 0 ? (
        <p class="pj-small">{t('projector.contributions.none')}</p>
      ) : (
        <ul class="pj-contribs" aria-label={t('projector.contributions', { n: w.number })} aria-live="polite">
          {contributions.map((c) => (
            <li key={c.id} data-contribution={c.id} class={`pj-c pj-c-${c.kind}`}>
              <span class="pj-kind">{t(`projector.ckind.${c.kind}`)}</span>{' '}
              <span class="pj-pre">{c.text}</span>
              {c.kind === 'queja' && <span class="pj-small"> ({t('projector.complaint')})</span>}
              {c.answer && <p class="pj-small">{t('projector.answer', { text: c.answer })}</p>}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
