// Every workshop at a glance while they run: timer (server deadline, counted with server time),
// current guide question, contributions, voting, synthesis and staff.
import { live } from '../../../core/live';
import { formatRemaining, useServerNow } from '../../../core/time';
import { t } from '../../../i18n';
import '../../../i18n/organizer-event';
import { workshopOverview, type TimerView, type WorkshopOverview } from './selectors';

export function WorkshopsOverview() {
  const now = useServerNow();
  const state = live.state.value;
  if (!state) return null;
  const rows = workshopOverview(state, now);
  const votingOpen = rows.filter((r) => r.voting === 'open').length;
  const finals = rows.filter((r) => r.synthesis === 'final').length;
  const overdue = rows.filter((r) => r.timer.status === 'running' && r.timer.overdue).length;
  return (
    <section class="card" aria-labelledby="oe-overview-h">
      <h3 id="oe-overview-h">{t('oe.overview.title')}</h3>
      {/* Changes by itself (other devices): announced politely, without the ticking timers. */}
      <p aria-live="polite" class="oe-summary">
        {t('oe.overview.summary', { n: rows.length, voting: votingOpen, final: finals })}
        {overdue > 0 && <strong> {t('oe.overview.overdue', { n: overdue })}</strong>}
      </p>
      <div class="oe-table-wrap">
        <table class="oe-table">
          <caption class="visually-hidden">{t('oe.overview.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('oe.overview.workshop')}</th>
              <th scope="col">{t('oe.overview.timer')}</th>
              <th scope="col">{t('oe.overview.question')}</th>
              <th scope="col">{t('oe.overview.contributions')}</th>
              <th scope="col">{t('oe.overview.voting')}</th>
              <th scope="col">{t('oe.overview.synthesis')}</th>
              <th scope="col">{t('oe.overview.staff')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Row key={r.id} r={r} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Row({ r }: { r: WorkshopOverview }) {
  return (
    <tr data-workshop={r.id}>
      <th scope="row">
        {t('common.workshop', { n: r.number })}
        <div class="hint">{t('oe.overview.members', { n: r.members })}</div>
      </th>
      <td>
        <Timer timer={r.timer} />
      </td>
      <td>{r.question ?? <span class="hint">{t('oe.overview.no_question')}</span>}</td>
      <td>
        {r.contributions}
        {r.pending > 0 && <div class="hint">{t('oe.overview.pending', { n: r.pending })}</div>}
      </td>
      <td>
        <span class={`badge oe-voting-${r.voting}`}>{t(`oe.voting.${r.voting}`)}</span>
        {r.voting === 'open' && r.dotsPerPerson > 0 && (
          <div class="hint">{t('oe.overview.dots', { n: r.dotsPerPerson })}</div>
        )}
        {r.voting === 'closed' && <div class="hint">{t('oe.overview.principals', { n: r.principals })}</div>}
      </td>
      <td>
        <span class={`badge oe-synthesis-${r.synthesis}`}>{t(`oe.synthesis.${r.synthesis}`)}</span>
      </td>
      <td>
        <ul class="oe-staff">
          <li>
            {t('oe.staff.facilitator')}: {r.facilitator ?? <strong class="error">{t('oe.staff.none')}</strong>}
          </li>
          <li>
            {t('oe.staff.relator')}: {r.relator ?? <strong class="error">{t('oe.staff.none')}</strong>}
          </li>
          <li>
            {t('oe.staff.servants')}:{' '}
            {r.servants.length > 0 ? r.servants.join(', ') : <span class="oe-warn">{t('oe.staff.none')}</span>}
          </li>
          {r.interpreter && (
            <li>
              {t('oe.staff.interpreter')}: {r.interpreter}
            </li>
          )}
        </ul>
      </td>
    </tr>
  );
}

function Timer({ timer }: { timer: TimerView }) {
  switch (timer.status) {
    case 'running':
      return timer.overdue ? (
        <strong class="error">{t('oe.timer.over')}</strong>
      ) : (
        <span class="oe-timer">
          <span class="oe-timer-digits">{formatRemaining(timer.remainingMs)}</span>
          <span class="visually-hidden"> {t('oe.timer.remaining')}</span>
        </span>
      );
    case 'paused':
      return (
        <span class="oe-timer">
          <span class="oe-timer-digits">{formatRemaining(timer.remainingMs)}</span>{' '}
          <span class="badge">{t('oe.timer.paused')}</span>
        </span>
      );
    default:
      return <span class="hint">{t('oe.timer.idle')}</span>;
  }
}
