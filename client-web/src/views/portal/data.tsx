// /publico/datos: the data dictionary of the open data: each dataset, the file it comes in and
// what every column means (from /api/public/data-dictionary.json).
import { t } from '../../i18n';
import { useJson } from './api';
import { Frame, LoadState } from './frame';
import { datasetAnchor, dictionaryUrl, pathLinks, type DataDictionary, type DictionaryDataset } from './opendata';

export function DataDictionaryPage() {
  const [loaded, retry] = useJson<DataDictionary>(dictionaryUrl());
  const crumbs = [{ href: '/publico', label: t('portal.list.title') }];
  return (
    <Frame title={t('portal.dict.title')} subtitle={t('portal.dict.subtitle')} crumbs={crumbs}>
      <p class="pt-lead">{t('portal.dict.lead')}</p>
      {loaded.status !== 'ok' ? (
        <LoadState status={loaded.status} message={loaded.status === 'error' ? loaded.message : ''} retry={retry} />
      ) : (
        <Dictionary data={loaded.data} />
      )}
    </Frame>
  );
}

function Dictionary({ data }: { data: DataDictionary }) {
  const datasets = Array.isArray(data.datasets) ? data.datasets : [];
  if (datasets.length === 0) return <p class="card">{t('portal.dict.none')}</p>;
  return (
    <>
      <nav class="pt-toc" aria-label={t('portal.toc')}>
        <ul>
          {datasets.map((d) => (
            <li key={d.name}><a href={`#${datasetAnchor(d.name)}`}>{d.title || d.name}</a></li>
          ))}
        </ul>
      </nav>
      {datasets.map((d) => (
        <DatasetCard key={d.name} d={d} />
      ))}
      <p class="hint">
        <a class="pt-link" href={dictionaryUrl()} type="application/json">{t('portal.open.dictionary.json')}</a>
      </p>
    </>
  );
}

function DatasetCard({ d }: { d: DictionaryDataset }) {
  const anchor = datasetAnchor(d.name);
  const links = pathLinks(d.path);
  const columns = Array.isArray(d.columns) ? d.columns : [];
  const title = d.title || d.name;
  return (
    <section class="card" aria-labelledby={anchor} data-dataset={d.name}>
      <h2 id={anchor}>{title}</h2>
      {d.description && <p class="pt-pre">{d.description}</p>}
      <p>
        {t('portal.dict.path')} <code class="pt-code">{d.path}</code>
      </p>
      {links.length > 0 && (
        <p class="pt-downloads">
          {links.map((href) => (
            <a key={href} class="btn" href={href} download>
              {t('portal.dict.download', { format: href.slice(href.lastIndexOf('.') + 1).toUpperCase() })}
              <span class="visually-hidden"> {title}</span>
            </a>
          ))}
        </p>
      )}
      <table class="pt-table pt-dict">
        <caption>{t('portal.dict.columns', { title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('portal.dict.column')}</th>
            <th scope="col">{t('portal.dict.description')}</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr key={c.name}>
              <th scope="row">
                <code class="pt-code">{c.name}</code>
                <span class="pt-dict-type">{t('portal.dict.type_of', { type: c.type })}</span>
              </th>
              <td>{c.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
