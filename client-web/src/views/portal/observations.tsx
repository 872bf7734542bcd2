// The veeduría on a commitment's public page: the approved observations of citizens, oldest
// first, each with the entity's reply, and the form to leave one. Texts are text nodes only.
import type { CommitmentView, EncuentroView, PublicObservation } from './api';
import { t } from '../../i18n';
import { fmtDate } from './fmt';
import { ObservationForm } from './observation-form';
import { observationsOpen } from '../../core/veeduria';


export function Observations(props: { c: CommitmentView; view: EncuentroView }) {
  const list = props.c.observations ?? [];
  return (
    <section class="card" aria-labelledby="pt-observations" data-observations>
      <h2 id="pt-observations">{t('portal.section.observations')}</h2>
      <p>{t('portal.obs.intro')}</p>
      <h3>{t('portal.obs.list', { n: list.length })}</h3>
      {list.length === 0 ? (
        <p>{t('portal.obs.none')}</p>
      ) : (
        <ol class="pt-observations">
          {list.map((o) => (
            <li key={o.id}>
              <Observation o={o} />
            </li>
          ))}
        </ol>
      )}
      {observationsOpen(props.view.details.phase) ? (
        <ObservationForm encuentro={props.view.id} commitment={props.c.id} />
      ) : (
        <p class="hint">{t('portal.obs.closed')}</p>
      )}
    </section>
  );
}

function Observation({ o }: { o: PublicObservation }) {
  const who = o.alias.trim() || t('portal.obs.anonymous');
  return (
    <article class="pt-observation" data-observation={o.id} aria-label={t('portal.obs.aria', { who, date: fmtDate(o.date) })}>
      <p class="pt-obs-meta">
        <strong class="pt-pre">{who}</strong> · <time dateTime={o.date}>{fmtDate(o.date)}</time>
      </p>
      <p class="pt-pre pt-obs-text">{o.text}</p>
      {o.reply ? (
        <div class="pt-reply" data-reply={o.id}>
          <p class="pt-reply-head">
            <strong>{t('portal.obs.reply')}</strong> · <time dateTime={o.reply.date}>{fmtDate(o.reply.date)}</time>
          </p>
          <p class="pt-pre">{o.reply.text}</p>
        </div>
      ) : (
        <p class="hint">{t('portal.obs.no_reply')}</p>
      )}
    </article>
  );
}
