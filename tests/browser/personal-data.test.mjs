// Ley 1581 de 2012 through the UI, on the demo: before publication the erasure of personal data
// is not offered (e-itagui-instancias, convened); on the published encuentro (e-cascajal-2026)
// the organizer opens the confirmation, which says what is erased and what is kept, cancels,
// then erases. The registrations screen shows no names nor codes any more, the organizer's state
// holds none, the erasure date stays in view, and the portal's attendance aggregates (by value
// group and territory) are exactly what they were. Axe and screenshots.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  world, devices, timeouts, waitFor, assertNoPageErrors, checkView, SoftFailures, joinByTyping, waitConnection,
  liveState, request, ProtocolClient, scenario,
} from './harness.mjs';

const TEST = 'personal-data';
const ID = 'e-cascajal-2026';
const UNPUBLISHED = 'e-itagui-instancias';
const w = world(TEST);
const a11y = new SoftFailures();
const s = {};
const step = scenario(w, TEST, { timeout: 60_000 });

async function view(person, name) {
  a11y.add(await checkView(person.page, TEST, name));
}

async function attendance(page) {
  const res = await page.request.get(`/api/public/encuentros/${ID}`);
  assert.equal(res.status(), 200);
  return (await res.json()).attendance;
}

before(async () => {
  await w.start({ demo: true });
});
after(async () => {
  await w.stop();
});
afterEach(() => w.saveDiagnostics());

step('the organizer signs in; before publication the erasure is not offered', async () => {
  s.org = await w.person('organizer', devices.laptop);
  const { page } = s.org;
  await joinByTyping(s.org, w.server.secret, '/organizador');
  await page.goto(`/organizador/${UNPUBLISHED}/datos`);
  await waitConnection(page, 'online');
  const button = page.getByRole('button', { name: 'Borrar datos personales de los inscritos' });
  await button.waitFor({ timeout: timeouts.navigation });
  assert.equal(await button.isDisabled(), true, 'disabled before publication');
  await page.getByText('Se pueden borrar desde que los resultados están publicados.').waitFor();
  await view(s.org, 'organizer-personal-data-before-publication');
});

step('the published encuentro has registrants with names and codes; the portal has its totals', async () => {
  const { page } = s.org;
  await page.goto(`/organizador/${ID}/inscripciones`);
  await waitFor('the encuentro followed', async () => (await liveState(page))?.id === ID, timeouts.navigation);
  const state = await liveState(page);
  s.names = state.registrants.map((r) => r.name).filter(Boolean);
  s.codes = state.registrants.map((r) => r.code).filter(Boolean);
  assert.ok(s.names.length > 0, 'the demo has registrant names');
  await page.getByRole('row', { name: new RegExp(s.names[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().waitFor();
  s.attendance = await attendance(page);
  assert.ok(s.attendance.total > 0);
  s.visitor = await w.person('visitor', devices.phone);
  await s.visitor.page.goto(`/publico/${ID}`);
  s.byGroup = await s.visitor.page.getByRole('table', { name: 'Asistencia por grupo de valor' }).innerText();
  s.byTerritory = await s.visitor.page.getByRole('table', { name: 'Asistencia por territorio' }).innerText();
});

step('the confirmation says what is erased and what is kept; cancelling changes nothing', async () => {
  const { page } = s.org;
  await page.getByRole('navigation', { name: 'Secciones del encuentro' }).getByRole('link', { name: /Datos personales/ }).click();
  await waitFor('the personal data section', () => new URL(page.url()).pathname === `/organizador/${ID}/datos`);
  const button = page.getByRole('button', { name: 'Borrar datos personales de los inscritos' });
  assert.equal(await button.isDisabled(), false);
  await button.click();
  const dialog = page.getByRole('dialog', { name: '¿Borrar los datos personales?' });
  await dialog.waitFor();
  await dialog.getByText(/nombre, contacto, organización, código de inscripción y necesidades de accesibilidad/).waitFor();
  await dialog.getByText(/los totales de asistencia por territorio y por grupo de valor no cambian/).waitFor();
  await dialog.getByText('No se puede deshacer.').waitFor();
  await view(s.org, 'organizer-personal-data-confirm');
  await dialog.getByRole('button', { name: 'Cancelar' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await liveState(page)).registrants.filter((r) => r.name).length, s.names.length);
  assert.deepEqual(s.org.dialogs, [], 'the page\'s own dialog, not window.confirm');
});

step('the organizer erases the personal data; the date stays in view', async () => {
  const { page } = s.org;
  await page.getByRole('button', { name: 'Borrar datos personales de los inscritos' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sí, borrar los datos personales' }).click();
  await page.getByText(/Los datos personales se borraron el/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Borrar datos personales de los inscritos' }).count(), 0);
  const state = await liveState(page);
  assert.ok(state.personal_data_erased_at > 0);
  for (const r of state.registrants) {
    assert.deepEqual([r.name, r.contact, r.organisation, r.code], ['', '', '', ''], r.id);
    assert.deepEqual(r.needs, { lsc_interpreter: false, guide_interpreter: false, other: '' }, r.id);
    assert.ok(r.territory && r.value_group, `${r.id} keeps territory and value group`);
  }
  for (const p of state.participants) assert.equal(p.name, '', p.id);
  await view(s.org, 'organizer-personal-data-erased');
  // The server's own state (a fresh snapshot, on another connection) agrees. The one-time secret
  // is spent: that connection comes in with an organizer code minted here.
  const minted = await request(page, { type: 'access.mint', role: 'organizer', workshop: null, participant: null, label: 'Comprobación' });
  const org = await ProtocolClient.open(w, 'organizer-protocol');
  await org.hello({ code: minted.code, encuentro: ID });
  const fresh = await org.state(ID);
  assert.equal(fresh.personal_data_erased_at, state.personal_data_erased_at);
  assert.equal(fresh.registrants.filter((r) => r.name || r.code || r.contact).length, 0);
});

step('the registrations screen shows no names nor codes', async () => {
  const { page } = s.org;
  await page.getByRole('navigation', { name: 'Secciones del encuentro' }).getByRole('link', { name: /Inscripciones/ }).click();
  await page.getByText(/Los datos personales de las inscripciones se borraron el/).waitFor();
  const text = await page.locator('main').innerText();
  assert.deepEqual(s.names.filter((n) => text.includes(n)), [], 'no registrant name');
  assert.deepEqual(s.codes.filter((c) => text.includes(c)), [], 'no registration code');
  await page.getByText('Dato borrado').first().waitFor();
  await view(s.org, 'organizer-registrations-erased');
  // After a reload too (the cached state is the erased one).
  await page.reload();
  await page.getByText(/Los datos personales de las inscripciones se borraron el/).waitFor({ timeout: timeouts.navigation });
  const again = await page.locator('main').innerText();
  assert.deepEqual(s.names.filter((n) => again.includes(n)), []);
});

step("the portal's attendance aggregates are unchanged", async () => {
  assert.deepEqual(await attendance(s.visitor.page), s.attendance);
  const { page } = s.visitor;
  await page.reload();
  await page.getByRole('table', { name: 'Asistencia por grupo de valor' }).waitFor();
  assert.equal(await page.getByRole('table', { name: 'Asistencia por grupo de valor' }).innerText(), s.byGroup);
  assert.equal(await page.getByRole('table', { name: 'Asistencia por territorio' }).innerText(), s.byTerritory);
  assertNoPageErrors(s.org, s.visitor);
});

test('no serious or critical axe violation on the personal data views', () => {
  a11y.assert();
});
