// The home / join page: it loads without errors, passes axe, refuses a wrong code with a
// readable message, and the organizer's one-time secret signs in.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { world, checkView, assertNoPageErrors, devices, timeouts } from './harness.mjs';

const TEST = 'home';
const w = world(TEST);

before(async () => {
  await w.start();
});
after(async () => {
  await w.stop();
});
afterEach(() => w.saveDiagnostics());

test('the home page loads, passes axe and is saved as a screenshot', { timeout: 60_000 }, async () => {
  const visitor = await w.person('visitor', devices.phone);
  await visitor.page.goto('/');
  await visitor.page.getByLabel('Código de acceso').waitFor();
  assert.equal(await visitor.page.locator('html').getAttribute('lang'), 'es');
  assert.ok(await visitor.page.getByRole('heading', { level: 1 }).isVisible());
  const report = await checkView(visitor.page, TEST, 'home');
  assert.equal(report, '', report);
  assertNoPageErrors(visitor);
});

test('a wrong code is refused with a message, on the join URL too', { timeout: 60_000 }, async () => {
  const visitor = await w.person('wrong-code', devices.phone);
  await visitor.page.goto('/');
  await visitor.page.getByLabel('Código de acceso').fill('ABCD-EFGH-JK');
  await visitor.page.getByRole('button', { name: 'Entrar' }).click();
  const alert = visitor.page.getByRole('alert');
  await alert.waitFor({ timeout: timeouts.action });
  assert.notEqual((await alert.textContent()).trim(), '');
  assert.equal(new URL(visitor.page.url()).pathname, '/');
  const report = await checkView(visitor.page, TEST, 'home-error');
  assert.equal(report, '', report);
  assertNoPageErrors(visitor);
});

test('the organizer signs in with the one-time secret', { timeout: 60_000 }, async () => {
  const organizer = await w.person('organizer', devices.laptop);
  await organizer.page.goto('/');
  await organizer.page.getByLabel('Código de acceso').fill(w.server.secret);
  await organizer.page.getByRole('button', { name: 'Entrar' }).click();
  await organizer.page.waitForURL('**/organizador**', { timeout: timeouts.navigation });
  assertNoPageErrors(organizer);
});

test('the organizer sign-in page passes axe and refuses a wrong key', { timeout: 60_000 }, async () => {
  const organizer = await w.person('organizer-signin', devices.laptop);
  // Any organizer address without a session shows the sign-in.
  await organizer.page.goto('/organizador/e-sin-sesion');
  await organizer.page.getByLabel('Clave de organizador o código de acceso').waitFor();
  const report = await checkView(organizer.page, TEST, 'organizer-signin');
  assert.equal(report, '', report);
  // The server's secret is one-time per database: the first test used it, so a wrong one here.
  await organizer.page.getByLabel('Clave de organizador o código de acceso').fill('ABCD-EFGH-JK');
  await organizer.page.getByRole('button', { name: 'Entrar' }).click();
  await organizer.page.getByRole('alert').waitFor();
  await checkView(organizer.page, TEST, 'organizer-signin-refused');
  assertNoPageErrors(organizer);
});
