// /publico/:id/compromisos/:cid: one commitment: its current terms (territory and parts included)
// and state (with parts: each part's, and the commitment's as their average), the proposals it
// answers, every version (R10: changes are new versions), every progress report, percent over
// time, the citizens' observations with the entity's replies (veeduría) and the form to leave
// one, and the state at each monitoring cut.
import { Fragment } from 'preact';
import { t } from '../../i18n';
import type { CommitmentView, EncuentroView, PartView, Terms } from './api';
import { encuentroUrl, useJson } from './api';
import { ProgressOverTime } from './charts';
import { AnswerText } from './encuentro';
import { Frame, LoadState } from './frame';
import { fmtDate } from './fmt';
import { changedTerms, partsOfView, progressSeries, proposalIndex, safeHttpUrl } from './model';
import { Observations } from './observations';
import { OverdueBadge, StatusBadge } from './status';

const TERM_KEYS: (keyof Terms)[] = ['what', 'entity', 'office', 'territory', 'due_date', 'indicator', 'goal', 'parts'];

function TermValue(props: { terms: Terms; k: keyof Terms }) {
  const { terms, k } = props;
  switch (k) {
    case 'due_date':
      return <time dateTime={terms.due_date}>{fmtDate(terms.due_date)}</time>;
    case 'territory':
      return <>{terms.territory?.trim() || t('portal.territory.all')}</>;
    case 'parts':
      return (
        <ol class="pt-term-parts">
          {(terms.parts ?? []).map((what, i) => <li key={i}>{what}</li>)}
        </ol>
      );
    default:
      return <>{terms[k]}</>;
  }
}

export function CommitmentPage(props: { id: string; cid: string }) {
  const [loaded, retry] = useJson<EncuentroView>(encuentroUrl(props.id));
  const listCrumb = { href: '/publico', label: t('portal.list.title') };
  const encuentroHref = `/publico/${encodeURIComponent(props.id)}`;
  if (loaded.status !== 'ok')
    return (
      <Frame title={t('portal.commitment.title')} crumbs={[listCrumb]}>
        <LoadState status={loaded.status} message={loaded.status === 'error' ? loaded.message : ''} retry={retry} />
      </Frame>
    );
  const view = loaded.data;
  const crumbs = [listCrumb, { href: encuentroHref, label: view.details.title }];
  const c = view.commitments.find((x) => x.id === props.cid);
  if (!c)
    return (
      <Frame title={t('portal.commitment.title')} crumbs={crumbs}>
        <LoadState status="not_found" />
      </Frame>
    );
  return (
    <Frame title={c.terms.what} subtitle={t('portal.commitment.of', { title: view.details.title })} crumbs={crumbs}>
      <Current c={c} view={view} />
      <Proposals c={c} view={view} />
      <Progress c={c} view={view} />
      <Observations c={c} view={view} />
      <Cuts c={c} />
      <Versions c={c} />
      <p class="hint">{t('portal.as_of', { date: fmtDate(view.as_of) })}</p>
    </Frame>
  );
}

function TermsList(props: { terms: Terms; changed?: (keyof Terms)[]; omit?: (keyof Terms)[] }) {
  return (
    <dl class="pt-dl">
      {TERM_KEYS.filter((k) => !props.omit?.includes(k) && (k !== 'parts' || (props.terms.parts?.length ?? 0) > 0)).map((k) => (
        <Fragment key={k}>
          <dt>
            {t(`portal.terms.${k}`)}
            {props.changed?.includes(k) && <> <span class="badge pt-changed">{t('portal.version.changed')}</span></>}
          </dt>
          <dd class="pt-pre" data-term={k}>
            <TermValue terms={props.terms} k={k} />
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

function Current(props: { c: CommitmentView; view: EncuentroView }) {
  const { c } = props;
  return (
    <section class="card" aria-labelledby="pt-current">
      <h2 id="pt-current">{t('portal.commitment.current')}</h2>
      <div class="pt-state pt-state-big" data-status={c.status} data-overdue={c.overdue ? '1' : '0'}>
        <StatusBadge status={c.status} />
        {c.overdue && <OverdueBadge />}
        <span class="pt-percent">
          <span class="pt-bar-track" aria-hidden="true">
            <span class={`pt-bar pt-tone-${c.status}`} style={{ width: `${c.percent}%` }} />
          </span>
          <span>{t('portal.percent', { n: c.percent })}</span>
        </span>
      </div>
      {c.overdue && <p class="pt-overdue-note">{t('portal.overdue.note', { date: fmtDate(c.terms.due_date) })}</p>}
      <Parts c={c} />
      <TermsList terms={c.terms} omit={partsOfView(c).length ? ['what', 'parts'] : ['what']} />
      <p class="hint">
        {t('portal.version.current', { version: c.version })}
        {c.latest_report && <> · {t('portal.report.latest', { date: fmtDate(c.latest_report.as_of) })}</>}
      </p>
    </section>
  );
}

/** Each part with its state; the commitment's percent is their average. */
function Parts(props: { c: CommitmentView }) {
  const parts = partsOfView(props.c);
  if (parts.length === 0) return null;
  return (
    <section class="pt-parts" aria-labelledby="pt-parts-h" data-parts={props.c.id}>
      <h3 id="pt-parts-h">{t('portal.parts.title')}</h3>
      <p class="hint">{t('portal.parts.average', { n: parts.length, percent: props.c.percent })}</p>
      <ol class="pt-part-list">
        {parts.map((p) => (
          <PartItem key={p.part} p={p} />
        ))}
      </ol>
    </section>
  );
}

function PartItem({ p }: { p: PartView }) {
  return (
    <li data-part={p.part} data-status={p.status} data-percent={p.percent}>
      <span class="pt-pre pt-part-what">
        <span class="visually-hidden">{t('portal.part.n', { n: p.part })}: </span>
        {p.what}
      </span>
      <span class="pt-state">
        <StatusBadge status={p.status} />
        <span class="pt-percent">
          <span class="pt-bar-track" aria-hidden="true">
            <span class={`pt-bar pt-tone-${p.status}`} style={{ width: `${Math.max(0, Math.min(100, p.percent))}%` }} />
          </span>
          <span>{t('portal.percent', { n: p.percent })}</span>
        </span>
      </span>
    </li>
  );
}

/** "Parte 2: Jornadas en los barrios" for a report on a part. */
function PartLabel(props: { part: number | undefined; parts: string[] }) {
  const n = props.part ?? 0;
  if (n <= 0) return null;
  const what = props.parts[n - 1];
  return <span class="badge pt-part-badge">{what ? t('portal.part.of', { n, what }) : t('portal.part.n', { n })}</span>;
}

function Proposals(props: { c: CommitmentView; view: EncuentroView }) {
  const index = proposalIndex(props.view);
  const refs = props.c.proposal_ids.map((id) => index.get(id)).filter((r) => r !== undefined);
  return (
    <section class="card" aria-labelledby="pt-answers">
      <h2 id="pt-answers">{t('portal.commitment.proposals', { n: refs.length })}</h2>
      <ul class="list">
        {refs.map(({ proposal, workshop }) => {
          const point = props.view.points.find((p) => p.id === proposal.point_id)?.title;
          return (
            <li key={proposal.id}>
              <p class="pt-proposal pt-pre">{proposal.text}</p>
              <p class="hint">
                {t('common.workshop', { n: workshop })} · {t('portal.proposal.votes', { n: proposal.votes })}
                {point && <> · {t('portal.proposal.point', { point })}</>}
              </p>
              <AnswerText proposal={proposal} encuentro={props.view.id} link={false} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Progress(props: { c: CommitmentView; view: EncuentroView }) {
  const { c } = props;
  const reports = [...c.reports].sort((a, b) => b.as_of.localeCompare(a.as_of));
  return (
    <section class="card" aria-labelledby="pt-progress">
      <h2 id="pt-progress">{t('portal.section.progress')}</h2>
      <p>
        <a href={`/api/public/encuentros/${encodeURIComponent(props.view.id)}/commitments/${encodeURIComponent(c.id)}/feed.atom`}
          type="application/atom+xml">{t('portal.feed.commitment')}</a>
      </p>
      <ProgressOverTime id="pt-chart" reports={progressSeries(c)} count={c.reports.length} from={props.view.details.date}
        to={props.view.as_of} due={c.terms.due_date} />
      {partsOfView(c).length > 0 && <p class="hint">{t('portal.progress.parts_hint')}</p>}
      <h3>{t('portal.reports.title', { n: reports.length })}</h3>
      {reports.length === 0 ? (
        <p>{t('portal.reports.none')}</p>
      ) : (
        <ol class="pt-reports" reversed>
          {reports.map((r) => {
            const href = r.evidence_url ? safeHttpUrl(r.evidence_url) : null;
            return (
              <li key={r.id} data-report={r.id}>
                <p class="pt-report-head">
                  <PartLabel part={r.part} parts={c.terms.parts ?? []} />{' '}
                  <time dateTime={r.as_of}>{fmtDate(r.as_of)}</time>{' '}
                  <StatusBadge status={r.status} /> <strong>{t('portal.percent', { n: r.percent })}</strong>
                </p>
                {r.note && <p class="pt-pre">{r.note}</p>}
                {href ? (
                  <p>
                    <a class="pt-link" href={href} rel="noopener noreferrer">
                      {t('portal.report.evidence', { host: new URL(href).host })}
                    </a>
                  </p>
                ) : r.evidence_url ? (
                  <p class="hint pt-pre">{t('portal.report.evidence_text', { url: r.evidence_url })}</p>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function Cuts(props: { c: CommitmentView }) {
  const cuts = [...props.c.cuts].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <section class="card" aria-labelledby="pt-cuts">
      <h2 id="pt-cuts">{t('portal.section.cuts')}</h2>
      <p class="hint">{t('portal.cuts.hint')}</p>
      {cuts.length === 0 ? (
        <p>{t('portal.cuts.none')}</p>
      ) : (
        <div class="pt-scroll" tabIndex={0} role="region" aria-label={t('portal.cuts.table')}>
          <table class="pt-table">
            <caption class="visually-hidden">{t('portal.section.cuts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('portal.cuts.date')}</th>
                <th scope="col">{t('portal.report.status')}</th>
                <th scope="col">{t('portal.report.percent')}</th>
                <th scope="col">{t('portal.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {cuts.map((cut) => (
                <tr key={cut.date} data-cut={cut.date}>
                  <th scope="row" class="pt-date"><time dateTime={cut.date}>{fmtDate(cut.date)}</time></th>
                  <td>
                    <StatusBadge status={cut.status} />
                    {!cut.reported && <span class="hint"> {t('portal.cut.not_reported')}</span>}
                  </td>
                  <td class="pt-nowrap">{t('portal.percent.short', { n: cut.percent })}</td>
                  <td>{cut.overdue ? <OverdueBadge /> : t('portal.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Versions(props: { c: CommitmentView }) {
  const versions = [...props.c.versions].sort((a, b) => b.version - a.version);
  const byNumber = new Map(props.c.versions.map((v) => [v.version, v]));
  return (
    <section class="card" aria-labelledby="pt-versions">
      <h2 id="pt-versions">{t('portal.section.versions', { n: versions.length })}</h2>
      <p class="hint">{t('portal.versions.hint')}</p>
      <ol class="pt-versions" reversed>
        {versions.map((v) => (
          <li key={v.version} data-version={v.version}>
            <h3>{t('portal.version.title', { version: v.version, date: fmtDate(v.date) })}</h3>
            <p>
              {v.version === 1
                ? t('portal.version.original')
                : v.reason
                  ? t('portal.version.reason', { reason: v.reason })
                  : t('portal.version.no_reason')}
            </p>
            <TermsList terms={v.terms} changed={changedTerms(byNumber.get(v.version - 1)?.terms, v.terms)} />
          </li>
        ))}
      </ol>
    </section>
  );
}
