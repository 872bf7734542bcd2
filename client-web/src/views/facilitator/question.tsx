// Choosing the guide question the workshop works on now (workshop.set_question).
import type { State } from '../../core/live';
import type { Workshop } from '../../core/protocol';
import { t } from '../../i18n';
import { useCommand } from './shared/command';
import { ErrorLine } from './shared/header';

export function QuestionPanel(props: { state: State; workshop: Workshop; enabled: boolean }) {
  const cmd = useCommand();
  const w = props.workshop;
  return (
    <section class="card ws-panel" aria-labelledby="ws-q-title">
      <h2 id="ws-q-title">{t('fac.q.title')}</h2>
      <p class="hint">{t('fac.q.hint')}</p>
      {props.state.points.map((point) => (
        <div key={point.id} class="ws-group">
          <h3>{point.title}</h3>
          <div class="ws-actions">
            {point.questions.map((q) => {
              const current = w.current_question === q.id;
              return (
                <button key={q.id} type="button" class={current ? 'btn btn-primary' : 'btn'}
                  aria-pressed={current} disabled={!props.enabled}
                  onClick={() => {
                    if (!current) void cmd.run('workshop.set_question', { workshop_id: w.id, question_id: q.id });
                  }}>
                  {q.text}
                </button>
              );
            })}
          </div>
        </div>
      ))}
      {props.state.points.length === 0 && <p class="hint">{t('fac.q.none')}</p>}
      <ErrorLine error={cmd.error} onDismiss={cmd.clear} />
    </section>
  );
}
