// Pure selectors over the organizer's State: counts, the R3 obligation, search at the door,
// workshop mixes and move targets, R1's earliest date, and which sections matter in each phase.
import type {
  Accessibility,
  EncuentroDetails,
  Participant,
  PhaseOrUnknown,
  Registrant,
  State,
  ValueGroup,
  ValueGroupOrUnknown,
  Workshop,
} from '../../core/protocol';

/** Value groups in the order the UI lists them. */
export const VALUE_GROUPS: readonly ValueGroup[] = [
  'juventud',
  'mujeres',
  'victimas',
  'etnico',
  'discapacidad',
  'persona_mayor',
  'lgbtiq',
  'campesino',
  'organizacion',
  'ciudadania',
];

/** R4: no workshop ever holds more than this (the server may be configured lower). */
export const WORKSHOP_CAP = 30;
/** R1 default: days between publishing the convocation and the event. */
export const CONVOCATION_MIN_DAYS = 15;
/** R3 default: this many interpreter requests open the obligation. */
export const INTERPRETER_THRESHOLD = 10;
/** R2: the range the mechanism is designed for (outside: flagged, not refused). */
export const ATTENDANCE_MIN = 40;
export const ATTENDANCE_MAX = 1000;
/** The venue's offset from UTC (Colombia, no daylight saving). */
export const VENUE_UTC_OFFSET_MINUTES = -5 * 60;

export function needsInterpreter(n: Accessibility | null | undefined): boolean {
  return !!n && (n.lsc_interpreter || n.guide_interpreter);
}

// ---- dates (R1) -------------------------------------------------------------------------------

/** The venue's civil date ("YYYY-MM-DD") at instant `nowMs`. */
export function civilDate(nowMs: number, offsetMinutes = VENUE_UTC_OFFSET_MINUTES): string {
  return new Date(nowMs + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** `iso` plus `days` calendar days. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The first event date the convocation can be published for today (R1), as the server
 *  computes it: the venue's today plus the minimum days. */
export function earliestEventDate(nowMs: number, minDays = CONVOCATION_MIN_DAYS): string {
  return addDays(civilDate(nowMs), minDays);
}

/** R1 after publication: the date cannot move closer than publication + minimum days. */
export function earliestDateFor(
  state: Pick<State, 'convocation_published_on'>,
  nowMs: number,
  minDays = CONVOCATION_MIN_DAYS,
): string {
  return state.convocation_published_on
    ? addDays(state.convocation_published_on, minDays)
    : earliestEventDate(nowMs, minDays);
}

export function attendanceFlagged(expected: number): boolean {
  return expected < ATTENDANCE_MIN || expected > ATTENDANCE_MAX;
}

export function emptyDetails(date: string): EncuentroDetails {
  return {
    title: '',
    entities: [],
    objective: '',
    report_summary: '',
    methodology: '',
    venue: '',
    date,
    start_time: '08:00',
    end_time: '12:00',
    expected_attendance: 100,
  };
}

/** Plan completeness for the convocation (the server's plan_incomplete rule). */
export function planProblems(state: Pick<State, 'points'>): { noPoints: boolean; pointsWithoutQuestions: string[] } {
  return {
    noPoints: state.points.length === 0,
    pointsWithoutQuestions: state.points.filter((p) => p.questions.length === 0).map((p) => p.id),
  };
}

// ---- counts -------------------------------------------------------------------------------------

export interface Count<K extends string = string> {
  key: K;
  count: number;
}

/** Counts by value group, largest first (ties in the UI's order); zero groups left out. */
export function countByValueGroup(
  people: ReadonlyArray<{ value_group: ValueGroupOrUnknown }>,
): Count<ValueGroupOrUnknown>[] {
  const map = new Map<ValueGroupOrUnknown, number>();
  for (const p of people) map.set(p.value_group, (map.get(p.value_group) ?? 0) + 1);
  const order = (g: ValueGroupOrUnknown) => {
    const i = VALUE_GROUPS.indexOf(g as ValueGroup);
    return i < 0 ? VALUE_GROUPS.length : i;
  };
  return [...map.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || order(a.key) - order(b.key));
}

/** Counts by territory (trimmed, case-insensitive; the first spelling is kept), largest first. */
export function countByTerritory(people: ReadonlyArray<{ territory: string }>): Count[] {
  const map = new Map<string, Count>();
  for (const p of people) {
    const label = p.territory.trim() || '—';
    const k = fold(label);
    const c = map.get(k);
    if (c) c.count++;
    else map.set(k, { key: label, count: 1 });
  }
  return [...map.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, 'es'));
}

export interface Attendance {
  registered: number;
  registeredCheckedIn: number;
  walkIns: number;
  checkedIn: number;
}

export function attendance(state: Pick<State, 'registrants' | 'participants'>): Attendance {
  const registeredCheckedIn = state.registrants.filter((r) => r.participant_id).length;
  const walkIns = state.participants.filter((p) => !p.registrant_id).length;
  return {
    registered: state.registrants.length,
    registeredCheckedIn,
    walkIns,
    checkedIn: state.participants.length,
  };
}

// ---- R3: interpreters ---------------------------------------------------------------------------

export interface InterpreterNeed {
  lsc: number; // people asking for an LSC interpreter
  guide: number; // people asking for a guide-interpreter
  requests: number; // people asking for either (the server's count)
  needed: number; // interpreters needed: one per workshop those people fill (0 below threshold)
  recorded: number;
  obligationOpen: boolean; // the server's rule: requests >= threshold and none recorded
  short: boolean; // fewer recorded than needed
}

export function interpreterNeed(
  state: Pick<State, 'registrants' | 'participants' | 'interpreters'>,
  threshold = INTERPRETER_THRESHOLD,
  cap = WORKSHOP_CAP,
): InterpreterNeed {
  // Registrants who asked, plus walk-ins who asked at the door (as the server counts).
  const askers: Accessibility[] = [
    ...state.registrants.map((r) => r.needs),
    ...state.participants.filter((p) => !p.registrant_id).map((p) => p.needs),
  ].filter(needsInterpreter);
  const requests = askers.length;
  const lsc = askers.filter((n) => n.lsc_interpreter).length;
  const guide = askers.filter((n) => n.guide_interpreter).length;
  const needed = requests >= threshold ? Math.ceil(requests / cap) : 0;
  const recorded = state.interpreters.length;
  return {
    lsc,
    guide,
    requests,
    needed,
    recorded,
    obligationOpen: requests >= threshold && recorded === 0,
    short: recorded < needed,
  };
}

// ---- search at the door ---------------------------------------------------------------------------

/** Lowercase, accents removed, spaces collapsed: "  José  PÉREZ" → "jose perez". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Registration codes compared without dashes or spaces. */
function foldCode(s: string): string {
  return s.replace(/[\s-]/g, '').toUpperCase();
}

/** Registrants matching `query` by registration code (exact, ignoring dashes: first) or by every
 *  word of the name; not-yet-arrived people before those already checked in. */
export function searchRegistrants(registrants: readonly Registrant[], query: string, limit = 20): Registrant[] {
  const q = fold(query);
  if (!q) return [];
  const code = foldCode(query);
  const words = q.split(' ');
  const exact: Registrant[] = [];
  const byName: Registrant[] = [];
  for (const r of registrants) {
    if (code.length >= 3 && foldCode(r.code) === code) exact.push(r);
    else if (code.length >= 3 && foldCode(r.code).startsWith(code)) byName.push(r);
    else {
      const name = fold(r.name);
      if (words.every((w) => name.includes(w))) byName.push(r);
    }
  }
  const rank = (r: Registrant) => (r.participant_id ? 1 : 0);
  byName.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'es'));
  return [...exact, ...byName].slice(0, limit);
}

/** The participant a walk-in became: the newest walk-in with that name (the event arrives before
 *  the ack on the sending connection). */
export function findWalkIn(participants: readonly Participant[], name: string): Participant | null {
  const n = fold(name);
  let best: Participant | null = null;
  for (const p of participants) {
    if (p.registrant_id || fold(p.name) !== n) continue;
    if (!best || p.checked_in_at >= best.checked_in_at) best = p;
  }
  return best;
}

// ---- workshops ----------------------------------------------------------------------------------

export interface WorkshopSummary {
  workshop: Workshop;
  size: number;
  mix: Count<ValueGroupOrUnknown>[];
  territories: number;
  interpreterUsers: number;
  interpreterName: string | null;
  missingFacilitator: boolean;
  missingRelator: boolean;
  missingServant: boolean;
  overCap: boolean;
  /** Interpreter users here but no interpreter assigned (R3). */
  interpreterMissing: boolean;
}

export function workshopSummaries(
  state: Pick<State, 'workshops' | 'participants' | 'interpreters'>,
  cap = WORKSHOP_CAP,
): WorkshopSummary[] {
  const byId = new Map(state.participants.map((p) => [p.id, p]));
  return [...state.workshops]
    .sort((a, b) => a.number - b.number)
    .map((w) => {
      const members = w.members.map((id) => byId.get(id)).filter((p): p is Participant => !!p);
      const interpreterUsers = members.filter((p) => needsInterpreter(p.needs)).length;
      const interpreter = state.interpreters.find((i) => i.id === w.interpreter_id) ?? null;
      return {
        workshop: w,
        size: w.members.length,
        mix: countByValueGroup(members),
        territories: countByTerritory(members).length,
        interpreterUsers,
        interpreterName: interpreter?.name ?? null,
        missingFacilitator: !w.facilitator,
        missingRelator: !w.relator,
        missingServant: w.servants.length === 0,
        overCap: w.members.length > cap,
        interpreterMissing: interpreterUsers > 0 && !w.interpreter_id,
      };
    });
}

/** Workshops a participant may be moved to: not the one they sit in, and below the cap (R4). */
export function moveTargets(
  workshops: readonly Workshop[],
  participant: Pick<Participant, 'workshop_id'>,
  cap = WORKSHOP_CAP,
): Workshop[] {
  return workshops
    .filter((w) => w.id !== participant.workshop_id && w.members.length < cap)
    .sort((a, b) => a.number - b.number);
}

/** Participants who checked in but sit in no workshop (before forming). */
export function unplaced(participants: readonly Participant[]): Participant[] {
  return participants.filter((p) => !p.workshop_id);
}

// ---- navigation ---------------------------------------------------------------------------------

export type Section =
  | 'plan'
  | 'inscripciones'
  | 'acreditacion'
  | 'talleres'
  | 'accesos'
  | 'fases'
  | 'plenaria'
  | 'respuestas'
  | 'veeduria'
  | 'datos';

export const SECTIONS: readonly Section[] = [
  'plan',
  'inscripciones',
  'acreditacion',
  'talleres',
  'accesos',
  'fases',
  'plenaria',
  'respuestas',
  'veeduria',
  'datos',
];

/** The sections the navigation lists in a phase: the veeduría (citizens' observations on
 *  commitments) exists once the results are published. */
export function navSections(phase: PhaseOrUnknown): Section[] {
  const published = phase === 'published' || phase === 'follow_up' || phase === 'closed';
  return SECTIONS.filter((s) => s !== 'veeduria' || published);
}

/** The sections that matter in a phase (the navigation marks them). */
export function sectionsFor(phase: PhaseOrUnknown): Section[] {
  switch (phase) {
    case 'draft':
      return ['plan', 'accesos'];
    case 'convened':
      return ['plan', 'inscripciones', 'acreditacion', 'talleres', 'accesos', 'fases'];
    case 'opening':
      return ['acreditacion', 'talleres', 'accesos', 'fases'];
    case 'workshops':
      return ['acreditacion', 'talleres', 'fases'];
    case 'plenary':
      return ['plenaria', 'fases'];
    case 'commitments':
      return ['respuestas', 'fases'];
    case 'published':
    case 'follow_up':
      return ['veeduria', 'respuestas', 'datos', 'fases'];
    case 'closed':
      return ['respuestas', 'datos', 'fases'];
    default:
      return [];
  }
}

/** The section to open when none is named in the URL. */
export function defaultSection(phase: PhaseOrUnknown): Section {
  return sectionsFor(phase)[0] ?? 'plan';
}

export function isSection(s: string | undefined): s is Section {
  return !!s && (SECTIONS as readonly string[]).includes(s);
}
