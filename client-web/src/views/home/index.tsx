// Join by code (typed, or from a QR's join URL /unirse?codigo=…), or resume the stored session.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { live } from '../../core/live';
import { homeFor } from '../../app';
import { Shell } from '../../ui/shell';
import { t } from '../../i18n';

export function Home() {
  const { url, query, route } = useLocation();
  const [code, setCode] = useState(query.codigo ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function join(value: string) {
    setBusy(true);
    setError(null);
    try {
      const welcome = await live.join(value.trim());
      route(homeFor(welcome.role), true);
    } catch (e) {
      setError((e as { message?: string }).message ?? String(e));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (url.startsWith('/unirse') && query.codigo) void join(query.codigo);
    else
      void live.resume().then((resumed) => {
        if (resumed && live.session.value) route(homeFor(live.session.value.role), true);
      });
  }, []);

  return (
    <Shell title={t('app.name')}>
      <section class="card narrow">
        <h2>{t('home.title')}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void join(code);
          }}
        >
          <label for="code">{t('home.code')}</label>
          <input id="code" name="code" class="input code-input" autoComplete="off"
            autoCapitalize="characters" spellcheck={false} value={code} aria-describedby="code-hint"
            onInput={(e) => setCode((e.target as HTMLInputElement).value)} required />
          <p id="code-hint" class="hint">{t('home.code.hint')}</p>
          {error && <p class="error" role="alert">{error}</p>}
          <button class="btn btn-primary" type="submit" disabled={busy}>{t('home.join')}</button>
        </form>
      </section>
      <p class="narrow">
        <a class="btn" href="/publico">{t('home.public')}</a>
      </p>
    </Shell>
  );
}
