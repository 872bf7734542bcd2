// The veeduría (citizens' follow-up observations on commitments) through the UI, against the
// demo's encuentro in follow-up (e-cascajal-2026): the portal shows the open data (each dataset
// in CSV and JSON, the feed, the data dictionary at /publico/datos); a citizen leaves three
// observations on a commitment's public page (one of them markup, one sent again after a lost
// connection with the same op id; a refusal and the server's 429 are told in words); the office sees them "en
// moderación"; the organizer approves two and rejects one (a reason is required); the approved
// ones appear on the portal, the rejected one never does; the office replies to one and the
// organizer to the other, and the portal shows each reply as the entity's. Markup stays text on
// every view. Axe and screenshots of each view.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  world, devices, timeouts, waitFor, assertNoPageErrors, checkView, SoftFailures, ProtocolClient, joinByCode,
  joinByTyping, waitConnection, countExactText, artifactsFor, scenario,
} from './harness.mjs';

const TEST = 'veeduria';
const ID = 'e-cascajal-2026';
const w = world(TEST);
const a11y = new SoftFailures();
const s = {};
const step = scenario(w, TEST, { timeout: 60_000 });
/** What the server answered, for the report (artifacts/veeduria/contract.json). */
const contract = [];

const stamp = Date.now();
const APPROVED = `La vía sigue sin pavimentar en el tramo del colegio (${stamp}).`;
const REJECTED = `Mi vecino Juan Pérez, cédula 123, no hace nada (${stamp}).`;
const HOSTILE = `<img src=x onerror=alert(1)><script>alert(2)</script><b>negrita ${stamp}</b>`;
const ALIAS = 'Vecina de La Playa';
const OFFICE_REPLY = `La Secretaría de Obras inicia el tramo del colegio en la próxima vigencia (${stamp}).`;
const ORG_REPLY = `<i>Gracias</i>: la observación se tendrá en cuenta (${stamp}).`;
const REASON = 'Trae datos personales de un tercero.';

async function view(person, name) {
  a11y.add(await checkView(person.page, TEST, name));
}

const pathOf = (page) => new URL(page.url()).pathname;

async function publicView(page) {
  const res = await page.request.get(`/api/public/encuentros/${ID}`);
  assert.equal(res.status(), 200);
  return res.json();
}

/** Markup typed as text is text: no injected element, no handler, no dialog. */
async function assertLiteral(person, text) {
  const { page } = person;
  await waitFor(`the literal text on ${person.name}'s view`, async () => (await countExactText(page, text)) >= 1,
    timeouts.navigation);
  const injected = await page.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: [...document.querySelectorAll('script')].filter((e) => /alert/.test(e.textContent)).length,
    bold: [...document.querySelectorAll('b')].filter((e) => /negrita/.test(e.textContent)).length,
    italic: [...document.querySelectorAll('i')].filter((e) => /Gracias/.test(e.textContent)).length,
    handlers: document.querySelectorAll('[onerror], [onload]').length,
  }));
  assert.deepEqual(injected, { images: 0, scripts: 0, bold: 0, italic: 0, handlers: 0 }, `nothing injected on ${person.name}'s view`);
  assert.deepEqual(person.dialogs, [], `no dialog on ${person.name}'s view`);
}

/** Reloads the page until `locator` shows: the public API may be cached for 5 s (max-age=5). */
async function reloadUntil(page, locator, ms = timeouts.navigation) {
  await waitFor('the page to show it after a reload', async () => {
    await page.reload();
    return locator.first().waitFor({ timeout: 1500 }).then(() => true, () => false);
  }, ms, 500);
}

/** Fills and sends the portal's form; waits for the "received" line. */
async function leaveObservation(page, text, alias = '') {
  const form = page.locator('[data-observation-form]');
  await form.getByLabel('Tu observación').fill(text);
  await form.getByLabel('Nombre para mostrar (opcional)').fill(alias);
  await form.getByRole('button', { name: 'Enviar observación' }).click();
  await form.locator('[data-observation-received]').waitFor();
  assert.equal(await form.getByLabel('Tu observación').inputValue(), '', 'the form starts again');
}

before(async () => {
  await w.start({ demo: true });
});
after(async () => {
  writeFileSync(join(artifactsFor(TEST), 'contract.json'), JSON.stringify(contract, null, 2));
  await w.stop();
});
afterEach(() => w.saveDiagnostics());

step('the public API has the demo encuentro in follow-up; an office code is minted', async () => {
  const org = await ProtocolClient.open(w, 'organizer-protocol');
  await org.hello({ code: w.server.secret, encuentro: ID });
  s.protocol = org;
  s.officeCode = (await org.mint('office', { label: 'Oficina de Obras' })).code;
  // The server's secret is one-time (this client used it): the organizer's laptop gets a code.
  s.organizerCode = (await org.mint('organizer', { label: 'Organizador' })).code;
  s.api = await publicView(org.page);
  assert.equal(s.api.details.phase, 'follow_up');
  assert.ok(s.api.commitments.length > 0);
  s.k = s.api.commitments[0];
  assert.ok(Array.isArray(s.k.observations), 'each commitment lists its approved observations');
  s.before = s.k.observations.length;
  s.pendingBefore = (await org.state(ID)).observations.filter((o) => o.status === 'pending' && o.commitment_id === s.k.id).length;
});

step('the portal lists every dataset in CSV and JSON, the feed and the data dictionary', async () => {
  s.citizen = await w.person('citizen', devices.phone);
  const { page } = s.citizen;
  await page.goto('/publico');
  const all = page.locator('[data-open-data-all]');
  assert.equal(await all.getByRole('link', { name: 'Todos los encuentros (CSV)' }).getAttribute('href'), '/api/public/encuentros.csv');
  assert.equal(await all.getByRole('link', { name: 'Todos los encuentros (JSON)' }).getAttribute('href'), '/api/public/encuentros.json');
  await page.goto(`/publico/${ID}`);
  await page.getByRole('heading', { level: 2, name: 'Datos abiertos', exact: true }).waitFor();
  const section = page.locator('[data-open-data]');
  for (const d of ['proposals', 'answers', 'commitments', 'progress', 'observations']) {
    for (const f of ['csv', 'json']) {
      const href = await section.locator(`[data-dataset="${d}"] a`, { hasText: f.toUpperCase() }).getAttribute('href');
      assert.equal(href, `/api/public/encuentros/${ID}/${d}.${f}`);
      const res = await page.request.get(href);
      contract.push({ get: href, status: res.status(), type: res.headers()['content-type'] });
      assert.equal(res.status(), 200, href);
      if (f === 'csv') assert.ok((await res.text()).startsWith('\uFEFF'), `${href} starts with a BOM`);
      else await res.json();
    }
  }
  assert.equal(await section.getByRole('link', { name: 'Suscribirse a las novedades (Atom)' }).getAttribute('href'),
    `/api/public/encuentros/${ID}/feed.atom`);
  await view(s.citizen, 'portal-encuentro-open-data');
  await section.getByRole('link', { name: 'Diccionario de datos', exact: true }).click();
  await waitFor('the dictionary page', () => pathOf(page) === '/publico/datos');
  await page.getByRole('heading', { level: 1, name: 'Diccionario de datos abiertos' }).waitFor();
  const dict = await (await page.request.get('/api/public/data-dictionary.json')).json();
  contract.push({ get: '/api/public/data-dictionary.json', datasets: dict.datasets.map((d) => ({ name: d.name, path: d.path, columns: d.columns.length })) });
  assert.ok(dict.datasets.length >= 6, 'six datasets at least');
  for (const d of dict.datasets) {
    const card = page.locator(`[data-dataset="${d.name}"]`);
    await card.getByRole('heading', { level: 2, name: d.title }).waitFor();
    assert.equal(await card.locator('tbody tr').count(), d.columns.length, `${d.name} columns`);
  }
  await view(s.citizen, 'portal-data-dictionary');
});

step("a citizen leaves observations on a commitment's public page", async () => {
  const { page } = s.citizen;
  s.posts = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/observations$/.test(r.url())) s.posts.push(JSON.parse(r.postData() ?? '{}'));
  });
  await page.goto(`/publico/${ID}/compromisos/${s.k.id}`);
  await page.getByRole('heading', { level: 1, name: s.k.terms.what }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Veeduría ciudadana' }).waitFor();
  const form = page.locator('[data-observation-form]');
  await form.getByRole('heading', { name: 'Deja tu observación de seguimiento' }).waitFor();
  await form.getByText(/No escribas datos personales/).waitFor();
  await form.getByText('Tu observación se publica solo después de que el organizador la revise.').waitFor();
  // Checks before sending: empty, then too long (the count says so).
  await form.getByRole('button', { name: 'Enviar observación' }).click();
  await form.getByText('Escribe tu observación antes de enviarla.').waitFor();
  assert.equal(await form.getByLabel('Tu observación').getAttribute('aria-invalid'), 'true');
  await form.getByLabel('Tu observación').fill('x'.repeat(1001));
  await form.getByText('1001 de 1000 caracteres').waitFor();
  await form.getByRole('button', { name: 'Enviar observación' }).click();
  await form.getByText(/admite hasta 1000 caracteres: sobran 1/).waitFor();
  assert.equal(s.posts.length, 0, 'nothing was sent');
  await view(s.citizen, 'portal-observation-form-invalid');

  await leaveObservation(page, APPROVED, ALIAS);
  await form.getByText('Recibida: se publicará cuando la revise el organizador.').waitFor();
  await leaveObservation(page, REJECTED);
  await leaveObservation(page, HOSTILE);
  assert.equal(s.posts.length, 3);
  assert.deepEqual(s.posts.map((p) => p.text), [APPROVED, REJECTED, HOSTILE]);
  assert.equal(s.posts[0].alias, ALIAS);
  for (const p of s.posts) assert.match(p.op, /^[A-Za-z0-9_-]{8,64}$/);
  assert.equal(new Set(s.posts.map((p) => p.op)).size, 3, 'one op id per observation');
  // Not published before moderation.
  const api = await publicView(page);
  assert.equal(api.commitments.find((c) => c.id === s.k.id).observations.length, s.before);
  assert.deepEqual(s.citizen.dialogs, []);
});

step('the server answers a repeat of the same op with the same observation', async () => {
  const { page } = s.citizen;
  const url = `/api/public/encuentros/${ID}/commitments/${s.k.id}/observations`;
  const res = await page.request.post(url, { data: { op: s.posts[0].op, text: APPROVED, alias: ALIAS } });
  const body = await res.json();
  contract.push({ post: url, repeat: true, status: res.status(), body });
  assert.equal(res.status(), 202);
  assert.equal(body.status, 'pending');
  assert.match(body.id, /\S/);
  s.approvedId = body.id;
});

step('a lost connection keeps the draft; the retry is the same observation (same op id)', async () => {
  const { page, context } = s.citizen;
  const form = page.locator('[data-observation-form]');
  const text = `Observación enviada tras perder la conexión (${stamp}).`;
  await form.getByLabel('Tu observación').fill(text);
  await context.setOffline(true);
  await form.getByRole('button', { name: 'Enviar observación' }).click();
  await form.locator('[data-observation-error="offline"]').waitFor();
  await form.getByText(/No hay conexión con el servidor/).waitFor();
  assert.equal(await form.getByLabel('Tu observación').inputValue(), text, 'the draft is kept');
  const key = `encuentro.observation.${ID}.${s.k.id}`;
  const kept = await page.evaluate((key) => JSON.parse(sessionStorage.getItem(key)), key);
  assert.equal(kept.text, text);
  assert.match(kept.op, /^[A-Za-z0-9_-]{8,64}$/);
  await view(s.citizen, 'portal-observation-offline');
  await context.setOffline(false);
  const sent = s.posts.length;
  await form.getByRole('button', { name: 'Enviar observación' }).click();
  await form.locator('[data-observation-received]').waitFor();
  assert.equal(s.posts.at(-1).op, kept.op, 'the retry carries the same op id');
  assert.ok(s.posts.length > sent);
  s.retried = text;
});

step("a refusal is told in words (simulated); the server's 429 says how long to wait", async () => {
  const { page } = s.citizen;
  const form = page.locator('[data-observation-form]');
  const pattern = `**/api/public/encuentros/${ID}/commitments/${s.k.id}/observations`;
  await form.getByLabel('Tu observación').fill('Una más.');
  await page.route(pattern, (route) => route.fulfill({
    status: 409,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ error: { code: 'too_many_pending', message: 'too many pending observations' } }),
  }));
  await form.getByRole('button', { name: 'Enviar observación' }).click();
  await form.locator('[data-observation-error="too_many_pending"]').getByText(/esperando la revisión del organizador/).waitFor();
  await page.unroute(pattern);
  // Five posts from one address spend the server's burst: the sixth is a real 429.
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && /\/observations$/.test(r.url()));
  await form.getByRole('button', { name: 'Enviar observación' }).click();
  const res = await answer;
  const body = await res.json();
  contract.push({ post: 'sixth from one address', status: res.status(), retry_after: res.headers()['retry-after'], body });
  assert.equal(res.status(), 429);
  const wait = Number(res.headers()['retry-after']);
  assert.ok(wait > 0);
  await form.locator('[data-observation-error="rate_limited"]').getByText(/Intenta de nuevo en \d+ (segundos|minutos?)/).waitFor();
  await view(s.citizen, 'portal-observation-rate-limited');
  // The wait is kept on this page: no request until it has passed; the draft stays.
  const sent = s.posts.length;
  await form.getByRole('button', { name: 'Enviar observación' }).click();
  await form.locator('[data-observation-error="rate_limited"]').waitFor();
  assert.equal(s.posts.length, sent);
  assert.equal(await form.getByLabel('Tu observación').inputValue(), 'Una más.');
  await form.getByLabel('Tu observación').fill('');
});

step('the office sees the observations waiting for moderation', async () => {
  s.office = await w.person('office', devices.tablet);
  const { page } = s.office;
  await joinByCode(s.office, s.officeCode, '/oficina');
  await waitConnection(page, 'online');
  const card = page.locator(`[data-commitment="${s.k.id}"]`);
  const pending = s.pendingBefore + 4;
  await card.getByText(`${pending} observaciones en moderación`).waitFor();
  // Pending ones are not shown to the office, only counted.
  assert.equal(await card.getByText(APPROVED).count(), 0);
});

step('the organizer moderates: approves two, rejects one with a reason', async () => {
  s.org = await w.person('organizer', devices.laptop);
  const { page } = s.org;
  await joinByTyping(s.org, s.organizerCode, `/organizador/${ID}`);
  const nav = page.getByRole('navigation', { name: 'Secciones del encuentro' });
  await nav.getByRole('link', { name: /Veeduría ciudadana/ }).waitFor({ timeout: timeouts.navigation });
  await nav.getByRole('link', { name: /por revisar/ }).waitFor();
  await nav.getByRole('link', { name: /Veeduría ciudadana/ }).click();
  await waitFor('the moderation screen', () => pathOf(page) === `/organizador/${ID}/veeduria`);
  const pending = page.locator('[data-list="pending"]');
  const item = (text) => pending.locator('[data-observation]', { hasText: text });
  for (const text of [APPROVED, REJECTED]) await item(text).waitFor();
  await item(APPROVED).getByText(`Sobre: ${s.k.terms.what}`).waitFor();
  await item(APPROVED).getByText(ALIAS).waitFor();
  await item(REJECTED).getByText('Persona anónima').waitFor();
  await assertLiteral(s.org, HOSTILE);
  await view(s.org, 'organizer-moderation');

  await item(APPROVED).getByRole('button', { name: /^Aprobar/ }).click();
  const approved = page.locator('[data-list="approved"]');
  await approved.locator('[data-observation]', { hasText: APPROVED }).waitFor();
  await pending.locator('[data-observation]').filter({ hasText: `negrita ${stamp}` }).getByRole('button', { name: /^Aprobar/ }).click();
  await approved.locator('[data-observation]', { hasText: `negrita ${stamp}` }).waitFor();

  await item(REJECTED).getByRole('button', { name: /^Rechazar/ }).click();
  const reject = item(REJECTED).locator('[data-reject-form]');
  await reject.getByRole('button', { name: 'Rechazar observación' }).click();
  await reject.getByText('Escriba el motivo del rechazo.').waitFor();
  await reject.getByLabel('Motivo del rechazo').fill(REASON);
  await reject.getByRole('button', { name: 'Rechazar observación' }).click();
  const rejected = page.locator('[data-list="rejected"]');
  await rejected.locator('[data-observation]', { hasText: REJECTED }).getByText(`Motivo del rechazo: ${REASON}`).waitFor();
  await pending.locator('[data-observation]', { hasText: s.retried }).getByRole('button', { name: /^Rechazar/ }).click();
  await pending.locator('[data-observation]', { hasText: s.retried }).getByLabel('Motivo del rechazo').fill('Duplicada.');
  await pending.locator('[data-observation]', { hasText: s.retried }).getByRole('button', { name: 'Rechazar observación' }).click();
  await rejected.locator('[data-observation]', { hasText: s.retried }).waitFor();
  await view(s.org, 'organizer-moderated');
  const state = await s.protocol.state(ID);
  const mine = state.observations.filter((o) => [APPROVED, REJECTED, HOSTILE, s.retried].includes(o.text));
  contract.push({ snapshot_observations: mine });
  assert.deepEqual(mine.map((o) => o.status).sort(), ['approved', 'approved', 'rejected', 'rejected']);
  assert.equal(mine.find((o) => o.text === REJECTED).reason, REASON);
});

step('the portal shows the approved observations, never the rejected ones; markup stays text', async () => {
  const { page } = s.citizen;
  const list = page.locator('[data-observations]');
  await reloadUntil(page, list.locator('[data-observation]', { hasText: APPROVED }));
  await list.locator('[data-observation]', { hasText: APPROVED }).getByText(ALIAS).waitFor();
  await assertLiteral(s.citizen, HOSTILE);
  assert.equal(await page.getByText(REJECTED).count(), 0, 'the rejected one is never published');
  assert.equal(await page.getByText(s.retried).count(), 0);
  const api = await publicView(page);
  const k = api.commitments.find((c) => c.id === s.k.id);
  contract.push({ public_observations: k.observations.slice(-2) });
  assert.equal(k.observations.length, s.before + 2);
  assert.deepEqual(k.observations.slice(-2).map((o) => o.text), [APPROVED, HOSTILE]);
  assert.ok(!JSON.stringify(api).includes(REJECTED), 'nor in the public API');
  for (const o of k.observations.slice(-2)) {
    assert.match(o.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(o.reply, null);
  }
  const csv = await (await page.request.get(`/api/public/encuentros/${ID}/observations.csv`)).text();
  assert.ok(csv.includes('tramo del colegio'), 'the approved one is open data');
  assert.ok(!csv.includes('Juan Pérez'), 'the rejected one is not');
});

step('the office replies to an approved observation; the portal shows the entity\'s reply', async () => {
  const { page } = s.office;
  const card = page.locator(`[data-commitment="${s.k.id}"]`);
  const obs = card.locator('[data-observation]', { hasText: APPROVED });
  await obs.waitFor();
  assert.equal(await card.getByText(/observaciones? en moderación/).count(), s.pendingBefore ? 1 : 0);
  await assertLiteral(s.office, HOSTILE);
  await obs.getByRole('button', { name: /^Responder/ }).click();
  const form = obs.locator('[data-reply-form]');
  await form.getByRole('button', { name: 'Publicar respuesta' }).click();
  await form.getByText('Escriba la respuesta antes de enviarla.').waitFor();
  await form.getByLabel('Respuesta de la entidad a esta observación').fill(OFFICE_REPLY);
  await form.getByRole('button', { name: 'Publicar respuesta' }).click();
  await obs.locator('[data-reply]').getByText(OFFICE_REPLY).waitFor();
  await obs.locator('[data-reply]').getByText('Respuesta de la entidad').waitFor();
  assert.equal(await obs.locator('[data-reply-form]').count(), 0);
  await view(s.office, 'office-observations');

  // The organizer sees it answered, and answers the other one.
  const org = s.org.page;
  const approved = org.locator('[data-list="approved"]');
  await approved.locator('[data-observation]', { hasText: APPROVED }).getByText(OFFICE_REPLY).waitFor();
  const other = approved.locator('[data-observation]').filter({ hasText: `negrita ${stamp}` });
  await other.getByRole('button', { name: /^Responder/ }).click();
  await other.getByLabel('Respuesta de la entidad a esta observación').fill(ORG_REPLY);
  await other.getByRole('button', { name: 'Publicar respuesta' }).click();
  await other.locator('[data-reply]').waitFor();
  await assertLiteral(s.org, ORG_REPLY);

  const portal = s.citizen.page;
  const reply = portal.locator('[data-observation]', { hasText: APPROVED }).locator('[data-reply]');
  await reloadUntil(portal, portal.locator('[data-observation]').filter({ hasText: `negrita ${stamp}` }).locator('[data-reply]'));
  await reply.getByText('Respuesta de la entidad').waitFor();
  await reply.getByText(OFFICE_REPLY).waitFor();
  await assertLiteral(s.citizen, ORG_REPLY);
  await assertLiteral(s.citizen, HOSTILE);
  await portal.locator('[data-observation]', { hasText: APPROVED }).scrollIntoViewIfNeeded();
  await view(s.citizen, 'portal-commitment-observation-reply');
  const api = await publicView(portal);
  const k = api.commitments.find((c) => c.id === s.k.id);
  const mine = k.observations.find((o) => o.text === APPROVED);
  contract.push({ public_reply: mine });
  assert.equal(mine.reply.text, OFFICE_REPLY);
  assert.match(mine.reply.date, /^\d{4}-\d{2}-\d{2}$/);
});

step('a second reply is refused (already_replied), said in words', async () => {
  const obs = (await s.protocol.state(ID)).observations.find((o) => o.text === APPROVED);
  const from = await s.protocol.count();
  await s.protocol.send({ type: 'command', op: `e2e-${stamp}-again`, name: 'observation.reply', args: { observation_id: obs.id, text: 'Otra' } });
  const reply = await s.protocol.waitMessage({ op: `e2e-${stamp}-again` }, from);
  contract.push({ second_reply: reply });
  assert.equal(reply.type, 'error');
  assert.equal(reply.code, 'already_replied');
});

step('no uncaught page errors, no dialog', async () => {
  assertNoPageErrors(s.citizen, s.office, s.org);
  for (const p of [s.citizen, s.office, s.org]) assert.deepEqual(p.dialogs, [], p.name);
});

test('no serious or critical axe violation on the veeduría views', () => {
  a11y.assert();
});
