// The frame of every view: a header with the title, the connection state (always visible), the
// number of commands waiting to be sent, the language switch and logout; then <main>.
import type { ComponentChildren } from 'preact';
import { live } from '../core/live';
import { lang, setLang, t } from '../i18n';

export function ConnectionBadge() {
  const state = live.connection.value;
  const pending = live.pendingCount.value;
  return (
    <div class={`conn conn-${state}`} role="status" aria-live="polite" data-connection={state}>
      <span class="conn-dot" aria-hidden="true" />
      <span>{t(`conn.${state}`)}</span>
      {pending > 0 && <span class="conn-pending">{t('conn.pending', { n: pending })}</span>}
    </div>
  );
}

export function LangSwitch() {
  const next = lang.value === 'es' ? 'en' : 'es';
  return (
    <button type="button" class="btn btn-quiet" lang={next} onClick={() => setLang(next)}
      aria-label={`${t('lang.label')}: ${t('lang.switch')}`}>
      {t('lang.switch')}
    </button>
  );
}

export function Shell(props: {
  title: string;
  subtitle?: string;
  actions?: ComponentChildren;
  children: ComponentChildren;
  wide?: boolean;
  onLogout?: () => void;
}) {
  return (
    <>
      <a class="skip" href="#main">{t('app.skip')}</a>
      <header class="topbar">
        <div class="topbar-title">
          <h1>{props.title}</h1>
          {props.subtitle && <p class="topbar-sub">{props.subtitle}</p>}
        </div>
        <div class="topbar-tools">
          <ConnectionBadge />
          {props.actions}
          <LangSwitch />
          {props.onLogout && (
            <button type="button" class="btn btn-quiet" onClick={props.onLogout}>
              {t('common.logout')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1} class={props.wide ? 'main wide' : 'main'}>
        {props.children}
      </main>
    </>
  );
}
