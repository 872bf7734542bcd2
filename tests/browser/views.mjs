// What a person does on each view, by accessible names (the Spanish strings of
// client-web/src/i18n/*.ts). One place to update when a label changes.
import { timeouts } from './harness.mjs';

// ---- relator (client-web/src/views/relator) ----------------------------------------------------

export async function relatorReady(page) {
  await page.getByLabel('Texto del aporte').waitFor({ timeout: timeouts.navigation });
}

/** Captures a contribution with the relator's form (kind by its radio label). */
export async function capture(page, { text, kind = 'Propuesta', author = '' }) {
  // The checked option's name starts with a CSS "✓ " (::before content).
  await page.getByRole('radio', { name: new RegExp(`^(✓ )?${kind}$`) }).check();
  await page.getByLabel('Texto del aporte').fill(text);
  if (author) await page.getByLabel('Autor/a (opcional)').fill(author);
  await page.getByRole('button', { name: 'Registrar aporte' }).click();
  // The form clears at once (the outbox holds it).
  await page.waitForFunction(
    () => document.querySelector('#ws-cap-text')?.value === '',
    null,
    { timeout: timeouts.action },
  );
}

/** Accepts a citizen's pending proposal (its button's name ends with an excerpt of the text). */
export async function acceptProposal(page, text) {
  const card = page.locator('article', { hasText: text }).filter({ has: page.getByRole('button', { name: /^Aceptar/ }) });
  await card.getByRole('button', { name: /^Aceptar/ }).click();
}

// ---- citizen (client-web/src/views/citizen) ----------------------------------------------------

/** A citizen's phone: the encuentro's public code (join URL), then the registration code. */
export async function citizenJoin(person, publicCode, registrationCode) {
  const { page } = person;
  await page.goto(`/unirse?codigo=${encodeURIComponent(publicCode)}`);
  await page.waitForURL((url) => url.pathname.startsWith('/ciudadano'), { timeout: timeouts.navigation });
  await page.getByLabel('Código de inscripción').fill(registrationCode);
  await page.getByRole('button', { name: 'Vincular' }).click();
  await page.getByRole('heading', { name: 'Pedir la palabra' }).or(page.getByText(/Usted está en el taller/))
    .first().waitFor({ timeout: timeouts.navigation });
}

export async function citizenPropose(page, text) {
  await page.getByLabel('Su propuesta').fill(text);
  await page.getByRole('button', { name: 'Enviar propuesta' }).click();
  await page.getByText('Propuesta enviada.', { exact: false }).waitFor();
}
