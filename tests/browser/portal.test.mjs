// The public follow-up portal (/publico), no login, against the demo's published encuentro
// (e-cascajal-2026): the list and its filters (kept in the URL), the encuentro page with its
// commitments, the overdue one, a monitoring cut, a commitment page with its reports, a 404 for
// an unpublished encuentro, the language switch and the home page's link. The portal never
// opens the live WebSocket. Each view is checked with axe (asserted at the end) and saved as a
// screenshot. Expectations about dates come from the public API, so the test does not depend on
// which day it runs.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { world, devices, timeouts, waitFor, assertNoPageErrors, checkView, screenshot, SoftFailures, scenario } from './harness.mjs';

const TEST = 'portal';
const ID = 'e-cascajal-2026';
const w = world(TEST);
const a11y = new SoftFailures();
const s = {};
const step = scenario(w, TEST, { timeout: 60_000 });

async function view(person, name) {
  a11y.add(await checkView(person.page, TEST, name));
}

const pathOf = (page) => new URL(page.url()).pathname;
const queryOf = (page) => new URL(page.url()).searchParams;

before(async () => {
  await w.start({ demo: true });
});
after(async () => {
  await w.stop();
});
afterEach(() => w.saveDiagnostics());

step('the public API has the demo encuentro (the expectations below come from it)', async () => {
  s.visitor = await w.person('visitor', devices.phone);
  s.sockets = [];
  s.visitor.page.on('websocket', (ws) => s.sockets.push(ws.url()));
  const res = await s.visitor.page.request.get(`/api/public/encuentros/${ID}`);
  assert.equal(res.status(), 200);
  s.api = await res.json();
  s.overdue = s.api.commitments.filter((c) => c.overdue);
  s.fulfilled = s.api.commitments.filter((c) => c.status === 'cumplido');
  assert.ok(s.api.commitments.length > 0, 'the demo has commitments');
  assert.ok(s.overdue.length > 0, 'the demo has an overdue commitment');
  assert.ok(s.fulfilled.length > 0, 'the demo has a fulfilled commitment');
  const cuts = [...new Set(s.api.commitments.flatMap((c) => c.cuts.map((x) => x.date)))].sort();
  assert.ok(cuts.length > 0, 'at least one monitoring cut has passed');
  s.cut = cuts[0];
  assert.equal((await s.visitor.page.request.get('/api/public/encuentros/e-itagui-instancias')).status(), 404);
});

step('the list shows the published encuentro with its counts', async () => {
  const { page } = s.visitor;
  await page.goto('/publico');
  await page.getByRole('heading', { level: 1, name: 'Encuentros publicados' }).waitFor();
  const card = page.locator('article', { has: page.getByRole('link', { name: s.api.details.title }) });
  await card.waitFor();
  assert.match(await card.textContent(), new RegExp(`Compromisos\\s*${s.api.commitments.length}`));
  assert.match(await card.textContent(), new RegExp(`Vencidos\\s*${s.overdue.length}`));
  // The unpublished demo encuentro is not listed.
  assert.equal(await page.getByText('Itagüí').count(), 0);
  await view(s.visitor, 'portal-list');
});

step('the list filters by text, status and entity, in the URL', async () => {
  const { page } = s.visitor;
  const link = page.getByRole('link', { name: s.api.details.title });
  await page.getByLabel('Buscar').fill('cascajal dialogo');
  await waitFor('the search in the URL', () => queryOf(page).get('q') === 'cascajal dialogo');
  await link.waitFor();
  await page.getByLabel('Buscar').fill('no existe tal cosa');
  await page.getByText('Ningún encuentro coincide con los filtros.').waitFor();
  await page.getByRole('button', { name: 'Quitar filtros' }).click();
  await link.waitFor();
  assert.equal(queryOf(page).toString(), '');

  const status = page.getByLabel('Estado de los compromisos');
  await status.selectOption({ label: 'No cumplido' });
  await waitFor('estado=no_cumplido', () => queryOf(page).get('estado') === 'no_cumplido');
  await page.getByText('Ningún encuentro coincide con los filtros.').waitFor();
  await status.selectOption({ label: 'Vencido' });
  await waitFor('estado=vencido', () => queryOf(page).get('estado') === 'vencido');
  await link.waitFor();
  await page.getByLabel('Entidad').selectOption({ label: s.api.details.entities[0] });
  await waitFor('entidad in the URL', () => queryOf(page).get('entidad') === s.api.details.entities[0]);
  await link.waitFor();
  await view(s.visitor, 'portal-list-filtered');

  // A shared link opens with the same filters.
  const shared = page.url();
  await page.goto('/');
  await page.goto(shared);
  await link.waitFor();
  assert.equal(await page.getByLabel('Estado de los compromisos').inputValue(), 'vencido');
  assert.equal(await page.getByLabel('Entidad').inputValue(), s.api.details.entities[0]);
});

step('the encuentro page shows details, charts, workshops and every commitment', async () => {
  const { page } = s.visitor;
  await page.getByRole('link', { name: s.api.details.title }).click();
  await waitFor('the encuentro page', () => pathOf(page) === `/publico/${ID}`);
  await page.getByRole('heading', { level: 1, name: s.api.details.title }).waitFor();
  for (const name of ['Datos del encuentro', 'Asistencia', 'Evaluación', 'Talleres y propuestas', 'Compromisos'])
    await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
  // The charts are tables (their text alternative).
  await page.getByRole('table', { name: 'Asistencia por grupo de valor' }).waitFor();
  await page.getByRole('table', { name: 'Asistencia por territorio' }).waitFor();
  await page.getByRole('table', { name: /Promedio de la evaluación/ }).waitFor();
  // Every workshop with its ranked principal proposals and their answers.
  for (const ws of s.api.workshops) {
    await page.getByRole('heading', { level: 3, name: `Taller ${ws.number}`, exact: true }).waitFor();
    for (const p of ws.principal_proposals) assert.ok((await page.getByText(p.text, { exact: true }).count()) >= 1, p.text);
  }
  const list = page.locator('[data-commitment]');
  await waitFor('every commitment', async () => (await list.count()) === s.api.commitments.length);
  // The summary chart counts the overdue ones; the overdue card says so.
  const summary = page.getByRole('table', { name: /^Compromisos por estado, hoy/ });
  assert.equal((await summary.getByRole('row', { name: /^Vencido/ }).textContent()).trim(), `Vencido${s.overdue.length}`);
  for (const c of s.overdue)
    await page.locator(`[data-commitment="${c.id}"]`).getByText('Vencido', { exact: true }).waitFor();
  // Open data links.
  assert.equal(await page.getByRole('link', { name: 'Descargar datos abiertos (CSV)' }).getAttribute('href'),
    `/api/public/encuentros/${ID}/commitments.csv`);
  assert.equal(await page.getByRole('link', { name: 'Descargar datos abiertos (JSON)' }).getAttribute('href'),
    `/api/public/encuentros/${ID}/commitments.json`);
  await view(s.visitor, 'portal-encuentro');
});

step('the commitments filter by status, overdue and central point', async () => {
  const { page } = s.visitor;
  const ids = async () => page.locator('[data-commitment]').evaluateAll((els) => els.map((e) => e.dataset.commitment));
  await page.getByLabel('Solo vencidos').check();
  await waitFor('vencidos=1', () => queryOf(page).get('vencidos') === '1');
  assert.deepEqual(await ids(), s.overdue.map((c) => c.id));
  await page.getByLabel('Solo vencidos').uncheck();
  await page.getByLabel('Estado de los compromisos').selectOption({ label: 'Cumplido' });
  await waitFor('estado=cumplido', () => queryOf(page).get('estado') === 'cumplido');
  assert.deepEqual(await ids(), s.fulfilled.map((c) => c.id));
  await page.getByLabel('Estado de los compromisos').selectOption({ label: 'Todos' });
  // A central point keeps the commitments answering one of its proposals.
  const point = s.api.points[0];
  const pointOf = new Map(s.api.workshops.flatMap((w) => w.principal_proposals.map((p) => [p.id, p.point_id])));
  const expected = s.api.commitments.filter((c) => c.proposal_ids.some((p) => pointOf.get(p) === point.id)).map((c) => c.id);
  await page.getByLabel('Eje temático').selectOption({ label: point.title });
  await waitFor('eje in the URL', () => queryOf(page).get('eje') === point.id);
  await waitFor('the point filter', async () => JSON.stringify(await ids()) === JSON.stringify(expected));
  await page.getByLabel('Eje temático').selectOption({ label: 'Todos' });
  await waitFor('every commitment again', async () => (await ids()).length === s.api.commitments.length);
});

step('a monitoring cut shows the state of every commitment at that date', async () => {
  const { page } = s.visitor;
  await page.getByLabel('Corte de seguimiento').selectOption(s.cut);
  await waitFor('corte in the URL', () => queryOf(page).get('corte') === s.cut);
  await page.getByRole('heading', { level: 3, name: /^Estado de los compromisos \(al corte del/ }).waitFor();
  const atCut = s.api.commitments.map((c) => ({ c, cut: c.cuts.find((x) => x.date === s.cut) }));
  const overdueThen = atCut.filter((x) => x.cut?.overdue).length;
  const summary = page.getByRole('table', { name: /^Compromisos por estado, al corte del/ });
  assert.equal((await summary.getByRole('row', { name: /^Vencido/ }).textContent()).trim(), `Vencido${overdueThen}`);
  for (const { c, cut } of atCut) {
    if (!cut) continue;
    const card = page.locator(`[data-commitment="${c.id}"]`);
    assert.match(await card.textContent(), new RegExp(`${cut.percent} % de avance`), `${c.id} at ${s.cut}`);
    assert.equal(await card.getByText('Vencido', { exact: true }).count(), cut.overdue ? 1 : 0, `${c.id} overdue at ${s.cut}`);
  }
  await view(s.visitor, 'portal-encuentro-cut');
});

step('a commitment page shows its terms, reports, versions and cuts', async () => {
  const { page } = s.visitor;
  const k = [...s.api.commitments].sort((a, b) => b.reports.length - a.reports.length)[0];
  await page.locator(`[data-commitment="${k.id}"]`).getByRole('link').click();
  await waitFor('the commitment page', () => pathOf(page) === `/publico/${ID}/compromisos/${k.id}`);
  await page.getByRole('heading', { level: 1, name: k.terms.what }).waitFor();
  await page.getByText(k.terms.office, { exact: true }).first().waitFor();
  await waitFor('every report', async () => (await page.locator('[data-report]').count()) === k.reports.length);
  for (const r of k.reports) if (r.note) await page.locator(`[data-report="${r.id}"]`).getByText(r.note).waitFor();
  const evidence = k.reports.find((r) => r.evidence_url);
  if (evidence) {
    const a = page.locator(`[data-report="${evidence.id}"] a`);
    assert.equal(await a.getAttribute('href'), evidence.evidence_url);
    assert.equal(await a.getAttribute('rel'), 'noopener noreferrer');
  }
  await page.getByRole('img', { name: /Porcentaje de avance según los reportes/ }).waitFor();
  assert.equal(await page.locator('[data-version]').count(), k.versions.length);
  assert.equal(await page.locator('[data-cut]').count(), k.cuts.length);
  for (const p of k.proposal_ids) {
    const text = s.api.workshops.flatMap((w) => w.principal_proposals).find((x) => x.id === p).text;
    assert.ok((await page.getByText(text, { exact: true }).count()) >= 1, text);
  }
  await view(s.visitor, 'portal-commitment');
});

step('an overdue commitment says so', async () => {
  const { page } = s.visitor;
  const k = s.overdue[0];
  await page.goto(`/publico/${ID}/compromisos/${k.id}`);
  await page.getByRole('heading', { level: 1, name: k.terms.what }).waitFor();
  const state = page.locator('[data-overdue]');
  assert.equal(await state.getAttribute('data-overdue'), '1');
  await state.getByText('Vencido', { exact: true }).waitFor();
  await page.getByText(/La fecha límite .* pasó y el compromiso no está cumplido/).waitFor();
  await view(s.visitor, 'portal-commitment-overdue');
});

step('an unpublished encuentro and an unknown commitment are "not published or does not exist"', async () => {
  const { page } = s.visitor;
  await page.goto('/publico/e-itagui-instancias');
  await page.getByRole('alert').getByText('No publicado o no existe').waitFor();
  await view(s.visitor, 'portal-not-found');
  await page.goto(`/publico/${ID}/compromisos/k-no-existe`);
  await page.getByRole('alert').getByText('No publicado o no existe').waitFor();
});

step('the language switches to English', async () => {
  const { page } = s.visitor;
  await page.goto('/publico');
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Published encuentros' }).waitFor();
  await page.getByRole('button', { name: /Español/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Encuentros publicados' }).waitFor();
});

step('the portal never opened the live WebSocket, nor threw', async () => {
  assert.deepEqual(s.sockets, []);
  assertNoPageErrors(s.visitor);
});

step('the home page links to the portal', async () => {
  const p = await w.person('home', devices.laptop);
  await p.page.goto('/');
  await p.page.getByRole('link', { name: 'Ver compromisos publicados' }).click();
  await waitFor('the portal', () => pathOf(p.page) === '/publico', timeouts.navigation);
  await p.page.getByRole('heading', { level: 1, name: 'Encuentros publicados' }).waitFor();
  await view(p, 'portal-list-laptop');
  assertNoPageErrors(p);
});

test('no serious or critical axe violation on any portal view', () => {
  a11y.assert();
});
