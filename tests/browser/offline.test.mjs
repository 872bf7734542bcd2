// Never lose a word: the relator's tablet loses the network mid-workshop, captures three
// contributions, comes back: each reaches the projector and the facilitator exactly once. Then,
// offline again, the relator's page is reloaded with no network (the service worker serves the
// app): the unsent captures are still there (IndexedDB) and are delivered once when the network
// comes back.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  world, devices, timeouts, joinByCode, waitConnection, countExactText, waitFor,
  assertNoPageErrors, screenshot,
} from './harness.mjs';
import { prepareVenue } from './venue.mjs';
import { capture, relatorReady } from './views.mjs';

const TEST = 'offline';
const w = world(TEST);
let venue;
let relator;
let facilitator;
let projector;

before(async () => {
  await w.start();
  venue = await prepareVenue(w, { registered: 4, walkIns: 2, toWorkshops: true });
  const ws = venue.workshop;
  const codes = {
    relator: (await venue.org.mint('relator', { workshop: ws })).code,
    facilitator: (await venue.org.mint('facilitator', { workshop: ws })).code,
    projector: (await venue.org.mint('projector')).code,
  };
  relator = await w.person('relator', devices.tablet);
  facilitator = await w.person('facilitator', devices.tablet);
  projector = await w.person('projector', devices.projector);
  await joinByCode(relator, codes.relator, '/relator');
  await joinByCode(facilitator, codes.facilitator, '/facilitador');
  await joinByCode(projector, codes.projector, '/proyector');
  await relatorReady(relator.page);
  for (const p of [relator, facilitator, projector]) await waitConnection(p.page, 'online');
});
after(async () => {
  await w.stop();
});
afterEach(() => w.saveDiagnostics());

/** What the server holds: how many active contributions of the workshop have `text`. */
async function serverCount(text) {
  const state = await venue.org.state(venue.id);
  return state.contributions.filter((c) => c.text === text).length;
}

async function deliveredOnce(texts) {
  for (const text of texts) {
    await waitFor(`"${text}" on the projector`, async () => (await countExactText(projector.page, text)) >= 1,
      timeouts.navigation);
    await waitFor(`"${text}" on the facilitator's list`, async () => (await countExactText(facilitator.page, text)) >= 1,
      timeouts.navigation);
  }
  // Let any duplicate that would come arrive before counting.
  await relator.page.waitForTimeout(1000);
  for (const text of texts) {
    assert.equal(await countExactText(projector.page, text), 1, `"${text}" shown once on the projector`);
    assert.equal(await countExactText(facilitator.page, text), 1, `"${text}" shown once to the facilitator`);
    assert.equal(await serverCount(text), 1, `"${text}" stored once by the server`);
  }
}

test('three contributions captured offline arrive once each', { timeout: 120_000 }, async () => {
  const texts = [
    'Sin conexión 1: más horarios de atención en la vereda',
    'Sin conexión 2: publicar el presupuesto en la emisora comunitaria',
    'Sin conexión 3: mesas de trabajo con juventud cada trimestre',
  ];
  await relator.context.setOffline(true);
  await waitConnection(relator.page, 'offline');
  for (const text of texts) await capture(relator.page, { text });
  // Shown at once on the relator's tablet, marked as waiting to be sent.
  for (const text of texts) {
    assert.equal(await countExactText(relator.page, text), 1, `"${text}" visible on the relator while offline`);
  }
  assert.equal(await relator.page.evaluate(() => window.encuentroLive.outbox.value.length), 3);
  await screenshot(relator.page, TEST, 'relator-offline');
  // Nobody else has them yet.
  for (const text of texts) assert.equal(await countExactText(projector.page, text), 0);

  await relator.context.setOffline(false);
  await waitConnection(relator.page, 'online', 30_000);
  await deliveredOnce(texts);
  await waitFor('the relator outbox to empty', () =>
    relator.page.evaluate(() => window.encuentroLive.outbox.value.length === 0));
  for (const text of texts) assert.equal(await countExactText(relator.page, text), 1, `"${text}" once on the relator`);
  await screenshot(projector.page, TEST, 'projector-after');
  await screenshot(facilitator.page, TEST, 'facilitator-after');
  assertNoPageErrors(relator, facilitator, projector);
});

test('a reload while offline keeps the unsent captures; they are delivered once', { timeout: 120_000 }, async () => {
  const texts = [
    'Tras recargar 1: transporte para la gente de las veredas',
    'Tras recargar 2: intérprete de LSC en todas las reuniones',
  ];
  // The venue's network drops for this tablet.
  await relator.context.setOffline(true);
  await waitConnection(relator.page, 'offline');
  for (const text of texts) await capture(relator.page, { text });
  assert.equal(await relator.page.evaluate(() => window.encuentroLive.outbox.value.length), 2);

  // Reload with no network at all: the service worker serves the app, IndexedDB the state and
  // the unsent captures.
  await relator.page.reload();
  await relatorReady(relator.page);
  await waitFor('the unsent captures to be restored from IndexedDB', () =>
    relator.page.evaluate(() => window.encuentroLive.outbox.value.length === 2));
  for (const text of texts) {
    assert.equal(await countExactText(relator.page, text), 1, `"${text}" still shown on the relator after the reload`);
    assert.equal(await countExactText(projector.page, text), 0);
  }
  await screenshot(relator.page, TEST, 'relator-reloaded-offline');

  await relator.context.setOffline(false);
  await waitConnection(relator.page, 'online', 45_000);
  await deliveredOnce(texts);
  await waitFor('the relator outbox to empty', () =>
    relator.page.evaluate(() => window.encuentroLive.outbox.value.length === 0));
  assertNoPageErrors(relator, facilitator, projector);
});
