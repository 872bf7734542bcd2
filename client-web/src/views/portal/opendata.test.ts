import { describe, expect, it } from 'vitest';
import { DATASETS, allEncuentrosUrl, datasetAnchor, datasetUrl, dictionaryUrl, feedUrl, pathLinks } from './opendata';

describe('open data links', () => {
  it('points at each dataset in CSV and JSON', () => {
    expect(DATASETS).toEqual(['proposals', 'answers', 'commitments', 'progress', 'observations']);
    expect(datasetUrl('e-cascajal-2026', 'proposals', 'csv')).toBe('/api/public/encuentros/e-cascajal-2026/proposals.csv');
    expect(datasetUrl('e 1', 'observations', 'json')).toBe('/api/public/encuentros/e%201/observations.json');
    expect(allEncuentrosUrl('csv')).toBe('/api/public/encuentros.csv');
    expect(feedUrl('e1')).toBe('/api/public/encuentros/e1/feed.atom');
    expect(dictionaryUrl()).toBe('/api/public/data-dictionary.json');
  });

  it('links a dictionary path only when it names files', () => {
    expect(pathLinks('/api/public/encuentros.csv')).toEqual(['/api/public/encuentros.csv']);
    expect(pathLinks('/api/public/encuentros.{csv,json}')).toEqual(['/api/public/encuentros.csv', '/api/public/encuentros.json']);
    expect(pathLinks('/api/public/encuentros/{id}/proposals.{csv,json}')).toEqual([]);
    expect(pathLinks('javascript:alert(1)')).toEqual([]);
    expect(pathLinks('//evil.example/x.csv')).toEqual([]);
    expect(pathLinks('/\\evil.example/x.csv')).toEqual([]);
    expect(datasetAnchor('proposals')).toBe('pt-ds-proposals');
    expect(datasetAnchor('a b/c')).toBe('pt-ds-a-b-c');
  });
});
