// Accreditation at the door, keyboard first: type a name or a registration code (or scan the QR
// of a registration with a reader that types it), Enter checks in the first person not yet in.
import { useMemo, useRef, useState } from 'preact/hooks';
import { live } from '../../core/live';
import type { Participant, Registrant, State, ValueGroup } from '../../core/protocol';
import { t } from '../../i18n';
import {
  AccessCard,
  describeRefusal,
  localError,
  Refusal,
  useCommand,
  useIds,
  usePrint,
  vgLabel,
  type PrintableCard,
} from './common';
import { emptyPerson, PersonFields, type PersonDraft } from './person-fields';
import { attendance, countByTerritory, findWalkIn, searchRegistrants } from './selectors';

export function DoorSection() {
  const state = live.state.value;
  if (!state) return null;
  const open = state.phase === 'convened' || state.phase === 'opening' || state.phase === 'workshops';
  return (
    <section aria-labelledby="org-h-door">
      <h2 id="org-h-door">{t('org.nav.acreditacion')}</h2>
      <DoorCounts state={state} />
      {!open && <p class="hint">{t('org.door.closed')}</p>}
      {open && <SearchCheckIn state={state} />}
      {open && <WalkIn state={state} />}
    </section>
  );
}

function DoorCounts(props: { state: State }) {
  const a = attendance(props.state);
  return (
    <div class="card org-counts" role="status" aria-live="polite">
      <p><span class="org-big">{a.registeredCheckedIn}</span> {t('org.door.ofRegistered', { n: a.registered })}</p>
      <p><span class="org-big">{a.walkIns}</span> {t('org.door.walkIns')}</p>
      <p><span class="org-big">{a.checkedIn}</span> {t('org.door.total')}</p>
    </div>
  );
}

function workshopText(state: State, p: Participant | undefined): string {
  if (!p?.workshop_id) return t('org.door.noWorkshopYet');
  const w = state.workshops.find((x) => x.id === p.workshop_id);
  return w ? t('common.workshop', { n: w.number }) : '';
}

function SearchCheckIn(props: { state: State }) {
  const s = props.state;
  const id = useIds('door');
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const [error, setError] = useState<string | null>(null);
  const results = useMemo(() => searchRegistrants(s.registrants, query), [s.registrants, query]);

  async function checkIn(r: Registrant) {
    if (busy) return;
    setBusy(r.id);
    setError(null);
    try {
      const result = await live.send('checkin.registered', { registrant_id: r.id });
      if (!result.ok) {
        setError(`${r.name}: ${describeRefusal(result.error)}`);
      } else {
        const st = live.state.value;
        const reg = st?.registrants.find((x) => x.id === r.id);
        const p = st?.participants.find((x) => x.id === reg?.participant_id);
        setAnnounce(t('org.door.checkedIn', { name: r.name, workshop: st ? workshopText(st, p) : '' }));
        setQuery('');
      }
    } catch (err) {
      setError(describeRefusal(localError(err)));
    } finally {
      setBusy(null);
      input.current?.focus();
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter') {
      e.preventDefault();
      const first = results.find((r) => !r.participant_id);
      if (first) void checkIn(first);
    } else if (e.key === 'Escape') {
      setQuery('');
    }
  }

  return (
    <section class="card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('org.door.registered')}</h3>
      <label for={`${id}-q`}>{t('org.door.search')}</label>
      <input id={`${id}-q`} ref={input} type="search" class="input org-search" value={query} autoFocus
        autoComplete="off" spellcheck={false} aria-describedby={`${id}-hint`} aria-controls={`${id}-results`}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)} onKeyDown={onKeyDown} />
      <p id={`${id}-hint`} class="hint">{t('org.door.searchHint')}</p>
      <p class="ok org-announce" role="status" aria-live="polite">{announce}</p>
      {error && <p class="error" role="alert">{error}</p>}
      <ul id={`${id}-results`} class="list org-results" aria-label={t('org.door.results')}>
        {query.trim() && results.length === 0 && <li>{t('org.door.noResults')}</li>}
        {results.map((r, i) => {
          const p = r.participant_id ? s.participants.find((x) => x.id === r.participant_id) : undefined;
          const firstOpen = !r.participant_id && results.findIndex((x) => !x.participant_id) === i;
          return (
            <li key={r.id} class={`row org-spread${firstOpen ? ' org-first' : ''}`}>
              <div>
                <strong>{r.name}</strong> <span class="org-mono">{r.code}</span>
                <p class="hint">{r.territory} · {vgLabel(r.value_group)}{r.organisation && ` · ${r.organisation}`}</p>
              </div>
              {r.participant_id ? (
                <span class="badge">{t('org.door.alreadyIn', { workshop: workshopText(s, p) })}</span>
              ) : (
                <button type="button" class="btn btn-primary" disabled={!!busy}
                  aria-label={t('org.door.checkInNamed', { name: r.name })}
                  onClick={() => void checkIn(r)}>
                  {t('org.door.checkIn')}
                  {firstOpen && <kbd class="org-kbd" aria-hidden="true">Enter</kbd>}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function WalkIn(props: { state: State }) {
  const s = props.state;
  const id = useIds('walk');
  const cmd = useCommand();
  const [p, setP] = useState<PersonDraft>(emptyPerson);
  const [last, setLast] = useState<Participant | null>(null);
  const territories = useMemo(
    () => countByTerritory([...s.registrants, ...s.participants]).map((c) => c.key),
    [s.registrants, s.participants],
  );
  return (
    <section class="card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('org.door.walkIn')}</h3>
      <form onSubmit={async (e) => {
        e.preventDefault();
        const name = p.name.trim();
        const ok = await cmd.run('checkin.walk_in', {
          name,
          territory: p.territory.trim(),
          value_group: p.value_group as ValueGroup,
          needs: { ...p.needs, other: p.needs.other.trim() },
          data_consent: p.consent,
        });
        if (ok) {
          setLast(findWalkIn(live.state.value?.participants ?? [], name));
          setP(emptyPerson());
        }
      }}>
        <PersonFields id={id} value={p} onChange={setP} territories={territories} full={false} />
        <Refusal error={cmd.error} />
        <button type="submit" class="btn btn-primary" disabled={cmd.busy}>{t('org.door.walkInSubmit')}</button>
      </form>
      {last && <PersonalCard key={last.id} participant={last} state={s} />}
    </section>
  );
}

/** After a walk-in: their own citizen code, printed on a card (shown once by the server). */
function PersonalCard(props: { participant: Participant; state: State }) {
  const p = props.participant;
  const [card, setCard] = useState<PrintableCard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { ref, print } = usePrint();
  const w = props.state.workshops.find((x) => x.id === p.workshop_id);

  async function mint() {
    setBusy(true);
    setError(null);
    try {
      const m = await live.request<{ code_id: string; code: string; join_path: string; role: string; label: string }>({
        type: 'access.mint',
        role: 'citizen',
        participant: p.id,
        label: p.name,
      });
      setCard({ code_id: m.code_id, code: m.code, join_path: m.join_path, role: 'citizen', workshopNumber: w?.number ?? null, label: m.label, name: p.name });
    } catch (err) {
      setError(describeRefusal(localError(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="org-walkin-done" aria-live="polite">
      <p class="ok">{t('org.door.walkInDone', { name: p.name, workshop: workshopText(props.state, p) })}</p>
      {!card && (
        <button type="button" class="btn" disabled={busy} onClick={() => void mint()}>
          {t('org.door.personalCard')}
        </button>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      {card && (
        <>
          <p class="hint">{t('org.access.shownOnce')}</p>
          <div ref={ref} class="org-cards">
            <AccessCard card={card} />
          </div>
          <button type="button" class="btn btn-primary" onClick={print}>{t('org.door.printCard')}</button>
        </>
      )}
    </div>
  );
}
