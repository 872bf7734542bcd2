// Hostile text is shown literally: markup typed by the relator or sent from a citizen's phone
// appears as text on the relator's, the facilitator's, the citizen's and the projector's views;
// no dialog opens, no element is injected.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  world, devices, joinByCode, waitConnection, countExactText, waitFor, assertNoPageErrors, screenshot,
  timeouts,
} from './harness.mjs';
import { prepareVenue } from './venue.mjs';
import { acceptProposal, capture, citizenJoin, citizenPropose, relatorReady } from './views.mjs';

const TEST = 'hostile';
const CAPTURED = '<script>alert(1)</script><img src=x onerror=alert(2)><b>negrita</b>';
const ASKED = '<iframe src="javascript:alert(6)"></iframe>¿<i>pregunta</i>?';
const ANSWERED = '<a href="javascript:alert(7)">respuesta</a><img src=x onerror=alert(8)>';
const PROPOSED = '"><img src=x onerror=alert(3)><svg onload=alert(4)></svg><script>alert(5)</script><b>negrita ciudadana</b>';

const w = world(TEST);
let venue;
let people;

before(async () => {
  await w.start();
  venue = await prepareVenue(w, { registered: 4, walkIns: 0, toWorkshops: true });
  const ws = venue.workshop;
  const relator = await w.person('relator', devices.tablet);
  const facilitator = await w.person('facilitator', devices.tablet);
  const projector = await w.person('projector', devices.projector);
  const citizen = await w.person('citizen', devices.phone);
  const other = await w.person('other-citizen', devices.phone);
  const servant = await w.person('servant', devices.tablet);
  await joinByCode(relator, (await venue.org.mint('relator', { workshop: ws })).code, '/relator');
  await joinByCode(facilitator, (await venue.org.mint('facilitator', { workshop: ws })).code, '/facilitador');
  await joinByCode(servant, (await venue.org.mint('servant', { workshop: ws })).code, '/servidor');
  await joinByCode(projector, (await venue.org.mint('projector')).code, '/proyector');
  await citizenJoin(citizen, venue.publicCode, venue.registrationCodes[0]);
  await citizenJoin(other, venue.publicCode, venue.registrationCodes[1]);
  await relatorReady(relator.page);
  people = { relator, facilitator, projector, citizen, other, servant };
  for (const p of Object.values(people)) await waitConnection(p.page, 'online');
});
after(async () => {
  await w.stop();
});
afterEach(() => w.saveDiagnostics());

async function assertLiteral(person, text) {
  const { page } = person;
  await waitFor(`the text on ${person.name}'s view`, async () => (await countExactText(page, text)) >= 1,
    timeouts.navigation);
  assert.equal(await page.$('img[src=x]'), null, `no injected <img> on ${person.name}'s view`);
  assert.equal(await page.$('svg[onload]'), null, `no injected <svg> on ${person.name}'s view`);
  const injected = await page.evaluate(() => ({
    scripts: [...document.querySelectorAll('script')].filter((s) => /alert/.test(s.textContent)).length,
    bold: [...document.querySelectorAll('b')].filter((b) => /negrita/.test(b.textContent)).length,
    handlers: document.querySelectorAll('[onerror], [onload]').length,
    frames: document.querySelectorAll('iframe').length,
    italic: [...document.querySelectorAll('i')].filter((i) => /pregunta/.test(i.textContent)).length,
    links: document.querySelectorAll('a[href^="javascript:"]').length,
  }));
  assert.deepEqual(injected, { scripts: 0, bold: 0, handlers: 0, frames: 0, italic: 0, links: 0 }, `nothing injected on ${person.name}'s view`);
  assert.deepEqual(person.dialogs, [], `no dialog on ${person.name}'s view`);
}

test('markup in a captured contribution and a citizen proposal is shown as text everywhere', { timeout: 120_000 }, async () => {
  const { relator, facilitator, projector, citizen, other } = people;
  await capture(relator.page, { text: CAPTURED, kind: 'Propuesta' });
  await citizenPropose(citizen.page, PROPOSED);
  // The proposal waits for the relator, who sees it literally before accepting it.
  await assertLiteral(relator, PROPOSED);
  await acceptProposal(relator.page, 'negrita ciudadana');

  for (const person of [relator, facilitator, projector, citizen, other]) {
    await assertLiteral(person, CAPTURED);
    await assertLiteral(person, PROPOSED);
  }
  // A moment for any late handler to fire.
  await relator.page.waitForTimeout(500);
  for (const person of [relator, facilitator, projector, citizen, other]) {
    assert.deepEqual(person.dialogs, [], `no dialog on ${person.name}'s view`);
    await screenshot(person.page, TEST, person.name);
  }
  assertNoPageErrors(relator, facilitator, projector, citizen, other);
});

test('markup in a question and in the servant\'s answer is shown as text', { timeout: 120_000 }, async () => {
  const { relator, facilitator, projector, citizen, servant } = people;
  await capture(relator.page, { text: ASKED, kind: 'Pregunta' });
  await assertLiteral(servant, ASKED);
  const item = servant.page.locator('article', { hasText: 'pregunta' });
  await item.getByLabel('Respuesta').fill(ANSWERED);
  await item.getByRole('button', { name: 'Guardar respuesta' }).click();
  for (const person of [servant, relator, facilitator, projector, citizen]) {
    await assertLiteral(person, ASKED);
    // The answer may be shown with a prefix ("Respuesta: …"): look for it inside the text.
    await waitFor(`the answer on ${person.name}'s view`, () =>
      person.page.evaluate((text) => document.querySelector('main').textContent.includes(text), ANSWERED),
    timeouts.navigation);
  }
  for (const person of [servant, relator, facilitator, projector, citizen]) {
    await assertLiteral(person, ASKED);
    await screenshot(person.page, TEST, `${person.name}-question`);
  }
  assertNoPageErrors(servant, relator, facilitator, projector, citizen);
});
