// The printable memoria (/publico/:id/memoria) of the demo's published encuentro (e-cascajal-2026):
// every section, figures checked against the public API, no personal data (no e-mail or phone
// number, none of the demo's registrant names or codes), the "Imprimir" button, axe on a laptop
// and a phone, screenshots on screen and with print media, and a PDF (memoria.pdf in the
// artifacts) of more than one page. Expectations come from the public API, so the test does not
// depend on the day it runs.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  world, devices, config, assertNoPageErrors, artifactsFor, checkView, screenshot, SoftFailures, waitFor, scenario } from './harness.mjs';

const TEST = 'memoria';
const ID = 'e-cascajal-2026';
const URL_ = `/publico/${ID}/memoria`;
const w = world(TEST);
const a11y = new SoftFailures();
const s = {};
const step = scenario(w, TEST, { timeout: 60_000 });

async function view(person, name) {
  a11y.add(await checkView(person.page, TEST, name));
}

// The demo's registrants (server/app/demo.cpp): fictional names combined deterministically, and
// their codes. None may reach the memoria.
const GIVEN = ['María', 'José', 'Luz Marina', 'Carlos', 'Ana Milena', 'Jhon Jairo', 'Paola', 'Andrés', 'Yuliana',
  'Luis Fernando', 'Gloria', 'Wilson', 'Daniela', 'Édgar', 'Marleny', 'Sebastián', 'Rosa Elena', 'Fredy'];
const SURNAME = ['Restrepo', 'Gómez', 'Zapata', 'Quintero', 'Mosquera', 'Cardona', 'Palacios', 'Arango', 'Valencia',
  'Córdoba', 'Londoño', 'Hurtado', 'Salgado', 'Berrío', 'Marimón', 'Julio'];
const demoPeople = Array.from({ length: 120 }, (_, i) =>
  `${GIVEN[i % GIVEN.length]} ${SURNAME[(i * 7) % SURNAME.length]} ${SURNAME[(i * 3 + 1) % SURNAME.length]}`);

/** "4,50" as the page writes it in Spanish (es-CO). */
const es2 = (n) => n.toFixed(2).replace('.', ',');

before(async () => {
  await w.start({ demo: true });
});
after(async () => {
  await w.stop();
});
afterEach(() => w.saveDiagnostics());

step('the public API has the demo encuentro (the expectations below come from it)', async () => {
  s.reader = await w.person('reader', devices.laptop);
  s.sockets = [];
  s.reader.page.on('websocket', (ws) => s.sockets.push(ws.url()));
  const res = await s.reader.page.request.get(`/api/public/encuentros/${ID}`);
  assert.equal(res.status(), 200);
  s.api = await res.json();
  assert.ok(s.api.workshops.length > 0 && s.api.commitments.length > 0, 'the demo has workshops and commitments');
  assert.ok(s.api.evaluation.count > 0, 'the demo has evaluations');
});

step('the memoria shows every section, in heading order', async () => {
  const { page } = s.reader;
  // window.print is counted, not run (a print dialog would block a headed browser).
  await page.addInitScript(() => {
    window.__printed = 0;
    window.print = () => {
      window.__printed++;
    };
  });
  await page.goto(URL_);
  await page.getByRole('heading', { level: 1, name: s.api.details.title }).waitFor();
  for (const name of ['1. Datos del encuentro', '2. Ejes temáticos y preguntas orientadoras', '3. Asistencia',
    '4. Talleres y propuestas principales', '5. Respuestas y compromisos', '6. Evaluación del encuentro'])
    await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
  const levels = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
  assert.equal(levels.filter((l) => l === 1).length, 1, 'one h1');
  assert.equal(levels[0], 1, 'the h1 comes first');
  for (let i = 1; i < levels.length; i++)
    assert.ok(levels[i] <= levels[i - 1] + 1, `no skipped heading level (h${levels[i - 1]} then h${levels[i]})`);
  assert.equal(await page.title(), `Memoria · ${s.api.details.title}`);
});

step('details, points and guide questions come from the API', async () => {
  const { page } = s.reader;
  const d = s.api.details;
  const doc = page.locator('[data-memoria]');
  const text = await doc.innerText();
  for (const part of [d.venue, d.objective, d.report_summary, d.methodology, ...d.entities])
    if (part) assert.ok(text.includes(part), `the memoria shows "${part}"`);
  assert.ok(text.includes(`de ${d.start_time} a ${d.end_time}`), 'the times');
  for (const [i, p] of s.api.points.entries()) {
    await page.getByRole('heading', { level: 3, name: `Eje ${i + 1}. ${p.title}`, exact: true }).waitFor();
    for (const q of p.questions) assert.ok(text.includes(q.text), q.text);
  }
});

step('attendance: total, registered vs walk-ins, by value group and territory (charts with tables)', async () => {
  const { page } = s.reader;
  const a = s.api.attendance;
  const figure = (name) => page.locator(`[data-figure="${name}"]`).innerText();
  assert.equal(await figure('total'), String(a.total));
  assert.equal(await figure('registered'), String(a.registered));
  assert.equal(await figure('walk-ins'), String(a.total - a.registered));
  await page.getByRole('table', { name: 'Asistentes según su inscripción' }).waitFor();
  const groups = page.getByRole('table', { name: 'Asistentes por grupo de valor' });
  assert.equal(await groups.locator('tbody tr').count(), a.by_value_group.filter((r) => r.count > 0).length);
  const territories = page.getByRole('table', { name: 'Asistentes por territorio' });
  assert.equal(await territories.locator('tbody tr').count(), a.by_territory.filter((r) => r.count > 0).length);
  const sum = a.by_territory.reduce((n, r) => n + r.count, 0);
  for (const r of a.by_territory) {
    const row = territories.getByRole('row', { name: new RegExp(`^${r.territory}`) });
    assert.match(await row.innerText(), new RegExp(`${r.count} \\(${Math.round((r.count / sum) * 100)} %\\)`), r.territory);
  }
});

step('each workshop: participants, synthesis, ranked principal proposals with votes and answers', async () => {
  const { page } = s.reader;
  for (const ws of s.api.workshops) {
    const sec = page.locator(`[data-workshop="${ws.number}"]`);
    await sec.getByRole('heading', { level: 3, name: `Taller ${ws.number}`, exact: true }).waitFor();
    const text = await sec.innerText();
    assert.ok(text.includes(`Participantes: ${ws.participants}`), `workshop ${ws.number} participants`);
    if (ws.synthesis) assert.ok(text.includes(ws.synthesis), `workshop ${ws.number} synthesis`);
    const rows = sec.locator('[data-proposal]');
    assert.deepEqual(await rows.evaluateAll((rs) => rs.map((r) => r.dataset.proposal)), ws.principal_proposals.map((p) => p.id),
      'the proposals in the API\'s ranked order');
    for (const p of ws.principal_proposals) {
      const row = sec.locator(`[data-proposal="${p.id}"]`);
      assert.ok((await row.innerText()).includes(p.text), p.text);
      assert.equal(await row.locator('[data-votes]').innerText(), String(p.votes));
      const answer = { commitment: 'Respuesta: compromiso', not_adopted: 'Respuesta: no adoptada', referred: 'Respuesta: remitida' };
      if (p.answer && answer[p.answer.kind]) assert.ok((await row.innerText()).includes(answer[p.answer.kind]), `${p.id} answer`);
      if (p.answer?.reason) assert.ok((await row.innerText()).includes(p.answer.reason), `${p.id} reason`);
    }
  }
});

step('answers and commitments: terms, due date, status, percent, overdue', async () => {
  const { page } = s.reader;
  const cards = page.locator('[data-commitment]');
  assert.equal(await cards.count(), s.api.commitments.length);
  const status = { pendiente: 'Pendiente', en_ejecucion: 'En ejecución', cumplido: 'Cumplido', no_cumplido: 'No cumplido' };
  for (const c of s.api.commitments) {
    const card = page.locator(`[data-commitment="${c.id}"]`);
    const text = await card.innerText();
    for (const part of [c.terms.what, c.terms.entity, c.terms.office, c.terms.indicator, c.terms.goal])
      if (part) assert.ok(text.includes(part), `${c.id}: ${part}`);
    assert.ok(text.includes(`${c.percent} % de avance`), `${c.id} percent`);
    // The commitment's own state (a commitment with parts also shows each part's).
    await card.locator('.mm-state').getByText(status[c.status], { exact: true }).waitFor();
    assert.equal(await card.getAttribute('data-overdue'), c.overdue ? '1' : '0');
    assert.equal(await card.getByText('Vencido', { exact: true }).count(), c.overdue ? 1 : 0, `${c.id} overdue mark`);
  }
  const summary = page.getByRole('table', { name: /^Compromisos por estado al/ });
  const overdue = s.api.commitments.filter((c) => c.overdue).length;
  assert.equal((await summary.getByRole('row', { name: /^Vencido/ }).innerText()).replace(/\s+/g, ''), `Vencido${overdue}`);
  const answered = s.api.workshops.flatMap((x) => x.principal_proposals).filter((p) => p.answer?.kind === 'commitment').length;
  const answers = page.getByRole('table', { name: 'Propuestas principales según la respuesta de la entidad' });
  assert.equal((await answers.getByRole('row', { name: /^Con compromiso/ }).innerText()).replace(/\s+/g, ''), `Concompromiso${answered}`);
});

step('the evaluation summary: count and the four averages as a chart', async () => {
  const { page } = s.reader;
  const ev = s.api.evaluation;
  await page.getByText(`${ev.count} asistentes respondieron la evaluación`).waitFor();
  const chart = page.getByRole('table', { name: 'Promedio de la evaluación por aspecto (de 1 a 5)' });
  const names = { organisation: 'Organización', methodology: 'Metodología', participation: 'Participación', answers: 'Respuestas de la entidad' };
  for (const [k, label] of Object.entries(names)) {
    const v = ev.averages[k];
    if (v === null) continue;
    assert.match(await chart.getByRole('row', { name: new RegExp(`^${label}`) }).innerText(), new RegExp(`${es2(v)} de 5`), k);
  }
  const colophon = await page.locator('.mm-colophon').innerText();
  assert.match(colophon, /Memoria generada el .+ con los datos públicos al/);
  assert.ok(colophon.includes(`/publico/${ID}`), 'the source line names the portal page');
});

step('no personal data: no e-mail, no phone number, no registrant name or code', async () => {
  const { page } = s.reader;
  const text = await page.locator('body').innerText();
  assert.ok(!text.includes('@'), 'no e-mail-like text');
  const phone = /(?:\+57[\s-]?)?\b3\d{2}[\s-]?\d{3}[\s-]?\d{4}\b|\b\d{7,}\b|\(\d{1,3}\)\s?\d{3}[\s-]?\d{4}/;
  assert.equal(phone.exec(text)?.[0] ?? null, null, 'no phone-number-like text');
  const named = demoPeople.filter((n) => text.includes(n));
  assert.deepEqual(named, [], 'no demo registrant name');
  assert.ok(!/DEMO-\d+/.test(text), 'no registration code');
  const html = await page.content();
  assert.ok(!html.includes('mailto:') && !html.includes('tel:'), 'no contact links');
});

step('the "Imprimir" button prints; the page passes axe (laptop and phone)', async () => {
  const { page } = s.reader;
  const button = page.getByRole('button', { name: 'Imprimir' });
  assert.ok(await button.isVisible(), 'the print button is visible on screen');
  await button.click();
  await waitFor('window.print()', () => page.evaluate(() => window.__printed === 1));
  await view(s.reader, 'memoria');
  const phone = await w.person('phone', devices.phone);
  await phone.page.goto(URL_);
  await phone.page.getByRole('heading', { level: 2, name: '6. Evaluación del encuentro' }).waitFor();
  await view(phone, 'memoria-phone');
  assertNoPageErrors(phone);
});

step('on paper: no app chrome, a new page per major section, and a PDF of several pages', async () => {
  const { page } = s.reader;
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('button', { name: 'Imprimir' }).isVisible(), false, 'no print button on paper');
  assert.equal(await page.getByRole('link', { name: /Volver al encuentro/ }).isVisible(), false, 'no navigation on paper');
  const breaks = await page.locator('.mm-section').evaluateAll((els) =>
    els.map((e) => [e.id, getComputedStyle(e).breakBefore]));
  for (const id of ['mm-attendance', 'mm-workshops', 'mm-commitments', 'mm-evaluation'])
    assert.equal(breaks.find(([x]) => x === id)?.[1], 'page', `${id} starts a page`);
  const card = await page.locator('[data-commitment]').first().evaluate((e) => getComputedStyle(e).breakInside);
  assert.equal(card, 'avoid', 'a commitment is not split across pages');
  const bar = await page.locator('.pt-bar').first().evaluate((e) => getComputedStyle(e).printColorAdjust);
  assert.equal(bar, 'exact', 'the chart bars print');
  await screenshot(page, TEST, 'memoria-print');

  if (config.headed) return; // page.pdf() needs headless Chromium
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  const path = join(artifactsFor(TEST), 'memoria.pdf');
  writeFileSync(path, pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  assert.ok(pdf.length > 20_000, `the PDF has content (${pdf.length} bytes)`);
  assert.ok(pages > 1, `the PDF has more than one page (${pages})`);
  await page.emulateMedia({ media: 'screen' });
});

step('the memoria switches to English', async () => {
  const { page } = s.reader;
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { level: 2, name: '3. Attendance', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Print' }).waitFor();
  await page.getByRole('button', { name: /Español/ }).click();
  await page.getByRole('heading', { level: 2, name: '3. Asistencia', exact: true }).waitFor();
});

step('an unpublished encuentro has no memoria', async () => {
  const { page } = s.reader;
  await page.goto('/publico/e-itagui-instancias/memoria');
  await page.getByRole('alert').getByText('No publicado o no existe').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Imprimir' }).isDisabled(), true);
  await view(s.reader, 'memoria-not-found');
});

step('the memoria never opened the live WebSocket, nor threw', async () => {
  assert.deepEqual(s.sockets, []);
  assertNoPageErrors(s.reader);
});

test('no serious or critical axe violation on the memoria', () => {
  a11y.assert();
});
