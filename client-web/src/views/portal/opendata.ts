// The open data of the public API: each published encuentro's datasets in CSV (UTF-8 with BOM,
// Spanish column names) and JSON, the table of every published encuentro, the data dictionary
// that describes their columns, and the Atom feeds. Only published data, never personal data.
import { encuentroUrl, listUrl } from './api';

/** The datasets of one encuentro, in the order the portal lists them. */
export const DATASETS = ['proposals', 'answers', 'commitments', 'progress', 'observations'] as const;
export type Dataset = (typeof DATASETS)[number];
export type Format = 'csv' | 'json';
export const FORMATS: readonly Format[] = ['csv', 'json'];

export const datasetUrl = (encuentro: string, dataset: Dataset, format: Format) =>
  `${encuentroUrl(encuentro)}/${dataset}.${format}`;
/** One row per published encuentro. */
export const allEncuentrosUrl = (format: Format) => `${listUrl()}.${format}`;
export const feedUrl = (encuentro: string) => `${encuentroUrl(encuentro)}/feed.atom`;
export const dictionaryUrl = () => '/api/public/data-dictionary.json';
/** The portal page that shows the dictionary. */
export const DICTIONARY_PAGE = '/publico/datos';

export interface DictionaryColumn {
  name: string;
  type: string;
  description: string;
}

export interface DictionaryDataset {
  name: string;
  title: string;
  description: string;
  path: string;
  columns: DictionaryColumn[];
}

export interface DataDictionary {
  datasets: DictionaryDataset[];
}

/** The files a dictionary path names, to link to them: "/a/b.csv" is one, "/a/b.{csv,json}" is
 *  two; a path with another {placeholder} (an encuentro's id) names none by itself. */
export function pathLinks(path: string): string[] {
  // Same-origin paths only ("//host/…" would leave the site).
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\')) return [];
  const both = /^(\/[^{}]*)\.\{csv,json\}$/.exec(path);
  if (both) return [`${both[1]}.csv`, `${both[1]}.json`];
  return /[{}]/.test(path) ? [] : [path];
}

/** An id for a dataset's heading, safe in an HTML id and a URL fragment. */
export function datasetAnchor(name: string): string {
  return `pt-ds-${name.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}
