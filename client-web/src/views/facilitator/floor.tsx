// Speaking turns: who has the floor, raised hands in order (give the floor, lower the hand), and
// the members not heard yet, so that every attendee can give an opinion.
import type { State } from '../../core/live';
import type { Workshop } from '../../core/protocol';
import { t } from '../../i18n';
import { useCommand } from './shared/command';
import { ErrorLine } from './shared/header';
import { nameOf, notYetHeard, speakingQueue } from './shared/selectors';

export function FloorPanel(props: { state: State; workshop: Workshop; enabled: boolean }) {
  const { state, workshop: w, enabled } = props;
  const cmd = useCommand();
  const queue = speakingQueue(state, w);
  const waiting = notYetHeard(state, w);
  const inQueue = new Set(w.speaking_queue);
  const give = (id: string) => void cmd.run('floor.give', { workshop_id: w.id, participant_id: id });

  return (
    <section class="card ws-panel" aria-labelledby="ws-floor-title">
      <h2 id="ws-floor-title">{t('fac.floor.title')}</h2>
      <p aria-live="polite">
        {t('fac.floor.speaker')}{' '}
        <span class="ws-speaker">{w.speaker ? nameOf(state, w.speaker) : t('fac.floor.nobody')}</span>
      </p>
      <ErrorLine error={cmd.error} onDismiss={cmd.clear} />

      <h3 id="ws-queue-title">{t('fac.floor.queue', { n: queue.length })}</h3>
      <div aria-live="polite">
        {queue.length === 0 ? (
          <p class="hint">{t('fac.floor.queue.empty')}</p>
        ) : (
          <ol class="list ws-queue" aria-labelledby="ws-queue-title">
            {queue.map((q) => (
              <li key={q.id}>
                <span class="ws-name">
                  <span class="ws-pos">{q.position}.</span> {q.name}
                  {q.firstTime && <span class="badge">{t('fac.floor.first')}</span>}
                </span>
                <span class="row">
                  <button type="button" class="btn btn-primary" disabled={!enabled}
                    onClick={() => give(q.id)}>
                    {t('fac.floor.give', { name: q.name })}
                  </button>
                  <button type="button" class="btn" disabled={!enabled}
                    onClick={() => void cmd.run('hand.lower', { workshop_id: w.id, participant_id: q.id })}>
                    {t('fac.floor.lower', { name: q.name })}
                  </button>
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>

      <h3 id="ws-unheard-title">{t('fac.floor.unheard', { n: waiting.length, total: w.members.length })}</h3>
      {waiting.length === 0 ? (
        <p class="hint">{w.members.length > 0 ? t('fac.floor.allheard') : t('fac.floor.nomembers')}</p>
      ) : (
        <ul class="list ws-people" aria-labelledby="ws-unheard-title">
          {waiting.map((p) => (
            <li key={p.id}>
              <span class="ws-name">
                {p.name}
                {(p.needs.lsc_interpreter || p.needs.guide_interpreter) && (
                  <span class="badge">{t('fac.floor.interpreter')}</span>
                )}
              </span>
              {inQueue.has(p.id) ? (
                <span class="badge">{t('fac.floor.inqueue')}</span>
              ) : (
                <span class="row">
                  <button type="button" class="btn" disabled={!enabled}
                    aria-label={t('fac.floor.raise', { name: p.name })}
                    onClick={() => void cmd.run('hand.raise', { workshop_id: w.id, participant_id: p.id })}>
                    {t('fac.floor.raise.short')}
                  </button>
                  <button type="button" class="btn" disabled={!enabled} onClick={() => give(p.id)}
                    aria-label={t('fac.floor.give', { name: p.name })}>
                    {t('fac.floor.give.short')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
