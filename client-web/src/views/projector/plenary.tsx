// Plenary: follows the organizer's plenary_focus: one workshop's synthesis and principal
// proposals, or every principal proposal by central point ("all"); before any focus, every
// workshop's results.
import type { State, Workshop } from '../../core/protocol';
import { t } from '../../i18n';
import { principalsByPoint, principalsOf, resolveFocus, tally, workshopsInOrder } from './select';

function votesText(n: number): string {
  return n === 1 ? t('projector.vote1') : t('projector.votes', { n });
}

export function Plenary(props: { state: State }) {
  const { state } = props;
  const focus = resolveFocus(state);
  return (
    <div aria-live="polite" class="pj-plenary">
      {focus.kind === 'workshop' && <WorkshopResult state={state} workshop={focus.workshop} big />}
      {focus.kind === 'all' && <AllByPoint state={state} />}
      {focus.kind === 'overview' && (
        <section aria-labelledby="pj-ov-h">
          <h2 id="pj-ov-h" class="pj-title">{t('projector.plenary.overview')}</h2>
          <div class="pj-ws-grid">
            {workshopsInOrder(state).map((w) => (
              <WorkshopResult key={w.id} state={state} workshop={w} />
            ))}
          </div>
        </section>
      )}
    </div>
  );
}

function WorkshopResult(props: { state: State; workshop: Workshop; big?: boolean }) {
  const { state, workshop: w } = props;
  const principals = principalsOf(state, w);
  const id = `pj-res-${w.id}`;
  const Heading = props.big ? 'h2' : 'h3';
  const Sub = props.big ? 'h3' : 'h4';
  return (
    <article class={props.big ? 'pj-focus' : 'pj-panel'} aria-labelledby={id}>
      <Heading id={id} class={props.big ? 'pj-title' : undefined}>
        {t('projector.workshop', { n: w.number })}
      </Heading>
      <Sub>{t('projector.plenary.synthesis')}</Sub>
      <p class="pj-pre pj-synthesis">{w.synthesis || t('projector.plenary.no_synthesis')}</p>
      <Sub>{t('projector.plenary.principals')}</Sub>
      {principals.length === 0 ? (
        <p class="pj-small">{t('projector.plenary.no_principals')}</p>
      ) : (
        <ol class="pj-principals">
          {principals.map((c) => (
            <li key={c.id} data-contribution={c.id}>
              <span class="pj-pre">{c.text}</span>{' '}
              <span class="pj-votes">{votesText(tally(state, c.id))}</span>
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}

function AllByPoint(props: { state: State }) {
  const groups = principalsByPoint(props.state);
  return (
    <section aria-labelledby="pj-all-h">
      <h2 id="pj-all-h" class="pj-title">{t('projector.plenary.all')}</h2>
      <div class="pj-columns">
        {groups.map((g) => (
          <section key={g.pointId} class="pj-panel" aria-labelledby={`pj-pt-${g.pointId}`}>
            <h3 id={`pj-pt-${g.pointId}`}>{g.point?.title ?? t('projector.point.unknown')}</h3>
            <ol class="pj-principals">
              {g.items.map((item) => (
                <li key={item.proposal.id} data-contribution={item.proposal.id}>
                  <span class="pj-pre">{item.proposal.text}</span>{' '}
                  <span class="pj-votes">
                    {t('projector.plenary.from', { n: item.workshopNumber })} ·{' '}
                    {votesText(item.votes)}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
    </section>
  );
}
