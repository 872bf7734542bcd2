// Linking this phone to the person's registration (participant.link → linked, then a fresh
// snapshot with their own record).
import { useState } from 'preact/hooks';
import { live, type ErrorReply } from '../../core/live';
import type { Linked } from '../../core/protocol';
import { t } from '../../i18n';
import { describeError } from '../../i18n/errors';

function isErrorReply(e: unknown): e is ErrorReply {
  return typeof e === 'object' && e !== null && 'code' in e && 'category' in e;
}

export function LinkForm(props: { onLinked: (participant: string) => void }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    const value = code.trim();
    if (!value) return;
    setBusy(true);
    setError(null);
    try {
      const reply = await live.request<Linked>({
        type: 'participant.link',
        registration_code: value,
      });
      props.onLinked(reply.participant);
    } catch (err) {
      if (isErrorReply(err) && err.code === 'not_checked_in') setError(t('citizen.link.not_checked_in'));
      else if (isErrorReply(err)) setError(describeError(err));
      else setError(String((err as Error)?.message ?? err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="cz-link-h">
      <h2 id="cz-link-h">{t('citizen.link.title')}</h2>
      <p>{t('citizen.link.intro')}</p>
      <form onSubmit={submit}>
        <label for="cz-reg-code">{t('citizen.link.code')}</label>
        <input id="cz-reg-code" class="input code-input" autoComplete="off" autoCapitalize="characters"
          spellcheck={false} value={code} aria-describedby="cz-reg-hint" required
          onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
        <p id="cz-reg-hint" class="hint">{t('citizen.link.hint')}</p>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="btn btn-primary btn-big" disabled={busy}>
          {busy ? t('citizen.link.busy') : t('citizen.link.submit')}
        </button>
      </form>
      <p class="hint">{t('citizen.link.walkin')}</p>
    </section>
  );
}
