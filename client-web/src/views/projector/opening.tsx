// Opening: title, entities, objective, the report's summary, central points, methodology.
import type { State } from '../../core/protocol';
import { t } from '../../i18n';

export function Opening(props: { state: State }) {
  const d = props.state.details;
  return (
    <div class="pj-opening">
      <header class="pj-hero">
        <h2 class="pj-title">{d.title}</h2>
        {d.entities.length > 0 && <p class="pj-lead">{d.entities.join(' · ')}</p>}
        <p class="pj-meta">
          {t('projector.opening.when', { date: d.date, start: d.start_time, end: d.end_time, venue: d.venue })}
        </p>
      </header>
      <div class="pj-columns">
        {d.objective && (
          <section class="pj-panel" aria-labelledby="pj-obj-h">
            <h3 id="pj-obj-h">{t('projector.opening.objective')}</h3>
            <p class="pj-pre">{d.objective}</p>
          </section>
        )}
        {d.report_summary && (
          <section class="pj-panel" aria-labelledby="pj-sum-h">
            <h3 id="pj-sum-h">{t('projector.opening.summary')}</h3>
            <p class="pj-pre">{d.report_summary}</p>
          </section>
        )}
        {props.state.points.length > 0 && (
          <section class="pj-panel" aria-labelledby="pj-points-h">
            <h3 id="pj-points-h">{t('projector.opening.points')}</h3>
            <ol class="pj-points">
              {props.state.points.map((p) => (
                <li key={p.id}>
                  <strong>{p.title}</strong>
                  {p.description && <p class="pj-small">{p.description}</p>}
                  {p.questions.length > 0 && (
                    <ul class="pj-questions">
                      {p.questions.map((q) => <li key={q.id}>{q.text}</li>)}
                    </ul>
                  )}
                </li>
              ))}
            </ol>
          </section>
        )}
        {d.methodology && (
          <section class="pj-panel" aria-labelledby="pj-method-h">
            <h3 id="pj-method-h">{t('projector.opening.methodology')}</h3>
            <p class="pj-pre">{d.methodology}</p>
          </section>
        )}
      </div>
    </div>
  );
}
