// Access cards: mint codes for each workshop's tablets (facilitator, relator, servant), the
// projector and the office; list and revoke them; show or rotate the public citizen code; print
// one card per tablet. The server shows a code once: minted ones are kept here for printing.
import { signal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { live } from '../../core/live';
import type { AccessCode, AccessMinted, AccessPublicCodeReply, MintableRole, State } from '../../core/protocol';
import { t } from '../../i18n';
import {
  AccessCard,
  describeRefusal,
  formatTime,
  joinUrl,
  localError,
  QrImage,
  useIds,
  usePrint,
  type PrintableCard,
} from './common';

/** Cards minted in this page (kept across section changes; lost on reload, by design). */
const minted = signal<{ encuentro: string; cards: PrintableCard[] }>({ encuentro: '', cards: [] });

function cardsFor(encuentro: string): PrintableCard[] {
  return minted.value.encuentro === encuentro ? minted.value.cards : [];
}

function addCards(encuentro: string, cards: PrintableCard[]) {
  minted.value = { encuentro, cards: [...cardsFor(encuentro), ...cards] };
}

const WORKSHOP_ROLES: MintableRole[] = ['facilitator', 'relator', 'servant'];

async function mint(state: State, role: MintableRole, workshopId: string | null, label: string): Promise<PrintableCard> {
  const m = await live.request<AccessMinted>({
    type: 'access.mint',
    role,
    ...(workshopId ? { workshop: workshopId } : {}),
    label,
  });
  const w = state.workshops.find((x) => x.id === (m.workshop ?? workshopId));
  return { code_id: m.code_id, code: m.code, join_path: m.join_path, role: m.role, workshopNumber: w?.number ?? null, label: m.label };
}

export function AccessSection() {
  const state = live.state.value;
  const [codes, setCodes] = useState<AccessCode[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);

  async function refresh() {
    try {
      const r = await live.request<{ codes: AccessCode[] }>({ type: 'access.list' });
      setCodes(r.codes);
      setListError(null);
    } catch (err) {
      setListError(describeRefusal(localError(err)));
    }
  }
  useEffect(() => {
    void refresh();
  }, [state?.id]);

  if (!state) return null;
  return (
    <section aria-labelledby="org-h-access">
      <h2 id="org-h-access">{t('org.nav.accesos')}</h2>
      <p class="org-warn">{t('org.access.shownOnceLong')}</p>
      <PublicCodeCard />
      <MintCard state={state} onMinted={() => void refresh()} />
      <PrintCards state={state} />
      <CodesList state={state} codes={codes} error={listError} onChanged={() => void refresh()} />
    </section>
  );
}

function PublicCodeCard() {
  const [code, setCode] = useState<AccessPublicCodeReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { ref, print } = usePrint();
  async function load(rotate: boolean) {
    if (rotate && !confirm(t('org.access.confirmRotate'))) return;
    setBusy(true);
    setError(null);
    try {
      setCode(await live.request<AccessPublicCodeReply>({ type: 'access.public_code', ...(rotate ? { rotate: true } : {}) }));
    } catch (err) {
      setError(describeRefusal(localError(err)));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="card" aria-labelledby="org-h-public">
      <h3 id="org-h-public">{t('org.access.public')}</h3>
      <p class="hint">{t('org.access.publicHint')}</p>
      <div class="row">
        <button type="button" class="btn" disabled={busy} onClick={() => void load(false)}>{t('org.access.showPublic')}</button>
        <button type="button" class="btn btn-danger" disabled={busy} onClick={() => void load(true)}>{t('org.access.rotatePublic')}</button>
        {code && <button type="button" class="btn" onClick={print}>{t('org.access.printPublic')}</button>}
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {code && (
        <div ref={ref} class="org-public" aria-live="polite">
          <p class="org-card-role">{t('org.access.publicPoster')}</p>
          <p class="org-card-code">{code.code}</p>
          <QrImage text={joinUrl(code.join_path)} alt={t('org.card.qr', { code: code.code })} size={280} />
          <p class="org-card-url">{joinUrl(code.join_path)}</p>
        </div>
      )}
    </section>
  );
}

function MintCard(props: { state: State; onMinted: () => void }) {
  const s = props.state;
  const id = useIds('mint');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [role, setRole] = useState<MintableRole>('projector');
  const [label, setLabel] = useState('');
  const workshops = [...s.workshops].sort((a, b) => a.number - b.number);

  async function run(specs: { role: MintableRole; workshop: string | null; label: string }[]) {
    setBusy(true);
    setError(null);
    setDone('');
    const made: PrintableCard[] = [];
    try {
      for (const spec of specs) made.push(await mint(s, spec.role, spec.workshop, spec.label));
    } catch (err) {
      setError(describeRefusal(localError(err)));
    } finally {
      if (made.length) addCards(s.id, made);
      setBusy(false);
      if (made.length) {
        setDone(t('org.access.minted', { n: made.length }));
        props.onMinted();
      }
    }
  }

  const forWorkshop = (wid: string, n: number) =>
    WORKSHOP_ROLES.map((role) => ({ role, workshop: wid, label: t('org.access.labelFor', { role: t(`org.role.${role}`), n }) }));

  return (
    <section class="card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('org.access.mint')}</h3>
      {workshops.length === 0 && <p class="hint">{t('org.access.noWorkshops')}</p>}
      {workshops.length > 0 && (
        <>
          <p>{t('org.access.perWorkshop')}</p>
          <div class="row">
            <button type="button" class="btn btn-primary" disabled={busy}
              onClick={() => void run(workshops.flatMap((w) => forWorkshop(w.id, w.number)))}>
              {t('org.access.mintAll', { n: workshops.length })}
            </button>
            {workshops.map((w) => (
              <button key={w.id} type="button" class="btn" disabled={busy}
                onClick={() => void run(forWorkshop(w.id, w.number))}>
                {t('org.access.mintWorkshop', { n: w.number })}
              </button>
            ))}
          </div>
        </>
      )}
      <form class="org-subform" onSubmit={(e) => {
        e.preventDefault();
        void run([{ role, workshop: null, label: label.trim() || t(`org.role.${role}`) }]).then(() => setLabel(''));
      }}>
        <h4>{t('org.access.other')}</h4>
        <div class="grid org-grid-tight">
          <div>
            <label for={`${id}-role`}>{t('org.access.role')}</label>
            <select id={`${id}-role`} class="input" value={role}
              onChange={(e) => setRole((e.target as HTMLSelectElement).value as MintableRole)}>
              <option value="projector">{t('org.role.projector')}</option>
              <option value="office">{t('org.role.office')}</option>
              <option value="organizer">{t('org.role.organizer')}</option>
            </select>
          </div>
          <div>
            <label for={`${id}-label`}>{t('org.access.label')}</label>
            <input id={`${id}-label`} class="input" value={label} autoComplete="off" aria-describedby={`${id}-label-hint`}
              onInput={(e) => setLabel((e.target as HTMLInputElement).value)} />
            <p id={`${id}-label-hint`} class="hint">{t('org.access.labelHint')}</p>
          </div>
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy}>{t('org.access.mintOne')}</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      <p class="ok" role="status" aria-live="polite">{done}</p>
    </section>
  );
}

function PrintCards(props: { state: State }) {
  const cards = cardsFor(props.state.id);
  const { ref, print } = usePrint();
  return (
    <section class="card" aria-labelledby="org-h-print">
      <div class="row org-spread">
        <h3 id="org-h-print">{t('org.access.cards', { n: cards.length })}</h3>
        <div class="row">
          <button type="button" class="btn btn-primary" disabled={cards.length === 0} onClick={print}>
            {t('org.access.print')}
          </button>
          <button type="button" class="btn" disabled={cards.length === 0}
            onClick={() => { if (confirm(t('org.access.confirmForget'))) minted.value = { encuentro: props.state.id, cards: [] }; }}>
            {t('org.access.forget')}
          </button>
        </div>
      </div>
      <p class="hint">{t('org.access.cardsHint')}</p>
      <div ref={ref} class="org-cards">
        {cards.map((c) => <AccessCard key={c.code_id} card={c} />)}
      </div>
    </section>
  );
}

function CodesList(props: { state: State; codes: AccessCode[] | null; error: string | null; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);
  const id = useIds('codes');
  const wsNumber = (wid: string | null) => props.state.workshops.find((w) => w.id === wid)?.number;
  const personName = (pid: string | null) => props.state.participants.find((p) => p.id === pid)?.name;
  const codes = (props.codes ?? []).filter((c) => showRevoked || c.revoked_at == null);
  async function revoke(c: AccessCode) {
    if (!confirm(t('org.access.confirmRevoke', { label: c.label || t(`org.role.${c.role}`) }))) return;
    setError(null);
    try {
      await live.request({ type: 'access.revoke', code_id: c.code_id });
      props.onChanged();
    } catch (err) {
      setError(describeRefusal(localError(err)));
    }
  }
  return (
    <section class="card" aria-labelledby={`${id}-h`}>
      <div class="row org-spread">
        <h3 id={`${id}-h`}>{t('org.access.list')}</h3>
        <div class="row">
          <label class="org-check" for={`${id}-rev`}>
            <input id={`${id}-rev`} type="checkbox" checked={showRevoked}
              onChange={(e) => setShowRevoked((e.target as HTMLInputElement).checked)} />
            {t('org.access.showRevoked')}
          </label>
          <button type="button" class="btn" onClick={props.onChanged}>{t('org.chooser.reload')}</button>
        </div>
      </div>
      <p class="hint">{t('org.access.listHint')}</p>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      {error && <p class="error" role="alert">{error}</p>}
      {props.codes === null && !props.error && <p role="status">{t('common.loading')}</p>}
      {props.codes && (
        <div class="org-scroll">
          <table class="org-table">
            <caption class="visually-hidden">{t('org.access.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('org.access.role')}</th>
                <th scope="col">{t('org.access.workshop')}</th>
                <th scope="col">{t('org.access.label')}</th>
                <th scope="col">{t('org.access.created')}</th>
                <th scope="col">{t('org.reg.status')}</th>
                <th scope="col"><span class="visually-hidden">{t('org.access.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {codes.length === 0 && <tr><td colSpan={6}>{t('org.none')}</td></tr>}
              {codes.map((c) => {
                const n = wsNumber(c.workshop);
                const label = c.label || personName(c.participant) || '';
                return (
                  <tr key={c.code_id}>
                    <th scope="row">{t(`org.role.${c.role}`)}</th>
                    <td>{n != null ? t('common.workshop', { n }) : '—'}</td>
                    <td>{label}</td>
                    <td>{formatTime(c.created_at)}</td>
                    <td>{c.revoked_at != null ? t('org.access.revoked', { at: formatTime(c.revoked_at) }) : t('org.access.active')}</td>
                    <td>
                      {c.revoked_at == null && (
                        <button type="button" class="btn btn-danger"
                          aria-label={t('org.access.revokeNamed', { label: label || t(`org.role.${c.role}`), ws: n != null ? t('common.workshop', { n }) : '' })}
                          onClick={() => void revoke(c)}>
                          {t('org.access.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
