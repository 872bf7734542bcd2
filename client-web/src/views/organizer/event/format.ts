// Dates and times as the organizer reads them: the venue's clock (Colombia, UTC−5), the
// interface language's format.
import { lang } from '../../../i18n';

const TIME_ZONE = 'America/Bogota';

function locale(): string {
  return lang.value === 'es' ? 'es-CO' : 'en-GB';
}

/** "18 jul 2026, 8:40" for an instant in ms. */
export function formatInstant(ms: number): string {
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(ms));
}

/** "15 sept 2026" for a civil date "YYYY-MM-DD" (no time zone shift). */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}
