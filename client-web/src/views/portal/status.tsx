// Status words and marks shared by the portal's pages. Colour is never the only signal: every
// mark carries its word.
import type { ProgressStatus } from './api';
import { STATUSES } from './api';
import { t } from '../../i18n';

export function StatusBadge(props: { status: ProgressStatus }) {
  return <span class={`badge pt-badge pt-badge-${props.status}`}>{t(`portal.status.${props.status}`)}</span>;
}

export function OverdueBadge() {
  return <span class="badge pt-badge pt-badge-overdue">{t('portal.overdue')}</span>;
}

/** A stacked bar of commitments by status, with its legend as text (the counts). */
export function StatusStrip(props: { counts: Record<ProgressStatus | 'overdue', number>; total: number }) {
  const { counts, total } = props;
  return (
    <div class="pt-strip">
      <div class="pt-strip-bar" aria-hidden="true">
        {STATUSES.map((s) =>
          counts[s] > 0 ? (
            <span key={s} class={`pt-tone-${s}`} style={{ width: `${(counts[s] / Math.max(1, total)) * 100}%` }} />
          ) : null,
        )}
      </div>
      <ul class="pt-legend">
        {STATUSES.map((s) => (
          <li key={s}>
            <span class={`pt-swatch pt-tone-${s}`} aria-hidden="true" />
            {t(`portal.status.${s}`)}: <strong>{counts[s]}</strong>
          </li>
        ))}
        {counts.overdue > 0 && (
          <li class="pt-legend-overdue">
            <span class="pt-swatch pt-tone-overdue" aria-hidden="true" />
            {t('portal.overdue')}: <strong>{counts.overdue}</strong>
          </li>
        )}
      </ul>
    </div>
  );
}
