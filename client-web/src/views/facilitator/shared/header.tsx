// The top of every workshop tablet: which workshop, the phase, the guide question being worked
// on and the workshop timer (server time), big enough to read at arm's length.
import type { State } from '../../../core/live';
import type { Workshop } from '../../../core/protocol';
import { t } from '../../../i18n';
import '../../../i18n/workshop';
import { formatRemaining, useServerNow } from '../../../core/time';
import { findQuestion, timerRemaining } from './selectors';
import './workshop.css';

export function ErrorLine(props: { error: string | null; onDismiss?: () => void }) {
  if (!props.error) return null;
  return (
    <div class="ws-error" role="alert">
      <p class="error">{props.error}</p>
      {props.onDismiss && (
        <button type="button" class="btn btn-quiet" onClick={props.onDismiss}>
          {t('ws.dismiss')}
        </button>
      )}
    </div>
  );
}

/** The countdown: running counts down from the server's deadline, paused shows remaining_ms. */
export function TimerDisplay(props: { workshop: Workshop; big?: boolean }) {
  const timer = props.workshop.timer;
  const now = useServerNow();
  const remaining = timerRemaining(props.workshop, now);
  const over = remaining === 0 && timer.status === 'running';
  const statusKey =
    timer.status === 'running' ? (over ? 'ws.timer.over' : 'ws.timer.running')
    : timer.status === 'paused' ? 'ws.timer.paused'
    : 'ws.timer.idle';
  return (
    <div class={`ws-timer ws-timer-${timer.status}${over ? ' ws-timer-over' : ''}${props.big ? ' ws-timer-big' : ''}`}>
      <span class="ws-timer-label">{t('ws.timer.remaining')}</span>
      <span class="ws-timer-clock" role="timer" aria-label={t('ws.timer.remaining')}>
        {remaining === null ? '—' : formatRemaining(remaining)}
      </span>
      <span class="ws-timer-status" aria-live="polite">
        {t(statusKey)}
        {timer.allotted_minutes > 0 && ` · ${t('ws.timer.allotted', { n: timer.allotted_minutes })}`}
      </span>
    </div>
  );
}

export function CurrentQuestion(props: { state: State; workshop: Workshop }) {
  const q = findQuestion(props.state.points, props.workshop.current_question);
  return (
    <div class="ws-question" aria-live="polite">
      <span class="ws-question-label">{t('ws.question.current')}</span>
      {q ? (
        <>
          <span class="ws-question-point">{q.point.title}</span>
          <span class="ws-question-text">{q.text}</span>
        </>
      ) : (
        <span class="ws-question-text ws-muted">{t('ws.question.none')}</span>
      )}
    </div>
  );
}

/** A notice when the encuentro is not in the workshops phase (commands would be refused). */
export function PhaseNotice(props: { state: State }) {
  const phase = props.state.phase;
  if (phase === 'workshops') return null;
  const key = phase === 'plenary' ? 'ws.phase.plenary' : 'ws.phase.notyet';
  return (
    <p class="ws-notice" role="status">
      {t(key, { phase: t(`ws.phasename.${phase}`) })}
    </p>
  );
}

export function WorkshopHeader(props: { state: State; workshop: Workshop }) {
  return (
    <section class="ws-header card" aria-label={t('ws.header.label')}>
      <CurrentQuestion state={props.state} workshop={props.workshop} />
      <TimerDisplay workshop={props.workshop} />
    </section>
  );
}

/** Loading / missing-workshop placeholders, shared by the three tablets. */
export function Waiting(props: { hasState: boolean }) {
  return (
    <p class="ws-notice" role="status" aria-live="polite">
      {props.hasState ? t('ws.noworkshop') : t('common.loading')}
    </p>
  );
}
