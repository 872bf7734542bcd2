// Light charts for phones: horizontal bars drawn with CSS inside a real table (the numbers are
// text, the bars decoration, so the table is the chart's own text alternative), and a small SVG
// step line of a commitment's percent over time with a table for screen readers.
import type { Report } from './api';
import { barLengths, pathOf, progressChart } from './model';
import { fmtDate } from './fmt';
import { t } from '../../i18n';

export interface BarRow {
  key: string;
  label: string;
  value: number;
  /** Shown instead of the number (e.g. "3,95 / 5"). */
  text?: string;
  /** A colour class suffix: pt-tone-<tone>. */
  tone?: string;
}

export function BarChart(props: {
  caption: string;
  rows: BarRow[];
  max?: number;
  valueHeader?: string;
  /** The caption is read but not shown (a visible heading already says it). */
  hideCaption?: boolean;
}) {
  const lengths = barLengths(props.rows.map((r) => r.value), props.max);
  return (
    <table class="pt-bars">
      <caption class={props.hideCaption ? 'visually-hidden' : undefined}>{props.caption}</caption>
      <thead class="visually-hidden">
        <tr>
          <th scope="col">{t('portal.chart.category')}</th>
          <th scope="col">{props.valueHeader ?? t('portal.chart.value')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r, i) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td>
              <div class="pt-bar-cell">
                <span class="pt-bar-track" aria-hidden="true">
                  <span class={`pt-bar pt-tone-${r.tone ?? 'brand'}`} style={{ width: `${lengths[i]}%` }} />
                </span>
                <span class="pt-bar-value">{r.text ?? String(r.value)}</span>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const W = 320;
const H = 120;
const PAD = { left: 34, right: 8, top: 8, bottom: 22 };

/** Percent over time (steps at each report's date), from the encuentro's date to today. */
export function ProgressOverTime(props: {
  id: string;
  reports: Report[];
  /** How many reports the line sums up (with parts, one point per date stands for several). */
  count?: number;
  from: string;
  to: string;
  due: string;
}) {
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const chart = progressChart(props.reports, props.from, props.to, props.due, iw, ih);
  const last = chart.marks.length ? chart.marks[chart.marks.length - 1].report.percent : 0;
  const summary = props.reports.length
    ? t('portal.progress.summary', { n: props.count ?? props.reports.length, percent: last, from: fmtDate(chart.from), to: fmtDate(chart.to) })
    : t('portal.progress.none');
  const titleId = `${props.id}-t`;
  const descId = `${props.id}-d`;
  return (
    <figure class="pt-figure">
      <svg class="pt-line" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${titleId} ${descId}`}
        preserveAspectRatio="xMidYMid meet">
        <title id={titleId}>{t('portal.progress.title')}</title>
        <desc id={descId}>{summary}</desc>
        <g transform={`translate(${PAD.left} ${PAD.top})`}>
          {[0, 50, 100].map((p) => {
            const y = ih - (p / 100) * ih;
            return (
              <g key={p}>
                <line x1={0} x2={iw} y1={y} y2={y} class="pt-grid" />
                <text x={-4} y={y + 4} text-anchor="end" class="pt-axis">{`${p}%`}</text>
              </g>
            );
          })}
          {chart.due !== null && (
            <g>
              <line x1={chart.due} x2={chart.due} y1={0} y2={ih} class="pt-due" />
              <text x={chart.due > iw / 2 ? chart.due - 3 : chart.due + 3} y={10}
                text-anchor={chart.due > iw / 2 ? 'end' : 'start'} class="pt-axis pt-due-label">
                {t('portal.progress.due')}
              </text>
            </g>
          )}
          <path d={pathOf(chart.points)} class="pt-step" />
          {chart.marks.map((m) => (
            <circle key={m.report.id} cx={m.x} cy={m.y} r={4} class={`pt-dot pt-tone-${m.report.status}`} />
          ))}
          <text x={0} y={ih + 16} class="pt-axis">{fmtDate(chart.from)}</text>
          <text x={iw} y={ih + 16} text-anchor="end" class="pt-axis">{fmtDate(chart.to)}</text>
        </g>
      </svg>
      <figcaption class="hint">{summary}</figcaption>
      {props.reports.length > 0 && (
        <table class="visually-hidden">
          <caption>{t('portal.progress.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('portal.report.date')}</th>
              <th scope="col">{t('portal.report.percent')}</th>
              <th scope="col">{t('portal.report.status')}</th>
            </tr>
          </thead>
          <tbody>
            {chart.marks.map((m) => (
              <tr key={m.report.id}>
                <td>{fmtDate(m.report.as_of)}</td>
                <td>{`${m.report.percent} %`}</td>
                <td>{t(`portal.status.${m.report.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
