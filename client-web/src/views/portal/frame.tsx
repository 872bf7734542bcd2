// The portal's own page frame: a header with the title, the way back (breadcrumbs) and the
// language switch; no connection badge, since the public portal never opens the live socket.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { LangSwitch } from '../../ui/shell';
import { t } from '../../i18n';

export interface Crumb {
  href: string;
  label: string;
}

export function Frame(props: {
  title: string;
  subtitle?: string;
  crumbs?: Crumb[];
  children: ComponentChildren;
}) {
  useEffect(() => {
    document.title = `${props.title} · ${t('portal.name')}`;
  }, [props.title]);
  const crumbs = props.crumbs ?? [];
  return (
    <>
      <a class="skip" href="#main">{t('app.skip')}</a>
      <header class="topbar pt-topbar">
        <div class="topbar-title">
          <p class="pt-brand">{t('portal.name')}</p>
          <h1>{props.title}</h1>
          {props.subtitle && <p class="topbar-sub">{props.subtitle}</p>}
        </div>
        <div class="topbar-tools">
          <LangSwitch />
        </div>
      </header>
      {crumbs.length > 0 && (
        <nav class="pt-crumbs" aria-label={t('portal.crumbs')}>
          <ol>
            {crumbs.map((c) => (
              <li key={c.href}>
                <a href={c.href}>{c.label}</a>
              </li>
            ))}
            <li aria-current="page">{props.title}</li>
          </ol>
        </nav>
      )}
      <main id="main" tabIndex={-1} class="main pt">
        {props.children}
      </main>
    </>
  );
}

/** Loading, not found (404: not published or does not exist) and other errors. */
export function LoadState(props: { status: 'loading' | 'not_found' | 'error'; message?: string; retry?: () => void }) {
  if (props.status === 'loading')
    return <p class="pt-status" role="status">{t('common.loading')}</p>;
  if (props.status === 'not_found')
    return (
      <section class="card" role="alert">
        <h2>{t('portal.not_found.title')}</h2>
        <p>{t('portal.not_found.body')}</p>
        <a class="btn" href="/publico">{t('portal.back.list')}</a>
      </section>
    );
  return (
    <section class="card" role="alert">
      <h2>{t('portal.error.title')}</h2>
      <p class="error">{t('portal.error.body', { message: props.message ?? '' })}</p>
      {props.retry && (
        <button type="button" class="btn btn-primary" onClick={props.retry}>{t('portal.retry')}</button>
      )}
    </section>
  );
}
