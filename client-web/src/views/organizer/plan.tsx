// Planning: the details, the report's central points with their guide questions, and publishing
// the convocation (R1).
import { useState } from 'preact/hooks';
import { live } from '../../core/live';
import type { CentralPoint, GuideQuestion, State } from '../../core/protocol';
import { t } from '../../i18n';
import { formatDate, localError, Refusal, useCommand, useIds } from './common';
import { DetailsForm } from './details-form';
import { earliestDateFor, planProblems } from './selectors';

export function PlanSection() {
  const state = live.state.value;
  if (!state) return null;
  return (
    <section aria-labelledby="org-h-plan">
      <h2 id="org-h-plan">{t('org.nav.plan')}</h2>
      <PublishCard state={state} />
      <DetailsCard state={state} />
      <PointsCard state={state} />
    </section>
  );
}

function DetailsCard(props: { state: State }) {
  const s = props.state;
  const editable = s.phase === 'draft' || s.phase === 'convened';
  // Re-mount the form (fresh draft) only when the person asks, never on a server update.
  const [formKey, setFormKey] = useState(0);
  const [opened, setOpened] = useState(() => JSON.stringify(s.details));
  const changedElsewhere = opened !== JSON.stringify(s.details);
  const earliest = earliestDateFor(s, live.serverNow());
  return (
    <section class="card" aria-labelledby="org-h-details">
      <h3 id="org-h-details">{t('org.plan.details')}</h3>
      {!editable && <DetailsReadOnly state={s} />}
      {editable && (
        <>
          <DetailsForm
            key={formKey}
            initial={s.details}
            earliest={earliest}
            submitLabel={t('org.plan.saveDetails')}
            changedElsewhere={changedElsewhere}
            published={!!s.convocation_published_on}
            onSubmit={async (details) => {
              try {
                const r = await live.send('details.update', { details });
                if (r.ok) setOpened(JSON.stringify(details));
                return r.ok ? null : r.error;
              } catch (err) {
                return localError(err);
              }
            }}
          />
          {changedElsewhere && (
            <button type="button" class="btn" onClick={() => { setOpened(JSON.stringify(s.details)); setFormKey((k) => k + 1); }}>
              {t('org.plan.reloadDetails')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function DetailsReadOnly(props: { state: State }) {
  const d = props.state.details;
  return (
    <dl class="org-dl">
      <dt>{t('org.field.title')}</dt><dd>{d.title}</dd>
      <dt>{t('org.field.entities')}</dt><dd>{d.entities.join(', ')}</dd>
      <dt>{t('org.field.objective')}</dt><dd class="org-pre">{d.objective}</dd>
      <dt>{t('org.field.venue')}</dt><dd>{d.venue}</dd>
      <dt>{t('org.field.date')}</dt><dd>{formatDate(d.date)} · {d.start_time}–{d.end_time}</dd>
      <dt>{t('org.field.expected_attendance')}</dt><dd>{d.expected_attendance}</dd>
    </dl>
  );
}

function PublishCard(props: { state: State }) {
  const s = props.state;
  const cmd = useCommand();
  const earliest = earliestDateFor({ convocation_published_on: null }, live.serverNow());
  if (s.phase !== 'draft') {
    return (
      <section class="card" aria-labelledby="org-h-conv">
        <h3 id="org-h-conv">{t('org.plan.convocation')}</h3>
        <p class="ok">
          {s.convocation_published_on
            ? t('org.plan.publishedOn', { date: formatDate(s.convocation_published_on) })
            : t('org.plan.published')}
        </p>
      </section>
    );
  }
  const problems = planProblems(s);
  const tooSoon = s.details.date < earliest;
  return (
    <section class="card" aria-labelledby="org-h-conv">
      <h3 id="org-h-conv">{t('org.plan.convocation')}</h3>
      <p>{t('org.plan.r1', { date: formatDate(s.details.date), earliest: formatDate(earliest) })}</p>
      <ul class="org-checklist">
        <li class={problems.noPoints ? 'org-warn' : 'ok'}>
          {problems.noPoints ? t('org.plan.check.noPoints') : t('org.plan.check.points', { n: s.points.length })}
        </li>
        {problems.pointsWithoutQuestions.length > 0 && (
          <li class="org-warn">{t('org.plan.check.noQuestions', { n: problems.pointsWithoutQuestions.length })}</li>
        )}
        <li class={tooSoon ? 'org-warn' : 'ok'}>
          {tooSoon ? t('org.plan.check.tooSoon', { earliest: formatDate(earliest) }) : t('org.plan.check.dateOk')}
        </li>
      </ul>
      <Refusal error={cmd.error} />
      <button type="button" class="btn btn-primary" disabled={cmd.busy}
        onClick={() => void cmd.run('convocation.publish', {})}>
        {t('org.plan.publish')}
      </button>
    </section>
  );
}

function PointsCard(props: { state: State }) {
  const s = props.state;
  const editable = s.phase === 'draft' || s.phase === 'convened';
  const removable = s.phase === 'draft';
  return (
    <section class="card" aria-labelledby="org-h-points">
      <h3 id="org-h-points">{t('org.plan.points')}</h3>
      <p class="hint">{t(removable ? 'org.plan.pointsHint' : 'org.plan.pointsFixed')}</p>
      {s.points.length === 0 && <p>{t('org.plan.noPoints')}</p>}
      <ol class="org-points">
        {s.points.map((p, i) => (
          <PointItem key={p.id} point={p} index={i + 1} editable={editable} removable={removable} />
        ))}
      </ol>
      {editable && <AddPointForm />}
    </section>
  );
}

function AddPointForm() {
  const id = useIds('addp');
  const cmd = useCommand();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  return (
    <form class="org-subform" onSubmit={async (e) => {
      e.preventDefault();
      if (await cmd.run('point.add', { title: title.trim(), description: description.trim() })) {
        setTitle('');
        setDescription('');
      }
    }}>
      <h4>{t('org.plan.addPoint')}</h4>
      <label for={`${id}-t`}>{t('org.plan.pointTitle')}</label>
      <input id={`${id}-t`} class="input" value={title} required onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
      <label for={`${id}-d`}>{t('org.plan.pointDescription')}</label>
      <textarea id={`${id}-d`} class="input org-short" value={description}
        onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} />
      <Refusal error={cmd.error} />
      <button type="submit" class="btn btn-primary" disabled={cmd.busy}>{t('org.plan.addPoint')}</button>
    </form>
  );
}

function PointItem(props: { point: CentralPoint; index: number; editable: boolean; removable: boolean }) {
  const p = props.point;
  const id = useIds('pt');
  const cmd = useCommand();
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(p.title);
  const [description, setDescription] = useState(p.description);
  const [question, setQuestion] = useState('');
  const qcmd = useCommand();

  return (
    <li class="org-point">
      {!editing ? (
        <div class="row org-spread">
          <div>
            <h4 class="org-point-title">{t('org.plan.pointN', { n: props.index, title: p.title })}</h4>
            {p.description && <p class="org-pre">{p.description}</p>}
          </div>
          {props.editable && (
            <div class="row">
              <button type="button" class="btn" aria-label={t('org.plan.editPointNamed', { title: p.title })}
                onClick={() => { setTitle(p.title); setDescription(p.description); setEditing(true); }}>
                {t('org.plan.edit')}
              </button>
              {props.removable && (
                <button type="button" class="btn btn-danger" aria-label={t('org.plan.removePointNamed', { title: p.title })}
                  onClick={() => { if (confirm(t('org.plan.confirmRemovePoint', { title: p.title }))) void cmd.run('point.remove', { point_id: p.id }); }}>
                  {t('org.plan.remove')}
                </button>
              )}
            </div>
          )}
        </div>
      ) : (
        <form class="org-subform" onSubmit={async (e) => {
          e.preventDefault();
          if (await cmd.run('point.update', { point_id: p.id, title: title.trim(), description: description.trim() })) setEditing(false);
        }}>
          <label for={`${id}-t`}>{t('org.plan.pointTitle')}</label>
          <input id={`${id}-t`} class="input" value={title} required onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
          <label for={`${id}-d`}>{t('org.plan.pointDescription')}</label>
          <textarea id={`${id}-d`} class="input org-short" value={description}
            onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} />
          <div class="row">
            <button type="submit" class="btn btn-primary" disabled={cmd.busy}>{t('common.save')}</button>
            <button type="button" class="btn" onClick={() => setEditing(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      )}
      <Refusal error={cmd.error} />

      <p class="org-qhead">{t('org.plan.questions')}</p>
      {p.questions.length === 0 && <p class="org-warn">{t('org.plan.noQuestions')}</p>}
      <ul class="list org-questions">
        {p.questions.map((q) => (
          <QuestionItem key={q.id} question={q} editable={props.editable} removable={props.removable} />
        ))}
      </ul>
      {props.editable && (
        <form class="row org-inline" onSubmit={async (e) => {
          e.preventDefault();
          if (await qcmd.run('question.add', { point_id: p.id, text: question.trim() })) setQuestion('');
        }}>
          <label for={`${id}-q`} class="visually-hidden">{t('org.plan.newQuestionFor', { title: p.title })}</label>
          <input id={`${id}-q`} class="input org-grow" value={question} required
            placeholder={t('org.plan.newQuestion')}
            onInput={(e) => setQuestion((e.target as HTMLInputElement).value)} />
          <button type="submit" class="btn" disabled={qcmd.busy}>{t('org.plan.addQuestion')}</button>
        </form>
      )}
      <Refusal error={qcmd.error} />
    </li>
  );
}

function QuestionItem(props: { question: GuideQuestion; editable: boolean; removable: boolean }) {
  const q = props.question;
  const id = useIds('q');
  const cmd = useCommand();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(q.text);
  return (
    <li>
      {!editing ? (
        <div class="row org-spread">
          <span>{q.text}</span>
          {props.editable && (
            <div class="row">
              <button type="button" class="btn" aria-label={t('org.plan.editQuestionNamed', { text: q.text })}
                onClick={() => { setText(q.text); setEditing(true); }}>
                {t('org.plan.edit')}
              </button>
              {props.removable && (
                <button type="button" class="btn btn-danger" aria-label={t('org.plan.removeQuestionNamed', { text: q.text })}
                  onClick={() => void cmd.run('question.remove', { question_id: q.id })}>
                  {t('org.plan.remove')}
                </button>
              )}
            </div>
          )}
        </div>
      ) : (
        <form class="row org-inline" onSubmit={async (e) => {
          e.preventDefault();
          if (await cmd.run('question.update', { question_id: q.id, text: text.trim() })) setEditing(false);
        }}>
          <label for={`${id}-e`} class="visually-hidden">{t('org.plan.questionText')}</label>
          <input id={`${id}-e`} class="input org-grow" value={text} required
            onInput={(e) => setText((e.target as HTMLInputElement).value)} />
          <button type="submit" class="btn btn-primary" disabled={cmd.busy}>{t('common.save')}</button>
          <button type="button" class="btn" onClick={() => setEditing(false)}>{t('common.cancel')}</button>
        </form>
      )}
      <Refusal error={cmd.error} />
    </li>
  );
}
