// "Datos abiertos": every dataset of a published encuentro in CSV and JSON, the Atom feed, and
// the way to the data dictionary; and the same for every published encuentro at once.
import { t } from '../../i18n';
import {
  DATASETS,
  DICTIONARY_PAGE,
  FORMATS,
  allEncuentrosUrl,
  datasetUrl,
  dictionaryUrl,
  feedUrl,
} from './opendata';

export function OpenData(props: { encuentro: string }) {
  const { encuentro } = props;
  return (
    <section class="card" aria-labelledby="pt-open-data" data-open-data>
      <h2 id="pt-open-data">{t('portal.section.open_data')}</h2>
      <p>{t('portal.open.intro')}</p>
      <div class="pt-scroll" tabIndex={0} role="region" aria-label={t('portal.open.table')}>
        <table class="pt-table pt-open">
          <caption class="visually-hidden">{t('portal.open.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('portal.open.dataset')}</th>
              <th scope="col">{t('portal.open.downloads')}</th>
            </tr>
          </thead>
          <tbody>
            {DATASETS.map((d) => (
              <tr key={d} data-dataset={d}>
                <th scope="row">
                  <span class="pt-open-title">{t(`portal.open.ds.${d}`)}</span>
                  <span class="hint pt-open-about">{t(`portal.open.ds.${d}.about`)}</span>
                </th>
                <td class="pt-nowrap">
                  {FORMATS.map((f) => (
                    <a key={f} class="btn pt-open-link" href={datasetUrl(encuentro, d, f)} download>
                      {f.toUpperCase()}
                      <span class="visually-hidden"> {t(`portal.open.ds.${d}`)}</span>
                    </a>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="pt-downloads">
        <a class="btn" href={feedUrl(encuentro)} type="application/atom+xml">{t('portal.open.feed')}</a>
        <a class="btn" href={DICTIONARY_PAGE}>{t('portal.open.dictionary')}</a>
      </div>
      <p class="hint">{t('portal.open.privacy')}</p>
    </section>
  );
}

/** The open data of every published encuentro, for the list page. */
export function AllOpenData() {
  return (
    <section class="card" aria-labelledby="pt-open-all" data-open-data-all>
      <h2 id="pt-open-all">{t('portal.section.open_data')}</h2>
      <p>{t('portal.open.all.intro')}</p>
      <div class="pt-downloads">
        {FORMATS.map((f) => (
          <a key={f} class="btn" href={allEncuentrosUrl(f)} download>
            {t(`portal.open.all.${f}`)}
          </a>
        ))}
        <a class="btn" href={DICTIONARY_PAGE}>{t('portal.open.dictionary')}</a>
        <a class="btn btn-quiet" href={dictionaryUrl()} type="application/json">{t('portal.open.dictionary.json')}</a>
      </div>
    </section>
  );
}
