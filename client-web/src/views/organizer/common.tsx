// Shared bits of the organizer's views: sending a command and showing its refusal, labels of
// enums, a QR image and the printable access card.
import { useEffect, useRef, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import { live, type CommandArgs, type CommandName, type ErrorReply } from '../../core/live';
import type { PhaseOrUnknown, ValueGroupOrUnknown } from '../../core/protocol';
import { t } from '../../i18n';
import { describeError } from '../../i18n/errors';

/** Rule codes this area explains itself (with the details the server sends). */
const EXPLAINED = new Set([
  'convocation_too_late',
  'plan_incomplete',
  'consent_required',
  'already_checked_in',
  'workshops_not_formed',
  'workshop_full',
  'staff_missing',
  'wrong_phase',
  'already_exists',
  'invalid_argument',
  'not_found',
  'voting_open',
  'forbidden',
  'wrong_encuentro',
  'unknown_encuentro',
  'rate_limited',
  'invalid_code',
  'malformed_code',
  'locked_out',
  'expired',
  'revoked',
  'unknown_token',
]);

/** A clear Spanish (or English) sentence for a refusal, with its specifics. */
export function describeRefusal(e: ErrorReply): string {
  const d = e.details ?? {};
  if (EXPLAINED.has(e.code)) {
    const params: Record<string, string> = {
      earliest: d.earliest_date ? formatDate(d.earliest_date) : '',
      phase: d.phase ? phaseLabel(d.phase as PhaseOrUnknown) : '',
      field: fieldLabel(d.field ?? e.field ?? ''),
      reason: reasonText(e.message),
      cap: d.cap ?? '30',
      workshops: d.workshops ?? d.workshop_id ?? '',
      seconds: e.retry_after_ms ? String(Math.ceil(e.retry_after_ms / 1000)) : '',
    };
    let text = t(`org.err.${e.code}`, params);
    if (e.code === 'plan_incomplete' && d.point_id) text += ' ' + t('org.err.plan_incomplete.point');
    if (e.code === 'invalid_argument' && !params.field) text = t('org.err.invalid_argument.plain');
    return text;
  }
  return describeError(e);
}

/** The server's English reason ("title: must not be empty") in the interface language. */
function reasonText(message: string): string {
  const why = message.includes(': ') ? message.slice(message.indexOf(': ') + 2) : message;
  if (why === 'must not be empty' || why === 'required') return t('org.reason.empty');
  const long = /^longer than (\d+) characters$/.exec(why);
  if (long) return t('org.reason.tooLong', { n: long[1] });
  if (why === 'must be after start_time') return t('org.reason.endBeforeStart');
  if (why === 'one to ten entities') return t('org.reason.entities');
  if (why === 'contains control characters') return t('org.reason.control');
  return why;
}

function fieldLabel(field: string): string {
  const last = field.split('.').pop() ?? '';
  if (!last) return '';
  const key = `org.field.${last}`;
  const label = t(key);
  return label === key ? last : label;
}

/** An error made on this side (e.g. the live client threw) in the server's shape. */
export function localError(err: unknown): ErrorReply {
  if (err && typeof err === 'object' && 'code' in err && 'category' in err) return err as ErrorReply;
  const message = err instanceof Error ? err.message : String(err);
  return { type: 'error', category: 'internal', code: 'internal', message } as ErrorReply;
}

/** Sends commands, remembering the last refusal to show it next to the control. */
export function useCommand() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorReply | null>(null);
  async function run<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const result = await live.send(name, args);
      if (!result.ok) {
        setError(result.error);
        return false;
      }
      return true;
    } catch (err) {
      setError(localError(err));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { run, busy, error, setError, clear: () => setError(null) };
}

/** A refusal, announced to screen readers. */
export function Refusal(props: { error: ErrorReply | null; id?: string }) {
  if (!props.error) return null;
  return (
    <p class="error" role="alert" id={props.id}>
      {describeRefusal(props.error)}
    </p>
  );
}

export function vgLabel(g: ValueGroupOrUnknown): string {
  return t(`org.vg.${g}`);
}

export function phaseLabel(p: PhaseOrUnknown): string {
  return t(`org.phase.${p}`);
}

/** "2026-05-14" → "14 de mayo de 2026" (in the interface language). */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  const lang = t('org.locale');
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(lang, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

export function formatTime(ms: number): string {
  if (!ms) return '—';
  return new Date(ms).toLocaleString(t('org.locale'), { dateStyle: 'short', timeStyle: 'short' });
}

/** A QR code as an <img> (data URL): never innerHTML. */
export function QrImage(props: { text: string; alt: string; size?: number }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    QRCode.toDataURL(props.text, { margin: 1, width: props.size ?? 320, errorCorrectionLevel: 'M' })
      .then((u) => alive && setUrl(u))
      .catch(() => alive && setUrl(null));
    return () => {
      alive = false;
    };
  }, [props.text, props.size]);
  if (!url) return <span class="hint">{t('common.loading')}</span>;
  return <img class="org-qr" src={url} alt={props.alt} width={props.size ?? 320} height={props.size ?? 320} />;
}

/** Absolute join URL for a join_path ("/unirse?codigo=…"). */
export function joinUrl(joinPath: string): string {
  return (typeof location !== 'undefined' ? location.origin : '') + joinPath;
}

export interface PrintableCard {
  code_id: string;
  code: string;
  join_path: string;
  role: string;
  workshopNumber: number | null;
  label: string;
  name?: string;
}

/** One card per tablet or person: role, workshop, the code large, the QR of the join URL. */
export function AccessCard(props: { card: PrintableCard }) {
  const c = props.card;
  const url = joinUrl(c.join_path);
  return (
    <article class="org-card" aria-label={t('org.card.aria', { role: t(`org.role.${c.role}`), code: c.code })}>
      <p class="org-card-role">{t(`org.role.${c.role}`)}</p>
      {c.workshopNumber != null && <p class="org-card-ws">{t('common.workshop', { n: c.workshopNumber })}</p>}
      {c.name && <p class="org-card-name">{c.name}</p>}
      {c.label && c.label !== c.name && <p class="org-card-label">{c.label}</p>}
      <p class="org-card-code">{c.code}</p>
      <QrImage text={url} alt={t('org.card.qr', { code: c.code })} size={200} />
      <p class="org-card-url">{url}</p>
    </article>
  );
}

/** Prints only the element behind `ref` (see organizer.css: body.org-printing). */
export function usePrint() {
  const ref = useRef<HTMLDivElement>(null);
  function print() {
    const el = ref.current;
    if (!el) return;
    el.classList.add('org-print-target');
    document.body.classList.add('org-printing');
    const done = () => {
      el.classList.remove('org-print-target');
      document.body.classList.remove('org-printing');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
    // Some browsers return from print() only after printing and never fire afterprint.
    setTimeout(done, 1000);
  }
  return { ref, print };
}

/** A stable id prefix for a component's form fields. */
let nextId = 0;
export function useIds(prefix: string): string {
  const [id] = useState(() => `${prefix}-${++nextId}`);
  return id;
}
