// The workshop timer (R7): start for 60 to 90 minutes, pause, resume, extend within the limit.
// The server keeps the deadline; every tablet counts down from it with server time.
import { useState } from 'preact/hooks';
import type { Workshop } from '../../core/protocol';
import { t } from '../../i18n';
import { useCommand } from './shared/command';
import { ErrorLine } from './shared/header';
import { maxExtension, TIMER_MAX_MINUTES, TIMER_MIN_MINUTES } from './shared/selectors';

const QUICK_EXTENSIONS = [5, 10];

export function TimerPanel(props: { workshop: Workshop; enabled: boolean }) {
  const w = props.workshop;
  const cmd = useCommand();
  const [minutes, setMinutes] = useState(String(75));
  const [extra, setExtra] = useState('');
  const status = w.timer.status;
  const room = maxExtension(w);
  const minutesNum = Number(minutes);
  const startValid =
    Number.isInteger(minutesNum) && minutesNum >= TIMER_MIN_MINUTES && minutesNum <= TIMER_MAX_MINUTES;
  const extraNum = Number(extra);
  const extraValid = Number.isInteger(extraNum) && extraNum >= 1 && extraNum <= room;

  function extend(n: number) {
    void cmd.run('timer.extend', { workshop_id: w.id, minutes: n }).then((r) => {
      if (r?.ok) setExtra('');
    });
  }

  return (
    <section class="card ws-panel" aria-labelledby="ws-timer-title">
      <h2 id="ws-timer-title">{t('fac.timer.title')}</h2>
      <p class="hint">{t('fac.timer.limits', { min: TIMER_MIN_MINUTES, max: TIMER_MAX_MINUTES })}</p>
      {status === 'idle' || status === 'unknown' ? (
        <form class="ws-inline" onSubmit={(e) => {
          e.preventDefault();
          if (startValid) void cmd.run('timer.start', { workshop_id: w.id, minutes: minutesNum });
        }}>
          <div>
            <label for="ws-minutes">{t('fac.timer.minutes')}</label>
            <input id="ws-minutes" type="number" class="input ws-number" inputMode="numeric"
              min={TIMER_MIN_MINUTES} max={TIMER_MAX_MINUTES} step={1} value={minutes}
              aria-describedby="ws-minutes-hint"
              onInput={(e) => setMinutes((e.target as HTMLInputElement).value)} />
            <p id="ws-minutes-hint" class="hint">
              {t('fac.timer.minutes.hint', { min: TIMER_MIN_MINUTES, max: TIMER_MAX_MINUTES })}
            </p>
          </div>
          <button type="submit" class="btn btn-primary btn-big" disabled={!props.enabled || !startValid}>
            {t('fac.timer.start')}
          </button>
        </form>
      ) : (
        <>
          <div class="ws-actions">
            {status === 'running' ? (
              <button type="button" class="btn btn-primary btn-big" disabled={!props.enabled}
                onClick={() => void cmd.run('timer.pause', { workshop_id: w.id })}>
                {t('fac.timer.pause')}
              </button>
            ) : (
              <button type="button" class="btn btn-primary btn-big" disabled={!props.enabled}
                onClick={() => void cmd.run('timer.resume', { workshop_id: w.id })}>
                {t('fac.timer.resume')}
              </button>
            )}
          </div>
          <h3>{t('fac.timer.extend.title')}</h3>
          <p class="hint" id="ws-extend-hint">
            {room > 0
              ? t('fac.timer.extend.room', { n: room, max: TIMER_MAX_MINUTES })
              : t('fac.timer.extend.none', { max: TIMER_MAX_MINUTES })}
          </p>
          <div class="ws-actions">
            {QUICK_EXTENSIONS.map((n) => (
              <button key={n} type="button" class="btn" disabled={!props.enabled || n > room}
                onClick={() => extend(n)}>
                {t('fac.timer.extend.by', { n })}
              </button>
            ))}
          </div>
          <form class="ws-inline" onSubmit={(e) => {
            e.preventDefault();
            if (extraValid) extend(extraNum);
          }}>
            <div>
              <label for="ws-extra">{t('fac.timer.extend.other')}</label>
              <input id="ws-extra" type="number" class="input ws-number" inputMode="numeric"
                min={1} max={Math.max(1, room)} step={1} value={extra} aria-describedby="ws-extend-hint"
                onInput={(e) => setExtra((e.target as HTMLInputElement).value)} />
            </div>
            <button type="submit" class="btn" disabled={!props.enabled || !extraValid}>
              {t('fac.timer.extend.do')}
            </button>
          </form>
        </>
      )}
      <ErrorLine error={cmd.error} onDismiss={cmd.clear} />
    </section>
  );
}
