// Display formats of the portal (dates, numbers) in the interface language.
import { lang } from '../../i18n';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "17 jul 2026" / "17 Jul 2026" from "YYYY-MM-DD" (a civil date: no time zone shift). */
export function fmtDate(date: string | null | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const locale = lang.value === 'en' ? 'en-GB' : 'es-CO';
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(locale, f);
  }
  return f.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** A number with the language's decimal separator (e.g. 3,95). */
export function fmtNumber(n: number, digits = 0): string {
  return n.toLocaleString(lang.value === 'en' ? 'en-GB' : 'es-CO', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
