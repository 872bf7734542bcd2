// When an observation arrived or was answered, in Bogotá time and the interface language.
import { lang } from '../../i18n';

export function fmtWhen(ms: number): string {
  return new Intl.DateTimeFormat(lang.value === 'en' ? 'en-GB' : 'es-CO', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'America/Bogota',
  }).format(new Date(ms));
}
