// The office's follow-up view (/oficina) against the demo's encuentro in follow-up
// (e-cascajal-2026): the organizer mints an office code over the protocol, the office joins by
// it, sees every commitment (terms, state, overdue mark), filters and groups them, is told what
// is wrong with a report before sending it and when the server refuses one, reports progress
// (the report appears in the history from its event), reports again while offline (pending in
// the outbox, sent when the connection is back), and the public read API, the open data (CSV
// and JSON) and the public portal page show the new report. Axe and screenshots of the view.
// Expectations come from the public API, so the test does not depend on the day it runs.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  world,
  devices,
  timeouts,
  waitFor,
  assertNoPageErrors,
  checkView,
  screenshot,
  SoftFailures,
  ProtocolClient,
  joinByCode,
  waitConnection, scenario } from './harness.mjs';

const TEST = 'office';
const ID = 'e-cascajal-2026';
const w = world(TEST);
const a11y = new SoftFailures();
const s = {};
const step = scenario(w, TEST, { timeout: 60_000 });

async function view(person, name) {
  a11y.add(await checkView(person.page, TEST, name));
}

async function publicView(page) {
  const res = await page.request.get(`/api/public/encuentros/${ID}`);
  assert.equal(res.status(), 200);
  return res.json();
}

/** Bogotá's civil date today (UTC−5), as the server's "today". */
function bogotaToday() {
  return new Date(Date.now() - 5 * 3_600_000).toISOString().slice(0, 10);
}

/** One RFC 4180 line into cells (quotes, doubled quotes; no line breaks inside cells here). */
function csvCells(line) {
  const out = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

before(async () => {
  await w.start({ demo: true });
});
after(async () => {
  await w.stop();
});
afterEach(() => w.saveDiagnostics());

step('the organizer mints an office code over the protocol', async () => {
  const org = await ProtocolClient.open(w, 'organizer-protocol');
  await org.hello({ code: w.server.secret, encuentro: ID });
  const minted = await org.mint('office', { label: 'Oficina de Participación' });
  assert.equal(minted.type, 'access.minted');
  assert.equal(minted.role, 'office');
  assert.match(minted.join_path, /^\/unirse\?codigo=/);
  s.code = minted.code;
  s.api = await publicView(org.page);
  assert.equal(s.api.details.phase, 'follow_up');
  assert.ok(s.api.commitments.length > 0);
  s.overdue = s.api.commitments.filter((c) => c.overdue);
  assert.ok(s.overdue.length > 0, 'the demo has an overdue commitment');
  // The commitment to report on: in progress, not overdue, below 90 %, without parts (reports on
  // parts are parts.test.mjs's).
  s.k = s.api.commitments.find((c) => c.status === 'en_ejecucion' && !c.overdue && c.percent < 90 && !c.parts?.length);
  assert.ok(s.k, 'a commitment in progress to report on');
});

step('the office joins by its code and sees every commitment with its state', async () => {
  s.office = await w.person('office', devices.tablet);
  const { page } = s.office;
  await joinByCode(s.office, s.code, '/oficina');
  await page.getByRole('heading', { level: 1, name: 'Oficina: seguimiento de compromisos' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Compromisos del encuentro' }).waitFor();
  await waitConnection(page, 'online');
  const cards = page.locator('[data-commitment]');
  await waitFor('every commitment', async () => (await cards.count()) === s.api.commitments.length);
  for (const c of s.api.commitments) {
    const card = page.locator(`[data-commitment="${c.id}"]`);
    // Same state and same R11 mark as the server's public view.
    assert.equal(await card.getAttribute('data-status'), c.status, `${c.id} status`);
    assert.equal(await card.getAttribute('data-overdue'), c.overdue ? '1' : '0', `${c.id} overdue`);
    assert.match(await card.textContent(), new RegExp(`${c.percent} % de avance`), `${c.id} percent`);
    assert.equal(await card.locator('[data-report]').count(), c.reports.length, `${c.id} reports`);
    if (c.terms.office) assert.ok((await card.getByText(c.terms.office, { exact: true }).count()) >= 1);
  }
  for (const c of s.overdue)
    await page.locator(`[data-commitment="${c.id}"]`).getByText('Vencido', { exact: true }).first().waitFor();
  // Grouped by office by default: one level-2 heading per office.
  const offices = [...new Set(s.api.commitments.map((c) => c.terms.office).filter(Boolean))];
  for (const o of offices) await page.getByRole('heading', { level: 2, name: new RegExp(`^${o}`) }).waitFor();
  await view(s.office, 'office');
});

step('the commitments filter by office and status and group by status', async () => {
  const { page } = s.office;
  const ids = () => page.locator('[data-commitment]').evaluateAll((els) => els.map((e) => e.dataset.commitment));
  const office = s.k.terms.office;
  await page.getByLabel('Dependencia responsable').selectOption({ label: office });
  await waitFor('the office filter', async () =>
    JSON.stringify((await ids()).sort()) ===
    JSON.stringify(s.api.commitments.filter((c) => c.terms.office === office).map((c) => c.id).sort()));
  await page.getByLabel('Dependencia responsable').selectOption({ label: 'Todas las dependencias' });
  await page.getByLabel('Estado', { exact: true }).selectOption({ label: 'Vencido' });
  await waitFor('the overdue filter', async () =>
    JSON.stringify(await ids()) === JSON.stringify(s.overdue.map((c) => c.id)));
  await page.getByRole('button', { name: 'Quitar filtros' }).click();
  await page.getByLabel('Agrupar por').selectOption({ label: 'Estado' });
  await page.getByRole('heading', { level: 2, name: /^Vencido/ }).waitFor();
  await page.getByRole('heading', { level: 2, name: /^En ejecución/ }).waitFor();
  await waitFor('every commitment again', async () => (await ids()).length === s.api.commitments.length);
  await view(s.office, 'office-by-status');
  await page.getByLabel('Agrupar por').selectOption({ label: 'Dependencia' });
});

step('the form says what is wrong before sending, and shows a refusal of the server', async () => {
  const { page } = s.office;
  const card = page.locator(`[data-commitment="${s.k.id}"]`);
  await card.getByRole('button', { name: /^Reportar avance/ }).click();
  const form = card.locator(`[data-report-form="${s.k.id}"]`);
  await form.waitFor();
  // The focus goes to the first field; as-of defaults to today in Bogotá.
  assert.equal(await page.evaluate(() => document.activeElement?.id), `of-f-${s.k.id}-percent`);
  assert.equal(await form.getByLabel('Fecha de corte del avance').inputValue(), bogotaToday());
  await form.getByLabel('Porcentaje de avance (0 a 100)').fill('140');
  await form.getByLabel('Enlace a la evidencia (opcional)').fill('javascript:alert(1)');
  await form.getByRole('button', { name: 'Enviar reporte' }).click();
  await form.getByText('El porcentaje debe ser un número entero entre 0 y 100.').waitFor();
  await form.getByText('El enlace debe empezar por https:// o http:// y no tener espacios.').waitFor();
  assert.equal(await form.getByLabel('Porcentaje de avance (0 a 100)').getAttribute('aria-invalid'), 'true');
  await view(s.office, 'office-form-invalid');
  // Typing survives live updates: another office device reports on another commitment while
  // this draft is being written; the event re-renders the view and the draft stays.
  await form.getByLabel('Nota (opcional)').fill('borrador que no debe perderse');
  const other = s.api.commitments.find((c) => c.id !== s.k.id && c.status !== 'cumplido' && !c.parts?.length);
  const device = await ProtocolClient.open(w, 'office-other-device');
  await device.hello({ code: s.code, encuentro: ID });
  await device.command('progress.report', {
    commitment_id: other.id, percent: other.percent, status: other.status,
    note: 'Reporte desde otro dispositivo.', evidence_url: '', as_of: bogotaToday(),
  });
  const otherCard = page.locator(`[data-commitment="${other.id}"]`);
  await waitFor('the other device\'s report', async () =>
    (await otherCard.locator('[data-report]').count()) === other.reports.length + 1);
  assert.equal(await form.getByLabel('Nota (opcional)').inputValue(), 'borrador que no debe perderse');
  assert.equal(await form.getByLabel('Porcentaje de avance (0 a 100)').inputValue(), '140');
  await form.getByLabel('Porcentaje de avance (0 a 100)').fill(String(s.k.percent + 5));
  await form.getByLabel('Enlace a la evidencia (opcional)').fill('');
  // A control character in the note passes the form; the server refuses it.
  await form.getByLabel('Nota (opcional)').fill('con un carácter de control \u0007');
  await form.getByRole('button', { name: 'Enviar reporte' }).click();
  const refusal = form.locator('[data-refusal]');
  await refusal.waitFor();
  assert.match(await refusal.textContent(), /dato inválido \(nota\)/);
  // Nothing was recorded; the draft is still there.
  assert.equal(await card.locator('[data-report]').count(), s.k.reports.length);
  assert.match(await form.getByLabel('Nota (opcional)').inputValue(), /carácter de control/);
});

step('the office reports progress; the report appears in the history and the form resets', async () => {
  const { page } = s.office;
  const card = page.locator(`[data-commitment="${s.k.id}"]`);
  const form = card.locator(`[data-report-form="${s.k.id}"]`);
  s.first = { percent: s.k.percent + 5, note: `Avance de prueba ${Date.now()}: se hicieron dos mesas.` };
  await form.getByLabel('Porcentaje de avance (0 a 100)').fill(String(s.first.percent));
  await form.getByLabel('Estado', { exact: true }).selectOption({ label: 'En ejecución' });
  await form.getByLabel('Nota (opcional)').fill(s.first.note);
  await form.getByLabel('Enlace a la evidencia (opcional)').fill('https://example.org/evidencia/acta-1.pdf');
  await form.getByRole('button', { name: 'Enviar reporte' }).click();
  await form.locator('[data-report-done]').waitFor();
  await waitFor('the new report in the history', async () =>
    (await card.locator('[data-report]').count()) === s.k.reports.length + 1);
  const newest = card.locator('[data-report]').first();
  await newest.getByText(s.first.note).waitFor();
  assert.equal(await newest.locator('a').getAttribute('href'), 'https://example.org/evidencia/acta-1.pdf');
  assert.match(await card.locator('.of-state').textContent(), new RegExp(`${s.first.percent} % de avance`));
  // The form starts again: empty note and link, today.
  assert.equal(await form.getByLabel('Nota (opcional)').inputValue(), '');
  assert.equal(await form.getByLabel('Enlace a la evidencia (opcional)').inputValue(), '');
  assert.equal(await form.getByLabel('Fecha de corte del avance').inputValue(), bogotaToday());
  s.first.id = await newest.getAttribute('data-report');
  await view(s.office, 'office-reported');
});

step('offline, a report waits in the outbox (shown as pending) and is sent when back online', async () => {
  const { page, context } = s.office;
  const card = page.locator(`[data-commitment="${s.k.id}"]`);
  const form = card.locator(`[data-report-form="${s.k.id}"]`);
  s.second = { percent: s.first.percent + 5, note: `Segundo avance ${Date.now()}, enviado sin conexión.` };
  await context.setOffline(true);
  await waitConnection(page, 'offline');
  await form.getByLabel('Porcentaje de avance (0 a 100)').fill(String(s.second.percent));
  await form.getByLabel('Nota (opcional)').fill(s.second.note);
  await form.getByRole('button', { name: 'Enviar reporte' }).click();
  const pending = card.locator('[data-pending]');
  await pending.waitFor();
  await pending.getByText('Pendiente de envío').waitFor();
  await pending.getByText(s.second.note).waitFor();
  await form.getByText(/Sin conexión: el reporte quedó guardado/).waitFor();
  await view(s.office, 'office-offline-pending');
  await context.setOffline(false);
  await waitConnection(page, 'online', timeouts.navigation * 2);
  await waitFor('the pending report sent', async () => (await pending.count()) === 0, timeouts.navigation);
  await waitFor('the second report in the history', async () =>
    (await card.locator('[data-report]').count()) === s.k.reports.length + 2);
  await card.locator('[data-report]').first().getByText(s.second.note).waitFor();
  await form.locator('[data-report-done]').waitFor();
  s.second.id = await card.locator('[data-report]').first().getAttribute('data-report');
});

step('the public read API shows the new reports', async () => {
  const { page } = s.office;
  const api = await publicView(page);
  const c = api.commitments.find((x) => x.id === s.k.id);
  assert.equal(c.reports.length, s.k.reports.length + 2);
  assert.equal(c.latest_report.id, s.second.id);
  assert.equal(c.latest_report.note, s.second.note);
  assert.equal(c.latest_report.percent, s.second.percent);
  assert.equal(c.latest_report.as_of, bogotaToday());
  assert.equal(c.percent, s.second.percent);
  assert.equal(c.status, 'en_ejecucion');
  const first = c.reports.find((r) => r.id === s.first.id);
  assert.ok(first, 'R10: the first report is kept');
  assert.equal(first.note, s.first.note);
  assert.equal(first.evidence_url, 'https://example.org/evidencia/acta-1.pdf');

  const json = await page.request.get(`/api/public/encuentros/${ID}/commitments.json`);
  assert.equal(json.status(), 200);
  const row = (await json.json()).find((r) => r.id === s.k.id);
  assert.equal(row.avance_pct, s.second.percent);
  assert.equal(row.estado, 'en_ejecucion');
  assert.equal(row.fecha_avance, bogotaToday());

  const csv = await page.request.get(`/api/public/encuentros/${ID}/commitments.csv`);
  assert.equal(csv.status(), 200);
  const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  const header = csvCells(lines[0]);
  const cells = csvCells(lines.find((l) => csvCells(l)[0] === s.k.id));
  const at = (name) => cells[header.indexOf(name)];
  assert.equal(at('avance_pct'), String(s.second.percent));
  assert.equal(at('estado'), 'en_ejecucion');
  assert.equal(at('fecha_avance'), bogotaToday());
});

step("the public portal's commitment page shows the new reports", async () => {
  const visitor = await w.person('visitor', devices.phone);
  const { page } = visitor;
  await page.goto(`/publico/${ID}/compromisos/${s.k.id}`);
  await page.getByRole('heading', { level: 1, name: s.k.terms.what }).waitFor();
  await page.locator(`[data-report="${s.second.id}"]`).getByText(s.second.note).waitFor();
  await page.locator(`[data-report="${s.first.id}"]`).getByText(s.first.note).waitFor();
  assert.equal(await page.locator('[data-report]').count(), s.k.reports.length + 2);
  assertNoPageErrors(visitor);
});

step('a reload resumes the session and keeps the history; English works', async () => {
  const { page } = s.office;
  await page.reload();
  const card = page.locator(`[data-commitment="${s.k.id}"]`);
  await card.waitFor({ timeout: timeouts.navigation });
  await waitFor('the history after reload', async () =>
    (await card.locator('[data-report]').count()) === s.k.reports.length + 2);
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Office: commitment follow-up' }).waitFor();
  await card.getByRole('button', { name: /^Report progress/ }).waitFor();
  await view(s.office, 'office-en');
  await page.getByRole('button', { name: /Español/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Oficina: seguimiento de compromisos' }).waitFor();
  assertNoPageErrors(s.office);
});

test('no serious or critical axe violation on the office view', () => {
  a11y.assert();
});
