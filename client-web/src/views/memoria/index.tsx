// /publico/:id/memoria: the printable memoria of a published encuentro. One document, read from
// the public API only (nothing personal exists there, and nothing is added here): its data, the
// central points and guide questions, attendance, each workshop's synthesis and ranked principal
// proposals with the entity's answers, the commitments and their state, and the evaluation.
// On screen it is a page with a "Print" button; on paper (memoria.css, @media print) the app's
// chrome goes away, major sections start a new page and the charts print in colour.
// Data loading, formats, charts and status marks are the portal's (views/portal), imported.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../../i18n';
import '../../i18n/portal';
import '../../i18n/memoria';
import { LangSwitch } from '../../ui/shell';
import type { CommitmentView, EncuentroView, PointView, WorkshopView } from '../portal/api';
import { STATUSES, encuentroUrl, useJson } from '../portal/api';
import { BarChart } from '../portal/charts';
import type { BarRow } from '../portal/charts';
import { AnswerText } from '../portal/encuentro';
import { LoadState } from '../portal/frame';
import { fmtDate, fmtNumber } from '../portal/fmt';
import { partsOfView, proposalIndex, safeHttpUrl, statusCounts, territoryOfView } from '../portal/model';
import type { ProposalRef } from '../portal/model';
import { OverdueBadge, StatusBadge } from '../portal/status';
import '../portal/portal.css';
import {
  ANSWER_KEYS, answerCounts, attendanceSplit, breakdown, changedOn, civilDate, commitmentsInOrder,
  encuentroHref, evaluationRows, overallAverage, pointNumbers, proposalsOf, questionOf, votesOf,
  workshopsInOrder,
} from './model';
import './memoria.css';

/** A translation, or `fallback` when the key is not registered (an enum value we do not know). */
function tOr(key: string, fallback: string): string {
  const s = t(key);
  return s === key ? fallback : s;
}

export default function Memoria(props: { params?: { id?: string } }) {
  const id = props.params?.id ?? '';
  const [loaded, retry] = useJson<EncuentroView>(encuentroUrl(id));
  const title = loaded.status === 'ok' ? loaded.data.details.title : t('memoria.title');
  useEffect(() => {
    document.title = t('memoria.doc_title', { title });
    window.scrollTo(0, 0);
  }, [title]);

  return (
    <>
      <a class="skip" href="#main">{t('app.skip')}</a>
      <header class="mm-bar">
        <div class="mm-bar-inner">
          <a class="btn" href={encuentroHref(id)}>
            <span aria-hidden="true">←</span> {t('memoria.back')}
          </a>
          <div class="mm-bar-tools">
            <button type="button" class="btn btn-primary" onClick={() => window.print()}
              disabled={loaded.status !== 'ok'} aria-describedby="mm-print-hint">
              {t('memoria.print')}
            </button>
            <LangSwitch />
          </div>
          <p id="mm-print-hint" class="hint mm-bar-hint">{t('memoria.print.hint')}</p>
        </div>
      </header>
      <main id="main" tabIndex={-1} class="mm">
        {loaded.status === 'ok' ? (
          <Document view={loaded.data} />
        ) : (
          <div class="mm-doc mm-doc-plain">
            <h1>{t('memoria.title')}</h1>
            <LoadState status={loaded.status} message={loaded.status === 'error' ? loaded.message : ''} retry={retry} />
          </div>
        )}
      </main>
    </>
  );
}

function Document(props: { view: EncuentroView }) {
  const { view } = props;
  const ordered = commitmentsInOrder(view.commitments, view.workshops);
  const numbers = new Map(ordered.map((c, i) => [c.id, i + 1]));
  const index = proposalIndex(view);
  return (
    <article class="mm-doc" data-memoria={view.id}>
      <Cover view={view} />
      <Details view={view} />
      <Points points={view.points} />
      <Attendance view={view} />
      <Workshops view={view} numbers={numbers} />
      <Commitments view={view} ordered={ordered} index={index} />
      <Evaluation view={view} />
      <Colophon view={view} />
    </article>
  );
}

function Cover(props: { view: EncuentroView }) {
  const d = props.view.details;
  return (
    <header class="mm-cover">
      <p class="mm-kicker">{t('memoria.kicker')}</p>
      <h1>{d.title}</h1>
      {d.entities.length > 0 && <p class="mm-entities">{d.entities.join(' · ')}</p>}
      <dl class="mm-facts">
        <div>
          <dt>{t('memoria.field.date')}</dt>
          <dd><time dateTime={d.date}>{fmtDate(d.date)}</time></dd>
        </div>
        {(d.start_time || d.end_time) && (
          <div>
            <dt>{t('memoria.field.time')}</dt>
            <dd>{t('memoria.field.time_value', { start: d.start_time, end: d.end_time })}</dd>
          </div>
        )}
        <div>
          <dt>{t('memoria.field.venue')}</dt>
          <dd>{d.venue}</dd>
        </div>
        {d.published_on && (
          <div>
            <dt>{t('memoria.field.published_on')}</dt>
            <dd><time dateTime={d.published_on}>{fmtDate(d.published_on)}</time></dd>
          </div>
        )}
      </dl>
    </header>
  );
}

function Section(props: { id: string; title: string; breakBefore?: boolean; children: ComponentChildren }) {
  return (
    <section id={props.id} class={`mm-section${props.breakBefore ? ' mm-break' : ''}`} aria-labelledby={`${props.id}-h`}>
      <h2 id={`${props.id}-h`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

function Details(props: { view: EncuentroView }) {
  const d = props.view.details;
  const parts: [string, string][] = [
    ['portal.field.objective', d.objective],
    ['portal.field.report_summary', d.report_summary],
    ['portal.field.methodology', d.methodology],
  ];
  const shown = parts.filter(([, text]) => text.trim());
  return (
    <Section id="mm-details" title={t('memoria.section.details')}>
      <p>
        <strong>{t('memoria.field.entities')}:</strong> {props.view.details.entities.join(' · ')}
      </p>
      {shown.length === 0 && <p>{t('memoria.details.none')}</p>}
      {shown.map(([key, text]) => (
        <div key={key} class="mm-block">
          <h3>{t(key)}</h3>
          <p class="mm-pre">{text}</p>
        </div>
      ))}
    </Section>
  );
}

function Points(props: { points: PointView[] }) {
  return (
    <Section id="mm-points" title={t('memoria.section.points')}>
      {props.points.length === 0 && <p>{t('memoria.points.none')}</p>}
      {props.points.map((p, i) => (
        <div key={p.id} class="mm-block mm-point">
          <h3>{t('memoria.point.title', { n: i + 1, title: p.title })}</h3>
          {p.description && <p class="mm-pre">{p.description}</p>}
          {p.questions.length > 0 ? (
            <>
              <p class="mm-label">{t('memoria.point.questions')}</p>
              <ul class="mm-questions">
                {p.questions.map((q) => (
                  <li key={q.id} class="mm-pre">{q.text}</li>
                ))}
              </ul>
            </>
          ) : (
            <p class="hint">{t('memoria.point.no_questions')}</p>
          )}
        </div>
      ))}
    </Section>
  );
}

function shareRows(rows: { key: string; count: number; percent: number }[], label: (key: string) => string): BarRow[] {
  return rows.map((r) => ({
    key: r.key,
    label: label(r.key),
    value: r.count,
    text: t('memoria.count_share', { n: r.count, percent: r.percent }),
  }));
}

function Attendance(props: { view: EncuentroView }) {
  const a = props.view.attendance;
  const split = attendanceSplit(a);
  const people = t('portal.chart.people');
  const groups = breakdown(a.by_value_group, (r) => r.value_group, (r) => r.count);
  const territories = breakdown(a.by_territory, (r) => r.territory, (r) => r.count);
  return (
    <Section id="mm-attendance" title={t('memoria.section.attendance')} breakBefore>
      <dl class="pt-stats mm-stats">
        <div>
          <dt>{t('memoria.attendance.total')}</dt>
          <dd data-figure="total">{split.total}</dd>
        </div>
        <div>
          <dt>{t('memoria.attendance.registered')}</dt>
          <dd data-figure="registered">{split.registered}</dd>
        </div>
        <div>
          <dt>{t('memoria.attendance.walk_ins')}</dt>
          <dd data-figure="walk-ins">{split.walkIns}</dd>
        </div>
        <div>
          <dt>{t('memoria.attendance.workshops')}</dt>
          <dd data-figure="workshops">{props.view.counts.workshops}</dd>
        </div>
      </dl>
      <p>{t('memoria.attendance.summary', { total: split.total, registered: split.registered, walk_ins: split.walkIns })}</p>
      <div class="mm-chart">
        <BarChart caption={t('memoria.attendance.registration')} valueHeader={people} max={Math.max(1, split.total)}
          rows={[
            { key: 'registered', label: t('memoria.attendance.registered'), value: split.registered,
              text: t('memoria.count_share', { n: split.registered, percent: split.registeredPercent }) },
            { key: 'walk-ins', label: t('memoria.attendance.walk_ins'), value: split.walkIns,
              text: t('memoria.count_share', { n: split.walkIns, percent: split.walkInsPercent }) },
          ]} />
      </div>
      <div class="mm-chart">
        {groups.length > 0 ? (
          <BarChart caption={t('memoria.attendance.by_value_group')} valueHeader={people}
            rows={shareRows(groups, (k) => tOr(`portal.vg.${k}`, k))} />
        ) : (
          <p><strong>{t('memoria.attendance.by_value_group')}:</strong> {t('memoria.attendance.none')}</p>
        )}
      </div>
      <div class="mm-chart">
        {territories.length > 0 ? (
          <BarChart caption={t('memoria.attendance.by_territory')} valueHeader={people}
            rows={shareRows(territories, (k) => k)} />
        ) : (
          <p><strong>{t('memoria.attendance.by_territory')}:</strong> {t('memoria.attendance.none')}</p>
        )}
      </div>
      <p class="hint">{t('portal.attendance.privacy')}</p>
    </Section>
  );
}

function Workshops(props: { view: EncuentroView; numbers: Map<string, number> }) {
  const { view, numbers } = props;
  const pointNo = pointNumbers(view.points);
  return (
    <Section id="mm-workshops" title={t('memoria.section.workshops')} breakBefore>
      {view.workshops.length === 0 && <p>{t('portal.workshops.none')}</p>}
      {workshopsInOrder(view.workshops).map((w) => (
        <Workshop key={w.id} w={w} view={view} pointNo={pointNo} numbers={numbers} />
      ))}
    </Section>
  );
}

function Workshop(props: { w: WorkshopView; view: EncuentroView; pointNo: Map<string, number>; numbers: Map<string, number> }) {
  const { w, view, pointNo, numbers } = props;
  const hid = `mm-w-${w.id}`;
  return (
    <section class="mm-workshop" aria-labelledby={hid} data-workshop={w.number}>
      <h3 id={hid}>{t('common.workshop', { n: w.number })}</h3>
      <p class="mm-meta">
        {t('memoria.workshop.participants', { n: w.participants })}
        {' · '}
        {t('memoria.workshop.votes', { n: votesOf(w) })}
      </p>
      <div class="mm-block">
        <h4>{t('portal.workshop.synthesis')}</h4>
        <p class="mm-pre">{w.synthesis.trim() ? w.synthesis : t('memoria.workshop.no_synthesis')}</p>
      </div>
      <h4>{t('portal.workshop.proposals')}</h4>
      {w.principal_proposals.length === 0 ? (
        <p>{t('portal.workshop.no_proposals')}</p>
      ) : (
        <table class="mm-table mm-proposals">
          <caption class="visually-hidden">{t('memoria.proposals.caption', { n: w.number })}</caption>
          <thead>
            <tr>
              <th scope="col" class="mm-num">{t('memoria.proposals.rank')}</th>
              <th scope="col">{t('memoria.proposals.text')}</th>
              <th scope="col" class="mm-num">{t('memoria.proposals.votes')}</th>
              <th scope="col">{t('memoria.proposals.answer')}</th>
            </tr>
          </thead>
          <tbody>
            {w.principal_proposals.map((p, i) => {
              const n = pointNo.get(p.point_id);
              const question = questionOf(view.points, p);
              const k = p.answer?.commitment_id ? numbers.get(p.answer.commitment_id) : undefined;
              return (
                <tr key={p.id} data-proposal={p.id}>
                  <td class="mm-num" data-label={t('memoria.proposals.rank')}>{i + 1}</td>
                  <td>
                    <p class="mm-proposal mm-pre">{p.text}</p>
                    {n !== undefined && <p class="mm-small">{t('memoria.proposal.point', { n })}</p>}
                    {question && <p class="mm-small mm-pre">{t('memoria.proposal.question', { text: question })}</p>}
                  </td>
                  <td class="mm-num" data-label={t('memoria.proposals.votes')} data-votes={p.votes}>{p.votes}</td>
                  <td>
                    <AnswerText proposal={p} encuentro={view.id} link={false} />
                    {k !== undefined && (
                      <p class="mm-small">
                        <a href={`#mm-k-${p.answer?.commitment_id}`}>{t('memoria.answer.commitment_n', { n: k })}</a>
                      </p>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Commitments(props: { view: EncuentroView; ordered: CommitmentView[]; index: Map<string, ProposalRef> }) {
  const { view, ordered, index } = props;
  const answers = answerCounts(view.workshops);
  const counts = statusCounts(view.commitments, '');
  const asOf = fmtDate(view.as_of);
  const answerRows: BarRow[] = ANSWER_KEYS.filter((k) => answers[k] > 0 || k === 'commitment' || k === 'not_adopted' || k === 'referred')
    .map((k) => ({ key: k, label: t(`memoria.answers.${k}`), value: answers[k] }));
  return (
    <Section id="mm-commitments" title={t('memoria.section.commitments')} breakBefore>
      <p>{t('memoria.commitments.intro', { n: answers.total, k: view.commitments.length, date: asOf })}</p>
      <div class="mm-two">
        <div class="mm-chart">
          <h3>{t('memoria.answers.title')}</h3>
          <BarChart hideCaption caption={t('memoria.answers.caption')} valueHeader={t('portal.count.proposals')}
            max={Math.max(1, answers.total)} rows={answerRows} />
        </div>
        {view.commitments.length > 0 && (
          <div class="mm-chart">
            <h3>{t('memoria.status.title', { date: asOf })}</h3>
            <BarChart hideCaption caption={t('memoria.status.caption', { date: asOf })} valueHeader={t('portal.chart.commitments')}
              max={view.commitments.length}
              rows={[
                ...STATUSES.map((s) => ({ key: s, label: t(`portal.status.${s}`), value: counts[s], tone: s })),
                { key: 'overdue', label: t('portal.overdue'), value: counts.overdue, tone: 'overdue' },
              ]} />
          </div>
        )}
      </div>
      <h3>{t('memoria.commitments.list')}</h3>
      {ordered.length === 0 ? (
        <p>{t('memoria.commitments.none')}</p>
      ) : (
        <ol class="mm-commitments">
          {ordered.map((c, i) => (
            <li key={c.id}>
              <Commitment c={c} n={i + 1} index={index} />
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function Commitment(props: { c: CommitmentView; n: number; index: Map<string, ProposalRef> }) {
  const { c, n, index } = props;
  const hid = `mm-k-${c.id}-h`;
  const proposals = proposalsOf(c, index);
  const changed = changedOn(c);
  const latest = c.latest_report ?? null;
  const evidence = latest ? safeHttpUrl(latest.evidence_url) : null;
  const territory = territoryOfView(c);
  const parts = partsOfView(c);
  return (
    <article id={`mm-k-${c.id}`} class={`mm-card mm-commitment${c.overdue ? ' mm-is-overdue' : ''}`} aria-labelledby={hid}
      data-commitment={c.id} data-overdue={c.overdue ? '1' : '0'}>
      <h4 id={hid}>
        <span class="mm-k-n">{t('memoria.commitment.title', { n })}.</span> <span class="mm-pre">{c.terms.what}</span>
      </h4>
      <dl class="mm-terms">
        <dt>{t('portal.terms.entity')}</dt>
        <dd>{c.terms.entity}</dd>
        {c.terms.office && (
          <>
            <dt>{t('portal.terms.office')}</dt>
            <dd>{c.terms.office}</dd>
          </>
        )}
        <dt>{t('portal.terms.territory')}</dt>
        <dd data-territory={territory}>{territory || t('portal.territory.all')}</dd>
        <dt>{t('portal.terms.due_date')}</dt>
        <dd><time dateTime={c.terms.due_date}>{fmtDate(c.terms.due_date)}</time></dd>
        {c.terms.indicator && (
          <>
            <dt>{t('portal.terms.indicator')}</dt>
            <dd class="mm-pre">{c.terms.indicator}</dd>
          </>
        )}
        {c.terms.goal && (
          <>
            <dt>{t('portal.terms.goal')}</dt>
            <dd class="mm-pre">{c.terms.goal}</dd>
          </>
        )}
        {proposals.length > 0 && (
          <>
            <dt>{t('memoria.commitment.answers')}</dt>
            <dd>
              <ul class="mm-plain">
                {proposals.map((r) => (
                  <li key={r.proposal.id} class="mm-pre">{t('memoria.commitment.proposal', { n: r.workshop, text: r.proposal.text })}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{t('memoria.commitment.state')}</dt>
        <dd class="mm-state">
          <StatusBadge status={c.status} />
          {c.overdue && <OverdueBadge />}
          <span class="pt-percent mm-percent">
            <span class="pt-bar-track" aria-hidden="true">
              <span class={`pt-bar pt-tone-${c.status}`} style={{ width: `${Math.max(0, Math.min(100, c.percent))}%` }} />
            </span>
            <span data-percent={c.percent}>{t('portal.percent', { n: c.percent })}</span>
          </span>
        </dd>
        {parts.length > 0 && (
          <>
            <dt>{t('portal.parts.title')}</dt>
            <dd>
              <p class="mm-small">{t('portal.parts.average', { n: parts.length, percent: c.percent })}</p>
              <ol class="mm-parts">
                {parts.map((p) => (
                  <li key={p.part} data-part={p.part}>
                    <span class="mm-pre">{p.what}</span>{' '}
                    <StatusBadge status={p.status} />{' '}
                    <span data-percent={p.percent}>{t('portal.percent', { n: p.percent })}</span>
                  </li>
                ))}
              </ol>
            </dd>
          </>
        )}
        <dt>{t('memoria.commitment.latest')}</dt>
        <dd>
          {latest ? (
            <>
              <time dateTime={latest.as_of}>{fmtDate(latest.as_of)}</time>
              {latest.note && <>{': '}<span class="mm-pre">{latest.note}</span></>}
              {evidence && (
                <span class="mm-evidence">
                  {' '}
                  {t('portal.report.evidence_text', { url: '' })}
                  <a href={evidence} rel="noopener noreferrer">{evidence}</a>
                </span>
              )}
            </>
          ) : (
            t('memoria.commitment.no_reports')
          )}
        </dd>
      </dl>
      {c.overdue && <p class="pt-overdue-note">{t('memoria.commitment.overdue')}</p>}
      {changed && <p class="mm-small">{t('memoria.commitment.version', { version: c.version, date: fmtDate(changed) })}</p>}
    </article>
  );
}

function Evaluation(props: { view: EncuentroView }) {
  const ev = props.view.evaluation;
  const rows = evaluationRows(ev.averages);
  const overall = overallAverage(ev.averages);
  return (
    <Section id="mm-evaluation" title={t('memoria.section.evaluation')} breakBefore>
      {ev.count === 0 || rows.length === 0 ? (
        <p>{t('memoria.evaluation.none')}</p>
      ) : (
        <>
          <p>{t('memoria.evaluation.count', { n: ev.count })}</p>
          {overall !== null && <p><strong>{t('memoria.evaluation.overall', { value: fmtNumber(overall, 2) })}</strong></p>}
          <div class="mm-chart">
            <BarChart caption={t('memoria.evaluation.caption')} valueHeader={t('portal.eval.average')} max={5}
              rows={rows.map((r) => ({
                key: r.key,
                label: t(`portal.eval.${r.key}`),
                value: r.value,
                text: t('portal.eval.of5', { value: fmtNumber(r.value, 2) }),
              }))} />
          </div>
        </>
      )}
    </Section>
  );
}

function Colophon(props: { view: EncuentroView }) {
  const { view } = props;
  const url = `${location.origin}${encuentroHref(view.id)}`;
  return (
    <footer class="mm-colophon">
      <p>{t('memoria.generated', { date: fmtDate(civilDate(new Date())), as_of: fmtDate(view.as_of) })}</p>
      <p>
        {t('memoria.source', { url: '' })}
        <a href={encuentroHref(view.id)}>{url}</a>
      </p>
      <p>{t('memoria.privacy')}</p>
    </footer>
  );
}
