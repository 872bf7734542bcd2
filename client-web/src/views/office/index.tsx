// /oficina: the office responsible for commitments follows them up. Every commitment of the
// encuentro with its terms in force, its state (latest report), the overdue mark (R11, by the
// calendar alone) and every report and version (R10); filters by office and status, grouping;
// and a form per commitment to report progress (progress.report). Drafts live in this
// component's state, keyed by commitment, so live updates and filter changes never wipe typing.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { live } from '../../core/live';
import type { State } from '../../core/protocol';
import { useServerNow } from '../../core/time';
import { t } from '../../i18n';
import '../../i18n/common';
import '../../i18n/errors';
import '../../i18n/office';
import { Shell } from '../../ui/shell';
import { CommitmentCard } from './commitment';
import { fmtDate } from './format';
import {
  NO_OFFICE,
  STATUSES,
  bogotaToday,
  commitmentRows,
  countRows,
  filterRows,
  groupRows,
  officesOf,
  type Filters,
  type Grouping,
  type ReportDraft,
  type RowGroup,
} from './select';
import { useDrafts } from '../../ui/drafts';
import { useRequireSession } from '../../ui/session';
import { veeduriaSummary } from '../../core/veeduria';
import { pendingText } from '../veeduria/observation';
import './office.css';

/** Phases in which the server takes progress reports (server/domain/decide.cpp). */
export function reportsAccepted(phase: string): boolean {
  return phase === 'published' || phase === 'follow_up';
}

export default function OfficeView() {
  const ready = useRequireSession('office');
  const { route } = useLocation();
  const state = live.state.value;
  const logout = () => {
    void live.logout().finally(() => route('/', true));
  };
  return (
    <Shell title={t('office.title')} subtitle={state?.details.title || undefined}
      onLogout={ready ? logout : undefined}>
      {!ready || !state ? <p role="status">{t('office.loading')}</p> : <FollowUp state={state} />}
    </Shell>
  );
}

function FollowUp({ state }: { state: State }) {
  // Re-rendered every minute, so the overdue marks change at midnight in Bogotá by themselves.
  const today = bogotaToday(useServerNow(60_000));
  const [filters, setFilters] = useState<Filters>({ office: '', status: '' });
  const [grouping, setGrouping] = useState<Grouping>('office');
  const [drafts, setDraft] = useDrafts<ReportDraft>();
  const [replies, setReply] = useDrafts<string>();
  const rows = commitmentRows(state, today);
  const offices = officesOf(rows);
  const withoutOffice = rows.some((r) => r.office === '');
  const shown = filterRows(rows, filters);
  const groups = groupRows(shown, grouping);
  const counts = countRows(rows);
  const accepting = reportsAccepted(state.phase);

  const veeduria = veeduriaSummary(state);

  return (
    <>
      <section class="card" aria-labelledby="of-h">
        <h2 id="of-h">{t('office.heading')}</h2>
        <p class="of-phase">
          {t('office.phase', { phase: t(`errors.phase.${state.phase}`) })}{' '}
          <span class="hint">{t('office.today', { date: fmtDate(today) })}</span>
        </p>
        {!accepting && (
          <p class="of-note" role="note">
            {state.phase === 'closed' ? t('office.closed') : t('office.not_yet')}
          </p>
        )}
        {rows.length === 0 ? (
          <p>{t('office.none')}</p>
        ) : (
          <>
            <p class="of-counts" aria-live="polite">
              {t('office.counts', {
                n: rows.length,
                pendiente: counts.pendiente,
                en_ejecucion: counts.en_ejecucion,
                cumplido: counts.cumplido,
                no_cumplido: counts.no_cumplido,
              })}{' '}
              {counts.vencido > 0 && <strong class="of-overdue-text">{t('office.counts.overdue', { n: counts.vencido })}</strong>}
            </p>
            {(veeduria.unreplied > 0 || veeduria.pending > 0) && (
              <p class="of-counts" data-veeduria-summary>
                {veeduriaLine(veeduria)}
              </p>
            )}
            <div class="of-filters" role="group" aria-labelledby="of-filters-h">
              <h3 id="of-filters-h" class="visually-hidden">{t('office.filters')}</h3>
              <div>
                <label for="of-f-office">{t('office.filter.office')}</label>
                <select id="of-f-office" value={filters.office}
                  onChange={(e) => setFilters({ ...filters, office: (e.currentTarget as HTMLSelectElement).value })}>
                  <option value="">{t('office.filter.all_offices')}</option>
                  {offices.map((o) => (
                    <option key={o} value={o}>{o}</option>
                  ))}
                  {withoutOffice && <option value={NO_OFFICE}>{t('office.no_office')}</option>}
                </select>
              </div>
              <div>
                <label for="of-f-status">{t('office.filter.status')}</label>
                <select id="of-f-status" value={filters.status}
                  onChange={(e) =>
                    setFilters({ ...filters, status: (e.currentTarget as HTMLSelectElement).value as Filters['status'] })
                  }>
                  <option value="">{t('office.filter.all_statuses')}</option>
                  <option value="vencido">{t('office.overdue')}</option>
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>{t(`office.status.${s}`)}</option>
                  ))}
                </select>
              </div>
              <div>
                <label for="of-f-group">{t('office.group.label')}</label>
                <select id="of-f-group" value={grouping}
                  onChange={(e) => setGrouping((e.currentTarget as HTMLSelectElement).value as Grouping)}>
                  <option value="office">{t('office.group.office')}</option>
                  <option value="status">{t('office.group.status')}</option>
                  <option value="none">{t('office.group.none')}</option>
                </select>
              </div>
            </div>
            <p class="hint" role="status">
              {t('office.shown', { n: shown.length, total: rows.length })}
              {(filters.office || filters.status) && (
                <>
                  {' '}
                  <button type="button" class="btn btn-quiet of-inline"
                    onClick={() => setFilters({ office: '', status: '' })}>
                    {t('office.filter.clear')}
                  </button>
                </>
              )}
            </p>
          </>
        )}
      </section>
      {rows.length > 0 && shown.length === 0 && <p class="card">{t('office.no_match')}</p>}
      {groups.map((g) => (
        <Group key={`${grouping}-${g.key}`} group={g} grouping={grouping} state={state} today={today}
          accepting={accepting} drafts={drafts} setDraft={setDraft} replies={replies} setReply={setReply} />
      ))}
    </>
  );
}

/** "Veeduría: 1 observación publicada sin respuesta · 3 observaciones en moderación." */
function veeduriaLine(v: { unreplied: number; pending: number }): string {
  const parts: string[] = [];
  if (v.unreplied > 0) parts.push(v.unreplied === 1 ? t('vd.unreplied.one') : t('vd.unreplied.many', { n: v.unreplied }));
  if (v.pending > 0) parts.push(pendingText(v.pending));
  return t('vd.office.summary', { parts: parts.join(' · ') });
}

function groupTitle(g: RowGroup, by: Grouping): string {
  if (by === 'office') return g.key === '' ? t('office.no_office') : g.key;
  if (by === 'status') return g.key === 'vencido' ? t('office.overdue') : t(`office.status.${g.key}`);
  return t('office.group.all');
}

function Group(props: {
  group: RowGroup;
  grouping: Grouping;
  state: State;
  today: string;
  accepting: boolean;
  drafts: Record<string, ReportDraft>;
  setDraft: (id: string, d: ReportDraft | null) => void;
  replies: Record<string, string>;
  setReply: (observationId: string, text: string | null) => void;
}) {
  const { group, grouping } = props;
  const id = `of-g-${grouping}-${group.key.replace(/[^A-Za-z0-9_-]/g, '_') || 'none'}`;
  return (
    <section class="of-group" aria-labelledby={id} data-group={group.key}>
      <h2 id={id}>
        {groupTitle(group, grouping)} <span class="badge">{t('office.group.count', { n: group.rows.length })}</span>
      </h2>
      {group.rows.map((row) => (
        <CommitmentCard key={row.id} row={row} state={props.state} today={props.today}
          accepting={props.accepting} draft={props.drafts[row.id] ?? null}
          setDraft={(d) => props.setDraft(row.id, d)} replies={props.replies} setReply={props.setReply} />
      ))}
    </section>
  );
}
