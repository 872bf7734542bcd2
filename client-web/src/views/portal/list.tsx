// /publico: every published encuentro, filterable by entity, commitment status and text. The
// filters live in the URL query (?entidad=…&estado=…&q=…) so a filtered list can be shared.
import { useLocation } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { EncuentroList, EncuentroSummary } from './api';
import { STATUSES, listUrl, useJson } from './api';
import { Frame, LoadState } from './frame';
import { fmtDate } from './fmt';
import { entityOptions, filterEncuentros, listFiltersFromQuery, listQuery } from './model';
import type { ListFilters } from './model';
import { StatusStrip } from './status';
import { AllOpenData } from './open-data';

export function ListPage() {
  const [loaded, retry] = useJson<EncuentroList>(listUrl());
  return (
    <Frame title={t('portal.list.title')} subtitle={t('portal.list.subtitle')}>
      <p class="pt-lead">{t('portal.list.lead')}</p>
      {loaded.status === 'ok' ? (
        <List data={loaded.data} />
      ) : (
        <LoadState status={loaded.status} message={loaded.status === 'error' ? loaded.message : ''} retry={retry} />
      )}
    </Frame>
  );
}

function List(props: { data: EncuentroList }) {
  const { query, route, path } = useLocation();
  const filters = listFiltersFromQuery(query);
  // The search box keeps its own text while typing; the URL follows (replace, no history spam).
  const [q, setQ] = useState(filters.q);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const set = (next: Partial<ListFilters>, debounce = false) => {
    const url = path + listQuery({ ...filters, q, ...next });
    window.clearTimeout(timer.current);
    if (debounce) timer.current = window.setTimeout(() => route(url, true), 250);
    else route(url, true);
  };

  const all = props.data.encuentros;
  const shown = filterEncuentros(all, { ...filters, q });
  const entities = entityOptions(all);
  const active = !!(filters.entity || filters.status || q.trim());

  return (
    <>
      <section class="card pt-filters" aria-labelledby="pt-filters-h">
        <h2 id="pt-filters-h">{t('portal.filters')}</h2>
        <form role="search" onSubmit={(e) => e.preventDefault()} class="pt-filter-grid">
          <div>
            <label for="pt-q">{t('portal.filter.q')}</label>
            <input id="pt-q" type="search" value={q} autoComplete="off" aria-describedby="pt-q-hint"
              onInput={(e) => {
                const v = (e.target as HTMLInputElement).value;
                setQ(v);
                set({ q: v }, true);
              }} />
            <p id="pt-q-hint" class="hint">{t('portal.filter.q.hint')}</p>
          </div>
          <div>
            <label for="pt-entity">{t('portal.filter.entity')}</label>
            <select id="pt-entity" value={filters.entity}
              onChange={(e) => set({ entity: (e.target as HTMLSelectElement).value })}>
              <option value="">{t('portal.filter.all')}</option>
              {entities.map((name) => (
                <option key={name} value={name}>{name}</option>
              ))}
              {filters.entity && !entities.includes(filters.entity) && (
                <option value={filters.entity}>{filters.entity}</option>
              )}
            </select>
          </div>
          <div>
            <label for="pt-status">{t('portal.filter.status')}</label>
            <select id="pt-status" value={filters.status}
              onChange={(e) => set({ status: (e.target as HTMLSelectElement).value as ListFilters['status'] })}>
              <option value="">{t('portal.filter.all')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>{t(`portal.status.${s}`)}</option>
              ))}
              <option value="vencido">{t('portal.overdue')}</option>
            </select>
          </div>
        </form>
        {active && (
          <button type="button" class="btn btn-quiet" onClick={() => {
            setQ('');
            route(path, true);
          }}>
            {t('portal.filter.clear')}
          </button>
        )}
      </section>

      <p class="pt-count" role="status" aria-live="polite">
        {t('portal.list.count', { shown: shown.length, total: all.length })}
      </p>
      {shown.length === 0 ? (
        <p class="card">{all.length === 0 ? t('portal.list.empty') : t('portal.list.no_match')}</p>
      ) : (
        <ul class="pt-cards">
          {shown.map((e) => (
            <li key={e.id}>
              <Summary e={e} />
            </li>
          ))}
        </ul>
      )}
      <AllOpenData />
      <p class="hint">{t('portal.as_of', { date: fmtDate(props.data.as_of) })}</p>
    </>
  );
}

function Summary(props: { e: EncuentroSummary }) {
  const { e } = props;
  const c = e.counts;
  const headingId = `pt-e-${e.id}`;
  return (
    <article class="card pt-card" aria-labelledby={headingId}>
      <h2 id={headingId} class="pt-card-title">
        <a href={`/publico/${encodeURIComponent(e.id)}`}>{e.title}</a>
      </h2>
      <p class="pt-meta">
        <span class="badge">{t(`portal.phase.${e.phase}`)}</span>{' '}
        <time dateTime={e.date}>{fmtDate(e.date)}</time>
        {e.venue && <> · {e.venue}</>}
      </p>
      {e.entities.length > 0 && <p class="pt-entities">{e.entities.join(' · ')}</p>}
      <dl class="pt-stats">
        <div><dt>{t('portal.count.workshops')}</dt><dd>{c.workshops}</dd></div>
        <div><dt>{t('portal.count.participants')}</dt><dd>{c.participants}</dd></div>
        <div><dt>{t('portal.count.proposals')}</dt><dd>{c.principal_proposals}</dd></div>
        <div><dt>{t('portal.count.commitments')}</dt><dd>{c.commitments}</dd></div>
        <div class={c.commitments_overdue > 0 ? 'pt-stat-bad' : ''}>
          <dt>{t('portal.count.overdue')}</dt><dd>{c.commitments_overdue}</dd>
        </div>
      </dl>
      {c.commitments > 0 && (
        <StatusStrip counts={{ ...c.commitments_by_status, overdue: c.commitments_overdue }} total={c.commitments} />
      )}
    </article>
  );
}
