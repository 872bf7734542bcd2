// During the workshops: the guide question and timer, the speaking queue, sending a proposal,
// my proposals under review, the room's proposals and the vote.
import { useState } from 'preact/hooks';
import { live } from '../../core/live';
import type { Contribution, State, Workshop } from '../../core/protocol';
import { formatRemaining, useServerNow } from '../../core/time';
import { t } from '../../i18n';
import { useCommand } from './command';
import {
  dotsLeft,
  findQuestion,
  myDotsOn,
  myOpenProposals,
  queuePosition,
  roomOtherContributions,
  roomProposals,
  timerRemaining,
} from './select';

export function Room(props: { pid: string; workshop: Workshop | null }) {
  const state = live.state.value;
  const { pid, workshop } = props;
  if (!state) return null;
  if (!workshop) {
    return (
      <section class="card">
        <p>{t('citizen.room.none')}</p>
      </section>
    );
  }
  const voting = workshop.voting.open;
  return (
    <>
      <h2 class="cz-room-title">{t('citizen.room.title', { n: workshop.number })}</h2>
      <QuestionCard state={state} workshop={workshop} />
      {/* While voting is open the vote comes first: it is what the room is doing. */}
      {voting && <RoomProposals state={state} workshop={workshop} pid={pid} />}
      <HandCard workshop={workshop} pid={pid} />
      <ProposeForm state={state} workshop={workshop} pid={pid} />
      <MyProposals state={state} pid={pid} />
      {!voting && <RoomProposals state={state} workshop={workshop} pid={pid} />}
    </>
  );
}

function QuestionCard(props: { state: State; workshop: Workshop }) {
  const { state, workshop } = props;
  const found = findQuestion(state, workshop.current_question);
  return (
    <section class="card" aria-labelledby="cz-q-h">
      <h3 id="cz-q-h">{t('citizen.question.title')}</h3>
      <div aria-live="polite">
        {found ? (
          <>
            <p class="cz-question">{found.question.text}</p>
            <p class="hint">{t('citizen.question.point', { title: found.point.title })}</p>
          </>
        ) : (
          <p class="hint">{t('citizen.question.none')}</p>
        )}
      </div>
      <Timer workshop={workshop} />
    </section>
  );
}

function Timer(props: { workshop: Workshop }) {
  const now = useServerNow();
  const left = timerRemaining(props.workshop, now);
  if (left === null) return <p class="hint">{t('citizen.timer.idle')}</p>;
  const paused = props.workshop.timer.status === 'paused';
  return (
    <p class="cz-timer">
      <span>{t('citizen.timer.label')}: </span>
      <span role="timer" class="cz-timer-digits">{formatRemaining(left)}</span>
      {paused && <span> {t('citizen.timer.paused')}</span>}
    </p>
  );
}

function Waiting(props: { busy: boolean }) {
  if (!props.busy) return null;
  const offline = live.connection.value === 'offline';
  return <p class="hint" role="status">{offline ? t('citizen.offline_wait') : t('citizen.sending')}</p>;
}

function HandCard(props: { workshop: Workshop; pid: string }) {
  const { workshop, pid } = props;
  const cmd = useCommand();
  const position = queuePosition(workshop, pid);
  const speaking = workshop.speaker === pid && position === null;
  const args = { workshop_id: workshop.id, participant_id: pid };
  return (
    <section class="card" aria-labelledby="cz-hand-h">
      <h3 id="cz-hand-h">{t('citizen.hand.title')}</h3>
      <p class="cz-big" aria-live="polite">
        {position !== null
          ? t('citizen.hand.position', { n: position })
          : speaking
            ? t('citizen.hand.speaking')
            : t('citizen.hand.down')}
      </p>
      {position === null ? (
        <button type="button" class="btn btn-primary btn-big" disabled={cmd.busy}
          onClick={() => void cmd.run('hand.raise', args)}>
          {t('citizen.hand.raise')}
        </button>
      ) : (
        <button type="button" class="btn btn-big" disabled={cmd.busy}
          onClick={() => void cmd.run('hand.lower', args)}>
          {t('citizen.hand.lower')}
        </button>
      )}
      <Waiting busy={cmd.busy} />
      {cmd.error && <p class="error" role="alert">{cmd.error}</p>}
    </section>
  );
}

function ProposeForm(props: { state: State; workshop: Workshop; pid: string }) {
  const { state, workshop, pid } = props;
  const current = findQuestion(state, workshop.current_question);
  // Drafts live here, never derived from the state, so updates never wipe what is typed.
  const [text, setText] = useState('');
  const [pointChoice, setPointChoice] = useState<string | null>(null);
  const [questionChoice, setQuestionChoice] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [empty, setEmpty] = useState(false);
  const cmd = useCommand();

  if (state.points.length === 0) return null;
  const pointId =
    pointChoice && state.points.some((p) => p.id === pointChoice)
      ? pointChoice
      : (current?.point.id ?? state.points[0].id);
  const point = state.points.find((p) => p.id === pointId) ?? state.points[0];
  const questionId =
    questionChoice !== null
      ? questionChoice
      : current && current.point.id === point.id
        ? current.question.id
        : '';
  const validQuestion = point.questions.some((q) => q.id === questionId) ? questionId : '';

  async function submit(e: Event) {
    e.preventDefault();
    setSent(false);
    const body = text.trim();
    if (!body) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    const ok = await cmd.run('proposal.submit', {
      workshop_id: workshop.id,
      participant_id: pid,
      point_id: point.id,
      question_id: validQuestion || null,
      text: body,
    });
    if (ok) {
      setText('');
      setSent(true);
    }
  }

  return (
    <section class="card" aria-labelledby="cz-prop-h">
      <h3 id="cz-prop-h">{t('citizen.propose.title')}</h3>
      <form onSubmit={submit}>
        <label for="cz-prop-point">{t('citizen.propose.point')}</label>
        <select id="cz-prop-point" value={point.id}
          onChange={(e) => {
            setPointChoice((e.target as HTMLSelectElement).value);
            setQuestionChoice('');
          }}>
          {state.points.map((p) => (
            <option key={p.id} value={p.id}>{p.title}</option>
          ))}
        </select>
        {point.questions.length > 0 && (
          <>
            <label for="cz-prop-question">{t('citizen.propose.question')}</label>
            <select id="cz-prop-question" value={validQuestion}
              onChange={(e) => setQuestionChoice((e.target as HTMLSelectElement).value)}>
              <option value="">{t('citizen.propose.question.none')}</option>
              {point.questions.map((q) => (
                <option key={q.id} value={q.id}>{q.text}</option>
              ))}
            </select>
          </>
        )}
        <label for="cz-prop-text">{t('citizen.propose.text')}</label>
        <textarea id="cz-prop-text" value={text} aria-describedby="cz-prop-hint" maxLength={2000}
          onInput={(e) => {
            setText((e.target as HTMLTextAreaElement).value);
            setSent(false);
          }} />
        <p id="cz-prop-hint" class="hint">{t('citizen.propose.hint')}</p>
        {empty && <p class="error" role="alert">{t('citizen.propose.empty')}</p>}
        {cmd.error && <p class="error" role="alert">{cmd.error}</p>}
        <button type="submit" class="btn btn-primary btn-big" disabled={cmd.busy}>
          {cmd.busy ? t('citizen.propose.sending') : t('citizen.propose.submit')}
        </button>
        <Waiting busy={cmd.busy} />
        <p class="ok" role="status">{sent ? t('citizen.propose.sent') : ''}</p>
      </form>
    </section>
  );
}

function MyProposals(props: { state: State; pid: string }) {
  const mine = myOpenProposals(props.state, props.pid);
  if (mine.length === 0) return null;
  return (
    <section class="card" aria-labelledby="cz-mine-h">
      <h3 id="cz-mine-h">{t('citizen.mine.title')}</h3>
      <ul class="list" aria-live="polite">
        {mine.map((c) => (
          <li key={c.id}>
            <span class="badge">
              {c.status === 'pending' ? t('citizen.mine.pending') : t('citizen.mine.declined')}
            </span>{' '}
            <span class="cz-pre">{c.text}</span>
            {c.status === 'declined' && c.decline_reason && (
              <p class="hint">{t('citizen.mine.reason', { reason: c.decline_reason })}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function RoomProposals(props: { state: State; workshop: Workshop; pid: string }) {
  const { state, workshop, pid } = props;
  const proposals = roomProposals(state, workshop.id);
  const others = roomOtherContributions(state, workshop.id);
  const voting = workshop.voting.open;
  const left = dotsLeft(state, workshop, pid);
  const cmd = useCommand();
  const principal = new Set(workshop.principal_proposals);

  return (
    <section class="card" aria-labelledby="cz-room-props-h">
      <h3 id="cz-room-props-h">{t('citizen.proposals.title')}</h3>
      <div aria-live="polite">
        {voting && (
          <p class="cz-big cz-dots">
            {t('citizen.vote.open', { left, total: workshop.voting.dots_per_person })}
          </p>
        )}
        {voting && left === 0 && <p class="hint">{t('citizen.vote.none_left')}</p>}
        {workshop.voting.closed && <p class="hint">{t('citizen.vote.closed')}</p>}
      </div>
      {cmd.error && <p class="error" role="alert">{cmd.error}</p>}
      {proposals.length === 0 ? (
        <p class="hint">{t('citizen.proposals.none')}</p>
      ) : (
        <ul class="list cz-proposals">
          {proposals.map((c) => (
            <ProposalItem key={c.id} c={c} pid={pid} principal={principal.has(c.id)}
              voting={voting} canCast={left > 0 && !cmd.busy} busy={cmd.busy}
              mine={myDotsOn(state, pid, c.id)}
              onCast={() => void cmd.run('vote.cast', { workshop_id: workshop.id, participant_id: pid, contribution_id: c.id })}
              onRetract={() => void cmd.run('vote.retract', { workshop_id: workshop.id, participant_id: pid, contribution_id: c.id })} />
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <details class="cz-others">
          <summary>{t('citizen.others.title', { n: others.length })}</summary>
          <ul class="list">
            {others.map((c) => (
              <li key={c.id}>
                <span class="badge">{t(`citizen.kind.${c.kind}`)}</span>{' '}
                <span class="cz-pre">{c.text}</span>
                {c.answer && <p class="hint">{t('citizen.answer', { text: c.answer })}</p>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function ProposalItem(props: {
  c: Contribution;
  pid: string;
  principal: boolean;
  voting: boolean;
  canCast: boolean;
  busy: boolean;
  mine: number;
  onCast: () => void;
  onRetract: () => void;
}) {
  const { c } = props;
  const textId = `cz-p-${c.id}`;
  // Each button's name says which proposal it is for (a list of "Dar un punto" is no help to a
  // screen reader user moving from button to button).
  const flat = c.text.replace(/\s+/g, ' ').trim();
  const which = <span class="visually-hidden">: {flat.length > 60 ? `${flat.slice(0, 59)}…` : flat}</span>;
  return (
    <li>
      <p id={textId} class="cz-pre cz-proposal-text">{c.text}</p>
      <div class="row">
        {c.submitted_by === props.pid && <span class="badge">{t('citizen.proposals.yours')}</span>}
        {props.principal && <span class="badge">{t('citizen.principal')}</span>}
        {props.voting && <span>{t('citizen.vote.mine', { n: props.mine })}</span>}
      </div>
      {props.voting && (
        <div class="row cz-vote-row">
          <button type="button" class="btn btn-primary" aria-describedby={textId}
            disabled={!props.canCast} onClick={props.onCast}>
            {t('citizen.vote.cast')}
            {which}
          </button>
          <button type="button" class="btn" aria-describedby={textId}
            disabled={props.mine === 0 || props.busy} onClick={props.onRetract}>
            {t('citizen.vote.retract')}
            {which}
          </button>
        </div>
      )}
    </li>
  );
}
