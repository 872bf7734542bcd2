// Before the workshops: the encuentro's plan and the person's workshop.
import type { State } from '../../core/protocol';
import { t } from '../../i18n';
import { workshopOf } from './select';

export function Plan(props: { state: State; pid: string | null }) {
  const { state, pid } = props;
  const d = state.details;
  const workshop = pid ? workshopOf(state, pid) : null;
  return (
    <>
      {pid && (
        <section class="card cz-callout" aria-live="polite">
          <p class="cz-big">
            {workshop
              ? t('citizen.plan.workshop', { n: workshop.number })
              : t('citizen.plan.no_workshop')}
          </p>
          <p class="hint">{t('citizen.plan.waiting')}</p>
        </section>
      )}
      <section class="card" aria-labelledby="cz-plan-h">
        <h2 id="cz-plan-h">{d.title}</h2>
        {d.entities.length > 0 && <p>{d.entities.join(' · ')}</p>}
        <p class="hint">
          {t('citizen.plan.when', { date: d.date, start: d.start_time, end: d.end_time, venue: d.venue })}
        </p>
        {d.objective && (
          <>
            <h3>{t('citizen.plan.objective')}</h3>
            <p class="cz-pre">{d.objective}</p>
          </>
        )}
        {d.report_summary && (
          <>
            <h3>{t('citizen.plan.summary')}</h3>
            <p class="cz-pre">{d.report_summary}</p>
          </>
        )}
      </section>
      {state.points.length > 0 && (
        <section class="card" aria-labelledby="cz-points-h">
          <h2 id="cz-points-h">{t('citizen.plan.points')}</h2>
          <ol class="cz-points">
            {state.points.map((p) => (
              <li key={p.id}>
                <h3>{p.title}</h3>
                {p.description && <p>{p.description}</p>}
                {p.questions.length > 0 && (
                  <ul>
                    {p.questions.map((q) => (
                      <li key={q.id}>{q.text}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
      {d.methodology && (
        <section class="card" aria-labelledby="cz-method-h">
          <h2 id="cz-method-h">{t('citizen.plan.methodology')}</h2>
          <p class="cz-pre">{d.methodology}</p>
        </section>
      )}
    </>
  );
}
