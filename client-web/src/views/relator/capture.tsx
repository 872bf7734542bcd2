// The relator's capture form: always ready, built for speed. Alt+1..5 chooses the kind,
// Ctrl+Enter sends, focus returns to the text. Sending goes through the durable outbox, so a
// capture made offline shows at once as "por enviar"; a refused one comes back with its text.
import { useEffect, useRef, useState } from 'preact/hooks';
import { live, type State } from '../../core/live';
import type { ContributionKind, Workshop } from '../../core/protocol';
import { t } from '../../i18n';
import { refusalText } from '../facilitator/shared/command';
import { ErrorLine } from '../facilitator/shared/header';
import { findQuestion, KINDS } from '../facilitator/shared/selectors';
import { loadDraft, saveDraft } from './draft';
import { isSendShortcut, kindShortcut } from './shortcuts';

interface Refused {
  op: string;
  text: string;
  author: string;
  kind: ContributionKind;
  message: string;
}

export function PointQuestionFields(props: {
  idPrefix: string;
  state: State;
  pointId: string;
  questionId: string;
  onPoint: (id: string) => void;
  onQuestion: (id: string) => void;
  /** Label keys, so the edit form's fields are named apart from the capture form's. */
  pointLabel?: string;
  questionLabel?: string;
}) {
  const point = props.state.points.find((p) => p.id === props.pointId);
  return (
    <div class="ws-inline">
      <div>
        <label for={`${props.idPrefix}-point`}>{t(props.pointLabel ?? 'rel.point')}</label>
        <select id={`${props.idPrefix}-point`} value={props.pointId} required
          onChange={(e) => props.onPoint((e.target as HTMLSelectElement).value)}>
          {!point && <option value="">{t('rel.point.choose')}</option>}
          {props.state.points.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
        </select>
      </div>
      <div>
        <label for={`${props.idPrefix}-question`}>{t(props.questionLabel ?? 'rel.question')}</label>
        <select id={`${props.idPrefix}-question`} value={props.questionId}
          onChange={(e) => props.onQuestion((e.target as HTMLSelectElement).value)}>
          <option value="">{t('rel.question.none')}</option>
          {point?.questions.map((q) => <option key={q.id} value={q.id}>{q.text}</option>)}
        </select>
      </div>
    </div>
  );
}

export function CaptureForm(props: { state: State; workshop: Workshop; enabled: boolean }) {
  const { state, workshop: w } = props;
  const [initial] = useState(() => loadDraft(w.id));
  const [kind, setKind] = useState<ContributionKind>(initial?.kind ?? 'propuesta');
  const [text, setText] = useState(initial?.text ?? '');
  const [author, setAuthor] = useState(initial?.author ?? '');
  const current = findQuestion(state.points, w.current_question);
  const [pointId, setPointId] = useState(current?.point.id ?? state.points[0]?.id ?? '');
  const [questionId, setQuestionId] = useState(current?.id ?? '');
  const [pinned, setPinned] = useState(false);
  const [refused, setRefused] = useState<Refused[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const textRef = useRef<HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // Follow the facilitator's current question until the relator picks one by hand.
  useEffect(() => {
    if (pinned) return;
    const q = findQuestion(state.points, w.current_question);
    if (q) {
      setPointId(q.point.id);
      setQuestionId(q.id);
    } else if (!pointId && state.points[0]) {
      setPointId(state.points[0].id);
    }
  }, [w.current_question, state.points.length, pinned]);

  useEffect(() => saveDraft(w.id, { kind, text, author }), [kind, text, author, w.id]);

  // Alt+1..5 anywhere on the page chooses the kind.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = kindShortcut(e);
      if (!k) return;
      e.preventDefault();
      setKind(k);
      setAnnounce(t('rel.kind.chosen', { kind: t(`ws.kind.${k}`) }));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  function submit() {
    setFormError(null);
    const body = text.trim();
    if (!body) {
      setFormError(t('rel.err.text'));
      textRef.current?.focus();
      return;
    }
    if (!pointId) {
      setFormError(t('rel.err.point'));
      return;
    }
    const sent = { text: body, author: author.trim(), kind };
    const promise = live.send('contribution.capture', {
      workshop_id: w.id,
      kind,
      point_id: pointId,
      question_id: questionId || null,
      text: sent.text,
      author: sent.author,
    });
    // The outbox holds it now: clear at once, ready for the next one.
    setText('');
    setAuthor('');
    setAnnounce(t('rel.sent'));
    textRef.current?.focus();
    promise.then(
      (r) => {
        if (!r.ok) setRefused((list) => [...list, { op: r.op, ...sent, message: refusalText(r.error) }]);
      },
      (e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        setRefused((list) => [...list, { op: `local-${Date.now()}`, ...sent, message: t('ws.err.local', { message }) }]);
      },
    );
  }

  function recover(r: Refused) {
    setText((cur) => (cur.trim() ? `${cur}\n${r.text}` : r.text));
    if (!author.trim()) setAuthor(r.author);
    setKind(r.kind);
    setRefused((list) => list.filter((x) => x.op !== r.op));
    textRef.current?.focus();
  }

  return (
    <section class="card ws-panel ws-capture" aria-labelledby="ws-capture-title">
      <h2 id="ws-capture-title">{t('rel.capture.title')}</h2>
      <form ref={formRef} aria-describedby="ws-shortcuts"
        onSubmit={(e) => { e.preventDefault(); submit(); }}
        onKeyDown={(e) => {
          if (isSendShortcut(e)) {
            e.preventDefault();
            submit();
          }
        }}>
        <fieldset class="ws-kinds">
          <legend>{t('rel.kind')}</legend>
          <div class="row">
            {KINDS.map((k, i) => (
              <div key={k} class="ws-kind-option">
                <input type="radio" name="ws-kind" id={`ws-kind-${k}`} value={k} checked={kind === k}
                  onChange={() => setKind(k)} />
                <label for={`ws-kind-${k}`}>
                  {t(`ws.kind.${k}`)} <span class="ws-key" aria-hidden="true">Alt+{i + 1}</span>
                </label>
              </div>
            ))}
          </div>
          {kind === 'queja' && <p class="hint" role="note">{t('rel.queja.hint')}</p>}
        </fieldset>
        <PointQuestionFields idPrefix="ws-cap" state={state} pointId={pointId} questionId={questionId}
          onPoint={(id) => { setPinned(true); setPointId(id); setQuestionId(''); }}
          onQuestion={(id) => { setPinned(true); setQuestionId(id); }} />
        {pinned && w.current_question && (
          <button type="button" class="btn btn-quiet" onClick={() => setPinned(false)}>
            {t('rel.follow')}
          </button>
        )}
        <label for="ws-cap-text">{t('rel.text')}</label>
        <textarea id="ws-cap-text" ref={textRef} value={text} maxLength={2000}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        <label for="ws-cap-author">{t('rel.author')}</label>
        <input id="ws-cap-author" type="text" class="input" value={author} maxLength={120}
          autoComplete="off" onInput={(e) => setAuthor((e.target as HTMLInputElement).value)} />
        <ErrorLine error={formError} />
        <button type="submit" class="btn btn-primary btn-big" disabled={!props.enabled}>
          {t('rel.send')}
        </button>
        <p class="visually-hidden" aria-live="polite">{announce}</p>
        <ul id="ws-shortcuts" class="hint ws-shortcuts">
          <li>{t('rel.keys.kind')}</li>
          <li>{t('rel.keys.send')}</li>
        </ul>
      </form>
      {refused.map((r) => (
        <div key={r.op} class="ws-notice" role="alert">
          <p class="error">{t('rel.refused', { message: r.message })}</p>
          <p class="ws-text">{r.text}</p>
          <div class="ws-actions">
            <button type="button" class="btn btn-primary" onClick={() => recover(r)}>{t('rel.recover')}</button>
            <button type="button" class="btn" onClick={() => setRefused((l) => l.filter((x) => x.op !== r.op))}>
              {t('ws.dismiss')}
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}
