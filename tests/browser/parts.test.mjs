// A commitment's progress in parts, and the calendar, against the demo's encuentro in follow-up
// (e-cascajal-2026, whose commitment k3 has three parts: 100 %, 40 % and nothing yet, so 47 %):
// the office sees each part and the commitment at their average, reports on part 3 (the form
// insists on a part), and the public API, the portal's commitment page and the memoria show the
// new average ((100 + 40 + 60) / 3 = 67 %, never the sum) and the parts; the portal's commitments
// filter by territory (kept in the URL); the organizer adds a part in a revision (the parts in
// force cannot be removed; a commitment reported on as a whole gets none) and the average follows
// (50 %). Last, a commitment turns overdue by the clock alone: the office's browser clock moves
// past its due date, no event comes from the server, and the overdue mark appears.
// Expectations come from the public API, so the test does not depend on the day it runs.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  world,
  devices,
  timeouts,
  waitFor,
  assertNoPageErrors,
  artifactsFor,
  checkView,
  SoftFailures,
  ProtocolClient,
  joinByCode,
  joinByTyping,
  waitConnection,
  scenario,
} from './harness.mjs';

const TEST = 'parts';
const ID = 'e-cascajal-2026';
const K = 'k3';
const BARRIO = 'Barrio Pueblo Nuevo';
const w = world(TEST);
const a11y = new SoftFailures();
const s = {};
const step = scenario(w, TEST, { timeout: 90_000 });

async function view(person, name) {
  a11y.add(await checkView(person.page, TEST, name));
}

async function publicView(page) {
  const res = await page.request.get(`/api/public/encuentros/${ID}`);
  assert.equal(res.status(), 200);
  return res.json();
}

const pathOf = (page) => new URL(page.url()).pathname;
const queryOf = (page) => new URL(page.url()).searchParams;

/** "YYYY-MM-DD" one day after a civil date. */
function dayAfter(date) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The percents the office card shows for each part, in order. */
async function officeParts(card) {
  return card.locator('[data-parts] [data-part]').evaluateAll((els) =>
    els.map((e) => ({ part: Number(e.dataset.part), status: e.dataset.status, text: e.textContent })));
}

before(async () => {
  await w.start({ demo: true });
});
after(async () => {
  await w.stop();
});
afterEach(() => w.saveDiagnostics());

step('the demo has a commitment in three parts at their average (47 %), with territories', async () => {
  const org = await ProtocolClient.open(w, 'organizer-protocol');
  await org.hello({ code: w.server.secret, encuentro: ID });
  s.code = (await org.mint('office', { label: 'Oficina de Participación' })).code;
  // The server's secret is one-time: the organizer's browser comes in with a code of its own.
  s.organizerCode = (await org.mint('organizer', { label: 'Organizador' })).code;
  s.api = await publicView(org.page);
  s.k = s.api.commitments.find((c) => c.id === K);
  assert.ok(s.k, 'the demo has k3');
  assert.deepEqual(s.k.terms.parts, ['Convocatoria', 'Jornadas en los barrios', 'Informe público']);
  assert.deepEqual(s.k.parts.map((p) => [p.part, p.percent, p.status]),
    [[1, 100, 'cumplido'], [2, 40, 'en_ejecucion'], [3, 0, 'pendiente']]);
  assert.equal(s.k.percent, 47, 'the average of 100, 40 and 0, rounded');
  assert.equal(s.k.status, 'en_ejecucion');
  assert.equal(s.k.terms.territory, BARRIO);
  s.territories = [...new Set(s.api.commitments.map((c) => c.terms.territory).filter(Boolean))].sort();
  assert.ok(s.territories.length >= 2, 'the demo names two territories');
});

step('the office sees each part with its state and the commitment at their average', async () => {
  s.office = await w.person('office', devices.tablet);
  const { page } = s.office;
  await joinByCode(s.office, s.code, '/oficina');
  await waitConnection(page, 'online');
  const card = page.locator(`[data-commitment="${K}"]`);
  await card.waitFor({ timeout: timeouts.navigation });
  assert.equal(await card.getAttribute('data-status'), 'en_ejecucion');
  assert.match(await card.locator('.of-state').textContent(), /47 % de avance/);
  await card.getByText('El avance del compromiso es el promedio de sus 3 partes: 47 %.').waitFor();
  const parts = await officeParts(card);
  assert.deepEqual(parts.map((p) => [p.part, p.status]), [[1, 'cumplido'], [2, 'en_ejecucion'], [3, 'pendiente']]);
  assert.match(parts[0].text, /Convocatoria.*100 % de avance/);
  assert.match(parts[1].text, /Jornadas en los barrios.*40 % de avance/);
  assert.match(parts[2].text, /Informe público.*0 % de avance.*sin reportes/);
  // The terms in force (the versions below list theirs too).
  assert.equal((await card.locator(':scope > .of-terms [data-term="territory"]').textContent()).trim(), BARRIO);
  // Each report says which part it is on.
  for (const r of s.k.reports)
    await card.locator(`[data-report="${r.id}"]`).getByText(`Parte ${r.part}: ${s.k.terms.parts[r.part - 1]}`).waitFor();
  // A commitment without parts says where it applies, or the whole territory.
  const plain = s.api.commitments.find((c) => !c.parts.length);
  assert.equal((await page.locator(`[data-commitment="${plain.id}"] > .of-terms [data-term="territory"]`).textContent()).trim(),
    plain.terms.territory || 'Todo el territorio de la entidad');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: join(artifactsFor(TEST), 'office-card-parts.png'), animations: 'disabled' });
  await view(s.office, 'office-parts');
});

step('the office reports on part 3: the form insists on a part, and the average follows (67 %)', async () => {
  const { page } = s.office;
  const card = page.locator(`[data-commitment="${K}"]`);
  await card.getByRole('button', { name: /^Reportar avance/ }).click();
  const form = card.locator(`[data-report-form="${K}"]`);
  await form.waitFor();
  // The part comes first, and has the focus.
  assert.equal(await page.evaluate(() => document.activeElement?.id), `of-f-${K}-part`);
  await form.getByRole('button', { name: 'Enviar reporte' }).click();
  await form.getByText('Elija la parte del compromiso sobre la que reporta.').waitFor();
  assert.equal(await form.getByLabel('Parte del compromiso').getAttribute('aria-invalid'), 'true');
  await view(s.office, 'office-parts-form-invalid');
  await form.getByLabel('Parte del compromiso').selectOption('3');
  // The draft starts from the part's own state.
  assert.equal(await form.getByLabel('Porcentaje de avance (0 a 100)').inputValue(), '0');
  s.note = `Informe público en redacción ${Date.now()}.`;
  await form.getByLabel('Porcentaje de avance (0 a 100)').fill('60');
  await form.getByLabel('Estado', { exact: true }).selectOption({ label: 'En ejecución' });
  await form.getByLabel('Nota (opcional)').fill(s.note);
  await form.getByRole('button', { name: 'Enviar reporte' }).click();
  await form.locator('[data-report-done]').getByText(/Reporte registrado: parte 3 al 60 %/).waitFor();
  await waitFor('the report in the history', async () =>
    (await card.locator('[data-report]').count()) === s.k.reports.length + 1);
  const newest = card.locator('[data-report]').first();
  await newest.getByText(s.note).waitFor();
  await newest.getByText('Parte 3: Informe público').waitFor();
  s.reportId = await newest.getAttribute('data-report');
  await waitFor('67 % on the card', async () => /67 % de avance/.test(await card.locator('.of-state').textContent()));
  const parts = await officeParts(card);
  assert.deepEqual(parts.map((p) => [p.part, p.status]), [[1, 'cumplido'], [2, 'en_ejecucion'], [3, 'en_ejecucion']]);
  assert.match(parts[2].text, /60 % de avance/);
  await card.getByText('El avance del compromiso es el promedio de sus 3 partes: 67 %.').waitFor();
  // The next report starts on the same part.
  assert.equal(await form.getByLabel('Parte del compromiso').inputValue(), '3');
  await card.getByRole('button', { name: 'Cancelar' }).click();
  assertNoPageErrors(s.office);
});

step('the public API and the open data show the part, the parts and the average', async () => {
  const { page } = s.office;
  const api = await publicView(page);
  const k = api.commitments.find((c) => c.id === K);
  assert.equal(k.percent, 67, '(100 + 40 + 60) / 3, rounded: the average, not the sum');
  assert.equal(k.status, 'en_ejecucion');
  assert.deepEqual(k.parts.map((p) => p.percent), [100, 40, 60]);
  const r = k.reports.find((x) => x.id === s.reportId);
  assert.equal(r.part, 3);
  assert.equal(r.note, s.note);
  assert.equal(k.latest_report.id, s.reportId);
  const json = await page.request.get(`/api/public/encuentros/${ID}/commitments.json`);
  assert.equal(json.status(), 200);
  const row = (await json.json()).find((x) => x.id === K);
  assert.equal(row.territorio, BARRIO);
  assert.equal(row.partes, 3);
  assert.equal(row.avance_pct, 67);
  const progress = await page.request.get(`/api/public/encuentros/${ID}/progress.json`);
  assert.equal(progress.status(), 200);
  const reported = (await progress.json()).find((x) => x.id === s.reportId);
  assert.equal(reported.parte, 3);
  assert.equal(reported.avance_pct, 60);
});

step("the portal's commitment page shows the territory, each part's progress and the average", async () => {
  s.visitor = await w.person('visitor', devices.phone);
  const { page } = s.visitor;
  await page.goto(`/publico/${ID}/compromisos/${K}`);
  await page.getByRole('heading', { level: 1, name: s.k.terms.what }).waitFor();
  const state = page.locator('.pt-state-big');
  await state.getByText('67 % de avance').waitFor();
  const parts = page.locator(`[data-parts="${K}"]`);
  await parts.getByRole('heading', { name: 'Avance por partes' }).waitFor();
  await parts.getByText('Este compromiso tiene 3 partes: su avance (67 %) es el promedio del avance de sus partes.').waitFor();
  assert.deepEqual(await parts.locator('[data-part]').evaluateAll((els) => els.map((e) => [e.dataset.percent, e.dataset.status])),
    [['100', 'cumplido'], ['40', 'en_ejecucion'], ['60', 'en_ejecucion']]);
  for (const what of s.k.terms.parts) await parts.getByText(what).waitFor();
  assert.equal((await page.locator('.card [data-term="territory"]').first().textContent()).trim(), BARRIO);
  await page.locator(`[data-report="${s.reportId}"]`).getByText('Parte 3: Informe público').waitFor();
  await page.locator(`[data-report="${s.reportId}"]`).getByText(s.note).waitFor();
  // The chart follows the average (one point per date), not each part's figure.
  await page.getByText('Con partes, la línea muestra en cada fecha el promedio del avance de las partes.').waitFor();
  await page.getByRole('img', { name: /Porcentaje de avance según los reportes/ }).waitFor();
  await page.locator('section[aria-labelledby="pt-current"]').screenshot({
    path: join(artifactsFor(TEST), 'portal-commitment-parts-card.png'), animations: 'disabled',
  });
  await view(s.visitor, 'portal-commitment-parts');
});

step("the portal's commitments filter by territory, kept in the URL", async () => {
  const { page } = s.visitor;
  const api = await publicView(page);
  await page.goto(`/publico/${ID}`);
  const ids = () => page.locator('[data-commitment]').evaluateAll((els) => els.map((e) => e.dataset.commitment));
  await waitFor('every commitment', async () => (await ids()).length === api.commitments.length, timeouts.navigation);
  const filter = page.getByLabel('Territorio', { exact: true });
  assert.deepEqual(await filter.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean)), s.territories);
  await filter.selectOption({ label: BARRIO });
  await waitFor('territorio in the URL', () => queryOf(page).get('territorio') === BARRIO);
  const expected = api.commitments.filter((c) => c.terms.territory === BARRIO).map((c) => c.id);
  assert.ok(expected.includes(K) && expected.length < api.commitments.length);
  await waitFor('the territory filter', async () => JSON.stringify(await ids()) === JSON.stringify(expected));
  for (const id of expected)
    await page.locator(`[data-commitment="${id}"]`).getByText(`Territorio: ${BARRIO}`).waitFor();
  await page.locator(`[data-commitment="${K}"]`).getByText(`Territorio: ${BARRIO} · En 3 partes`).waitFor();
  await view(s.visitor, 'portal-encuentro-territory');
  // A shared link opens with the same filter; "Todos" shows every commitment again.
  const shared = page.url();
  await page.goto('/publico');
  await page.goto(shared);
  await waitFor('the shared filter', async () => JSON.stringify(await ids()) === JSON.stringify(expected), timeouts.navigation);
  assert.equal(await page.getByLabel('Territorio', { exact: true }).inputValue(), BARRIO);
  await page.getByLabel('Territorio', { exact: true }).selectOption({ label: 'Todos' });
  await waitFor('no territorio', () => !queryOf(page).has('territorio'));
  await waitFor('every commitment again', async () => (await ids()).length === api.commitments.length);
  assert.equal(pathOf(page), `/publico/${ID}`);
});

step('the memoria lists the territory and the parts', async () => {
  const { page } = s.visitor;
  await page.goto(`/publico/${ID}/memoria`);
  const card = page.locator(`[data-commitment="${K}"]`);
  await card.waitFor({ timeout: timeouts.navigation });
  assert.equal((await card.locator('[data-territory]').textContent()).trim(), BARRIO);
  assert.deepEqual(await card.locator('[data-part]').evaluateAll((els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim())), [
    'Convocatoria Cumplido 100 % de avance',
    'Jornadas en los barrios En ejecución 40 % de avance',
    'Informe público En ejecución 60 % de avance',
  ]);
  assertNoPageErrors(s.visitor);
});

step('the organizer adds a part (those in force cannot be removed); the average follows (50 %)', async () => {
  s.org = await w.person('organizer', devices.laptop);
  const { page } = s.org;
  await joinByTyping(s.org, s.organizerCode, `/organizador/${ID}`);
  await page.goto(`/organizador/${ID}/respuestas`);
  const item = page.locator(`article[data-commitment="${K}"]`);
  await item.waitFor({ timeout: timeouts.navigation });
  await item.getByText('Avance: 67 % · En ejecución.').waitFor();
  await item.getByRole('button', { name: `Revisar compromiso ${K}` }).click();
  const form = item.locator('form');
  await form.waitFor();
  assert.equal(await form.getByLabel('Territorio donde aplica').inputValue(), BARRIO);
  for (const [i, what] of s.k.terms.parts.entries()) {
    assert.equal(await form.getByLabel(`Parte ${i + 1}`, { exact: true }).inputValue(), what);
    assert.ok(await form.getByRole('button', { name: `Quitar la parte ${i + 1}` }).isDisabled(), `part ${i + 1} stays`);
  }
  await form.getByText(/Las partes que ya tiene no se pueden quitar/).waitFor();
  await form.getByRole('button', { name: 'Agregar parte' }).click();
  const fourth = form.getByLabel('Parte 4', { exact: true });
  await waitFor('the new part focused', () => page.evaluate(() => document.activeElement?.id === 'oa-rev-k3-part-4'));
  // A new part may be removed again before saving; a blank one is not sent.
  await form.getByRole('button', { name: 'Guardar nueva versión' }).click();
  await form.getByText('Escriba cada parte o quite las que están vacías.').first().waitFor();
  await fourth.fill('Evaluación con la comunidad');
  await form.getByLabel('Motivo del cambio', { exact: true }).fill('Se agrega la evaluación con la comunidad.');
  await view(s.org, 'organizer-revise-parts');
  await form.getByRole('button', { name: 'Guardar nueva versión' }).click();
  await form.waitFor({ state: 'detached' });
  await item.getByText('Avance: 50 % · En ejecución.').waitFor();
  // The office sees the fourth part and the new average: (100 + 40 + 60 + 0) / 4.
  const card = s.office.page.locator(`[data-commitment="${K}"]`);
  await waitFor('four parts on the office card', async () => (await officeParts(card)).length === 4);
  await waitFor('50 % on the card', async () => /50 % de avance/.test(await card.locator('.of-state').textContent()));
  // A commitment already reported on as a whole cannot be split.
  const whole = s.api.commitments.find((c) => !c.parts.length && c.reports.length > 0);
  const other = page.locator(`article[data-commitment="${whole.id}"]`);
  await other.getByRole('button', { name: `Revisar compromiso ${whole.id}` }).click();
  await other.getByText('Este compromiso ya tiene reportes de avance sobre el compromiso entero: no se le pueden agregar partes.').waitFor();
  assert.equal(await other.getByRole('button', { name: 'Dividir en partes' }).count(), 0);
  await other.getByRole('button', { name: 'Cancelar' }).click();
  assertNoPageErrors(s.org, s.office);
});

step('a commitment turns overdue by the clock alone: no event from the server', async () => {
  // The office's "today" is the server's: the device clock corrected by the offset taken from the
  // server's `time` (welcome, every pong). So the whole world's clock moves on here: the browser's
  // (page.clock) and, by the same amount, the server's time as this page reads it (each `time`
  // the server sends, shifted by a WebSocket route). No event is added to the encuentro.
  const api = await publicView(s.office.page);
  const open = api.commitments.filter((c) => !c.overdue && c.status !== 'cumplido')
    .sort((a, b) => a.terms.due_date.localeCompare(b.terms.due_date));
  assert.ok(open.length >= 2, 'two commitments on time');
  const k = open[0];
  const newToday = dayAfter(k.terms.due_date);
  const later = open.find((c) => c.terms.due_date >= newToday);
  const clock = await w.person('office-clock', devices.tablet);
  const { page } = clock;
  const shift = { ms: 0 };
  await page.routeWebSocket(/\/live$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      if (shift.ms && typeof m === 'string') {
        const msg = JSON.parse(m);
        if (typeof msg.time === 'number') {
          msg.time += shift.ms;
          m = JSON.stringify(msg);
        }
      }
      ws.send(m);
    });
  });
  await page.clock.install({ time: Date.now() });
  await joinByCode(clock, s.code, '/oficina');
  await waitConnection(page, 'online');
  const card = page.locator(`[data-commitment="${k.id}"]`);
  await card.waitFor({ timeout: timeouts.navigation });
  assert.equal(await card.getAttribute('data-overdue'), '0');
  const seq = await page.evaluate(() => window.encuentroLive.seq.value);

  // Noon in Bogotá the day after the due date. (pauseAt, not fastForward: that one takes 32-bit
  // ticks, under 25 days.) The jump fires the view's minute tick once.
  const target = Date.parse(`${newToday}T17:00:00Z`);
  shift.ms = target - Date.now();
  await page.clock.pauseAt(target);
  await waitFor('the overdue mark', async () => (await card.getAttribute('data-overdue')) === '1');
  await card.locator('.of-state').getByText('Vencido', { exact: true }).waitFor();
  await card.getByText(/La fecha límite .* pasó y el compromiso no está cumplido/).waitFor();
  assert.equal(await page.locator(`[data-commitment="${later.id}"]`).getAttribute('data-overdue'), '0',
    `${later.id} is due ${later.terms.due_date}`);
  // A ping and its pong later (the clock runs 16 s ahead, the server's time does not) the offset
  // is corrected from the server's time, and the day is still the same: the mark stays.
  await page.clock.runFor(16_000);
  await waitFor('the pong after the jump', () => page.evaluate(() => window.encuentroLive.clockOffsetMs.value < -5_000));
  await page.clock.resume();
  const today = await page.evaluate(() =>
    new Date(window.encuentroLive.serverNow() - 5 * 3_600_000).toISOString().slice(0, 10));
  assert.equal(today, newToday);
  assert.equal(await card.getAttribute('data-overdue'), '1');
  // Nothing happened on the server: same seq, and the public API still says on time.
  assert.equal(await page.evaluate(() => window.encuentroLive.seq.value), seq);
  const now = (await publicView(s.office.page)).commitments.find((c) => c.id === k.id);
  assert.equal(now.overdue, false);
  await view(clock, 'office-overdue-by-clock');
  assertNoPageErrors(clock);
});

test('no serious or critical axe violation on the views with parts', () => {
  a11y.assert();
});
