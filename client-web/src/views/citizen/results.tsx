// From the plenary on: every workshop's synthesis and principal proposals, with the entity's
// answer once given. The phone's own workshop comes first.
import type { Answer, State } from '../../core/protocol';
import { t } from '../../i18n';
import {
  answerFor,
  commitmentOf,
  currentTerms,
  principalsOf,
  tally,
  workshopsInOrder,
} from '../projector/select';
import { workshopOf } from './select';

function votesText(n: number): string {
  return n === 1 ? t('citizen.results.vote1') : t('citizen.results.votes', { n });
}

export function AnswerLine(props: { state: State; answer: Answer | null }) {
  const { state, answer } = props;
  if (!answer) return <p class="hint">{t('citizen.answer.pending')}</p>;
  switch (answer.kind) {
    case 'commitment': {
      const k = commitmentOf(state, answer);
      const terms = k ? currentTerms(k) : null;
      if (!terms) return null;
      return (
        <p class="cz-answer">
          {t('citizen.answer.commitment', { what: terms.what, entity: terms.entity, date: terms.due_date })}
        </p>
      );
    }
    case 'not_adopted':
      return <p class="cz-answer">{t('citizen.answer.not_adopted', { reason: answer.reason })}</p>;
    case 'referred':
      return (
        <p class="cz-answer">
          {t('citizen.answer.referred', { to: answer.referred_to, reason: answer.reason })}
        </p>
      );
    default:
      return null;
  }
}

export function Results(props: { state: State; pid: string }) {
  const { state, pid } = props;
  const mine = workshopOf(state, pid);
  const ordered = workshopsInOrder(state);
  const workshops = mine ? [mine, ...ordered.filter((w) => w.id !== mine.id)] : ordered;
  return (
    <section aria-labelledby="cz-results-h">
      <h2 id="cz-results-h">{t('citizen.results.title')}</h2>
      {workshops.map((w) => {
        const principals = principalsOf(state, w);
        return (
          <article key={w.id} class="card" aria-labelledby={`cz-res-${w.id}`}>
            <h3 id={`cz-res-${w.id}`}>
              {t('common.workshop', { n: w.number })}
              {mine?.id === w.id && <> {t('citizen.results.yours')}</>}
            </h3>
            <h4 class="cz-sub">{t('citizen.results.synthesis')}</h4>
            <p class="cz-pre">{w.synthesis || t('citizen.results.no_synthesis')}</p>
            <h4 class="cz-sub">{t('citizen.results.principals')}</h4>
            {principals.length === 0 ? (
              <p class="hint">{t('citizen.results.none')}</p>
            ) : (
              <ol class="cz-principals">
                {principals.map((c) => (
                  <li key={c.id}>
                    <p class="cz-pre cz-proposal-text">{c.text}</p>
                    <p class="hint">{votesText(tally(state, c.id))}</p>
                    {state.phase !== 'plenary' && (
                      <AnswerLine state={state} answer={answerFor(state, c.id)} />
                    )}
                  </li>
                ))}
              </ol>
            )}
          </article>
        );
      })}
    </section>
  );
}
