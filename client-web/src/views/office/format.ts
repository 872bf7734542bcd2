// Dates as the office reads them: civil dates as they are (no time zone shift), instants in
// Bogotá time, in the interface language.
import { lang } from '../../i18n';

function locale(): string {
  return lang.value === 'es' ? 'es-CO' : 'en-GB';
}

/** "15 sept 2026" for a civil date "YYYY-MM-DD". */
export function fmtDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** "18 jul 2026, 8:40" for an instant in ms, in Bogotá. */
export function fmtInstant(ms: number): string {
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'America/Bogota',
  }).format(new Date(ms));
}
