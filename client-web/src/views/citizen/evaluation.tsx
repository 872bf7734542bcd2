// The evaluation: four ratings from 1 to 5 and an optional comment (evaluation.submit), once.
import { useState } from 'preact/hooks';
import { live } from '../../core/live';
import type { EvaluationRatings } from '../../core/protocol';
import { t } from '../../i18n';
import { useCommand } from './command';
import { hasEvaluated } from './select';

const ASPECTS: (keyof EvaluationRatings)[] = ['organisation', 'methodology', 'participation', 'answers'];
const SCALE = [1, 2, 3, 4, 5];

export function Evaluation(props: { pid: string }) {
  const state = live.state.value;
  const [ratings, setRatings] = useState<Partial<EvaluationRatings>>({});
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const cmd = useCommand();
  if (!state) return null;

  if (hasEvaluated(state, props.pid)) {
    return (
      <section class="card cz-callout" aria-labelledby="cz-eval-h">
        <h2 id="cz-eval-h">{t('citizen.eval.title')}</h2>
        <p class="ok cz-big" role="status">{t('citizen.eval.thanks')}</p>
      </section>
    );
  }

  async function submit(e: Event) {
    e.preventDefault();
    const lacking = ASPECTS.filter((a) => ratings[a] === undefined);
    setMissing(lacking.map((a) => t(`citizen.eval.${a}`)));
    if (lacking.length > 0) return;
    await cmd.run('evaluation.submit', {
      participant_id: props.pid,
      ratings: ratings as EvaluationRatings,
      comment: comment.trim(),
    });
  }

  return (
    <section class="card" aria-labelledby="cz-eval-h">
      <h2 id="cz-eval-h">{t('citizen.eval.title')}</h2>
      <p>{t('citizen.eval.intro')}</p>
      <form onSubmit={submit}>
        {ASPECTS.map((aspect) => (
          <fieldset key={aspect} class="cz-rating">
            <legend>{t(`citizen.eval.${aspect}`)}</legend>
            <div class="cz-rating-options">
              {SCALE.map((n) => {
                const id = `cz-eval-${aspect}-${n}`;
                return (
                  <label key={n} for={id}
                    class={ratings[aspect] === n ? 'cz-rating-option is-checked' : 'cz-rating-option'}>
                    <input type="radio" id={id} name={`cz-eval-${aspect}`} value={n}
                      checked={ratings[aspect] === n}
                      onChange={() => setRatings({ ...ratings, [aspect]: n })} />
                    <span aria-hidden="true">{n}</span>
                    <span class="visually-hidden">{t('citizen.eval.rating', { n })}</span>
                  </label>
                );
              })}
            </div>
          </fieldset>
        ))}
        <label for="cz-eval-comment">{t('citizen.eval.comment')}</label>
        <textarea id="cz-eval-comment" value={comment} maxLength={2000}
          onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
        {missing.length > 0 && (
          <p class="error" role="alert">{t('citizen.eval.missing', { names: missing.join(', ') })}</p>
        )}
        {cmd.error && <p class="error" role="alert">{cmd.error}</p>}
        <button type="submit" class="btn btn-primary btn-big" disabled={cmd.busy}>
          {cmd.busy ? t('citizen.sending') : t('citizen.eval.submit')}
        </button>
      </form>
    </section>
  );
}
