// Sign-in with the server's one-time organizer secret or a minted organizer code.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { live, type Role } from '../../core/live';
import { t } from '../../i18n';
import { Shell } from '../../ui/shell';
import { describeRefusal, localError } from './common';

export function SignIn(props: { otherRole: Role | null }) {
  const { route } = useLocation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const welcome = await live.join(code.trim());
      if (welcome.role !== 'organizer') {
        setError(t('org.signin.notOrganizer'));
        return;
      }
      setCode('');
      route(welcome.encuentro ? `/organizador/${encodeURIComponent(welcome.encuentro)}` : '/organizador', true);
    } catch (err) {
      setError(describeRefusal(localError(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Shell title={t('org.title')}>
      <section class="card narrow" aria-labelledby="org-signin-h">
        <h2 id="org-signin-h">{t('org.signin.title')}</h2>
        {props.otherRole && <p class="hint">{t('org.signin.otherRole')}</p>}
        <form onSubmit={submit}>
          <label for="org-secret">{t('org.signin.code')}</label>
          <input id="org-secret" class="input code-input" type="password" autoComplete="off"
            spellcheck={false} value={code} required aria-describedby="org-secret-hint"
            onInput={(e) => setCode((e.target as HTMLInputElement).value)} />
          <p id="org-secret-hint" class="hint">{t('org.signin.hint')}</p>
          {error && <p class="error" role="alert">{error}</p>}
          <button class="btn btn-primary btn-big" type="submit" disabled={busy}>
            {t('org.signin.submit')}
          </button>
        </form>
      </section>
    </Shell>
  );
}
