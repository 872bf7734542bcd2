// Commitments: the answers as the entity states them (newest first, the latest large); then the
// published summary.
import type { Answer, Commitment, Contribution, State } from '../../core/protocol';
import { t } from '../../i18n';
import { answerProgress, answersNewestFirst, currentTerms, allPrincipalIds, placeAndParts, progressShown } from './select';

/** Where the commitment applies and its parts, when it names them. */
function PlaceAndParts(props: { commitment: Commitment }) {
  const { territory, parts } = placeAndParts(props.commitment);
  return (
    <>
      {territory && <p class="pj-small">{t('projector.terms.territory', { territory })}</p>}
      {parts.length > 0 && (
        <>
          <p class="pj-small">{t('projector.terms.parts', { n: parts.length })}</p>
          <ol class="pj-small pj-parts">
            {parts.map((what, i) => <li key={i} class="pj-pre">{what}</li>)}
          </ol>
        </>
      )}
    </>
  );
}

function AnswerBody(props: { answer: Answer; commitment: Commitment | null }) {
  const { answer, commitment } = props;
  const terms = commitment ? currentTerms(commitment) : null;
  return (
    <>
      <p class="pj-answer-kind">{t(`projector.kind.${answer.kind}`)}</p>
      {terms && (
        <>
          <p class="pj-what pj-pre">{terms.what}</p>
          <p class="pj-small">{t('projector.terms.who', { entity: terms.entity, office: terms.office })}</p>
          <p class="pj-small">{t('projector.terms.due', { date: terms.due_date })}</p>
          <p class="pj-small">{t('projector.terms.indicator', { indicator: terms.indicator, goal: terms.goal })}</p>
          {commitment && <PlaceAndParts commitment={commitment} />}
        </>
      )}
      {answer.kind === 'referred' && answer.referred_to && (
        <p class="pj-what">{t('projector.referred_to', { to: answer.referred_to })}</p>
      )}
      {answer.reason && <p class="pj-small pj-pre">{t('projector.reason', { reason: answer.reason })}</p>}
    </>
  );
}

function Proposals(props: { proposals: Contribution[] }) {
  if (props.proposals.length === 0) return null;
  return (
    <ul class="pj-answered" aria-label={t('projector.answers.proposals')}>
      {props.proposals.map((c) => (
        <li key={c.id} class="pj-pre">{c.text}</li>
      ))}
    </ul>
  );
}

export function Commitments(props: { state: State }) {
  const { state } = props;
  const progress = answerProgress(state);
  const answers = answersNewestFirst(state);
  return (
    <section aria-labelledby="pj-com-h">
      <h2 id="pj-com-h" class="pj-title">{t('projector.commitments.title')}</h2>
      <p class="pj-lead" aria-live="polite">
        {t('projector.commitments.progress', { answered: progress.answered, total: progress.total })}
      </p>
      {answers.length === 0 ? (
        <p class="pj-lead">{t('projector.commitments.none')}</p>
      ) : (
        <ol class="pj-answers" aria-live="polite">
          {answers.map((a, i) => (
            <li key={a.answer.id} class={i === 0 ? 'pj-panel pj-latest' : 'pj-panel'}>
              <Proposals proposals={a.proposals} />
              <AnswerBody answer={a.answer} commitment={a.commitment} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function Published(props: { state: State }) {
  const { state } = props;
  const commitments = state.commitments;
  const counts = [
    { key: 'projector.published.workshops', n: state.workshops.length },
    { key: 'projector.published.participants', n: state.participants.length },
    { key: 'projector.published.principals', n: allPrincipalIds(state).length },
    { key: 'projector.published.commitments', n: commitments.length },
  ];
  return (
    <section aria-labelledby="pj-pub-h">
      <h2 id="pj-pub-h" class="pj-title">{t('projector.published.title')}</h2>
      <dl class="pj-counters pj-summary">
        {counts.map((c) => (
          <div key={c.key}><dt>{t(c.key)}</dt><dd>{c.n}</dd></div>
        ))}
      </dl>
      {commitments.length > 0 && (
        <>
          <h3>{t('projector.published.list')}</h3>
          <ol class="pj-answers">
            {commitments.map((k) => {
              const terms = currentTerms(k);
              if (!terms) return null;
              const progress = progressShown(state, k);
              return (
                <li key={k.id} class="pj-panel">
                  <p class="pj-what pj-pre">{terms.what}</p>
                  <p class="pj-small">{t('projector.terms.who', { entity: terms.entity, office: terms.office })}</p>
                  <p class="pj-small">{t('projector.terms.due', { date: terms.due_date })}</p>
                  <PlaceAndParts commitment={k} />
                  {progress && (
                    <p class="pj-small" data-progress={k.id}>
                      {t('projector.progress', { percent: progress.percent, status: t(`projector.status.${progress.status}`) })}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
      <p class="pj-small">{t('projector.published.follow')}</p>
    </section>
  );
}
