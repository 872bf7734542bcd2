// A whole encuentro through the UI, one browser context per person: the organizer (laptop),
// the facilitator, relator and public servant (tablets), two citizens (phones: one registered,
// one walk-in) and the projector. Each step is its own test, in order; once one fails the rest
// are skipped (they need it). Every view met on the way is checked with axe and saved as a
// screenshot; the axe findings are asserted together at the end (last test).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  world, devices, timeouts, dateIn, joinByCode, joinByTyping, waitConnection, countExactText,
  waitFor, assertNoPageErrors, checkView, screenshot, send, liveState, SoftFailures, scenario,
} from './harness.mjs';
import { capture, acceptProposal, citizenPropose, relatorReady } from './views.mjs';

const TEST = 'encuentro';
const w = world(TEST);
const a11y = new SoftFailures();
const s = {}; // what the steps pass on: people, codes, ids

const TITLE = 'Encuentro de Diálogo Participativo: Itagüí rinde cuentas';
const POINTS = [
  { title: 'Movilidad', question: '¿Qué cambiaría del transporte público?' },
  { title: 'Seguridad', question: '¿Dónde se siente inseguro?' },
];
const PROPOSALS = [
  'Ampliar la ruta de buses hasta la vereda El Pedregal',
  'Iluminar el parque principal y el sendero peatonal',
];
const QUESTION = '¿Cuándo se publica el presupuesto participativo?';
const ANSWER = 'En la página web de la alcaldía, en marzo.';
const CITIZEN_PROPOSAL = 'Crear un consejo juvenil de movilidad';
const SYNTHESIS = 'El taller pidió transporte para las veredas y espacios seguros.';

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The scenario's steps (harness.scenario): a failed one skips the rest, unless it was not
 *  `blocking`: then its failure is reported and the scenario goes on. */
const step = scenario(w, TEST, { timeout: 90_000 });

/** axe + screenshot of a view; violations are collected, asserted in the last test. */
async function view(person, name) {
  a11y.add(await checkView(person.page, TEST, name));
}

before(async () => {
  await w.start();
});
after(async () => {
  await w.stop();
});
afterEach(() => w.saveDiagnostics());

// ---- organizer: sign in, create, plan, convene ----------------------------------------------------

step('the organizer signs in with the one-time secret', async () => {
  s.org = await w.person('organizer', devices.laptop);
  await joinByTyping(s.org, w.server.secret, '/organizador');
});

step('the organizer creates an encuentro from the list of encuentros', async () => {
  const { page } = s.org;
  await page.getByRole('button', { name: 'Crear encuentro' }).click();
  await view(s.org, 'organizer-chooser-new');
  await page.getByLabel('Título').fill(TITLE);
  await page.getByLabel('Entidades convocantes').fill('Alcaldía de Itagüí\nPersonería de Itagüí');
  await page.getByLabel('Objetivo').fill('Rendir cuentas de la gestión 2026 y recoger propuestas.');
  await page.getByLabel('Resumen del informe').fill('Avances en movilidad y seguridad.');
  await page.getByLabel('Metodología').fill('Talleres simultáneos, plenaria y respuestas de la entidad.');
  await page.getByLabel('Lugar').fill('Casa de la Cultura');
  // R1: the date must leave at least 15 days after publishing the convocation.
  await page.getByLabel('Fecha del encuentro').fill(dateIn(30));
  await page.getByLabel('Hora de inicio').fill('08:00');
  await page.getByLabel('Hora de cierre').fill('12:00');
  await page.getByLabel('Asistencia esperada').fill('40');
  await page.getByRole('button', { name: 'Crear encuentro' }).click();
  await page.waitForURL(/\/organizador\/[^/]+\/plan$/, { timeout: timeouts.navigation });
  s.id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
}, { blocking: false });

step('the organizer plans the central points and guide questions', async () => {
  const { page } = s.org;
  for (const p of POINTS) {
    await page.getByLabel('Título del eje').fill(p.title);
    await page.getByRole('button', { name: 'Agregar eje temático' }).click();
    const input = page.getByLabel(`Nueva pregunta orientadora para ${p.title}`);
    await input.fill(p.question);
    await page.locator('form', { has: input }).getByRole('button', { name: 'Agregar pregunta' }).click();
    await page.getByText(p.question, { exact: true }).waitFor();
  }
  await view(s.org, 'organizer-plan');
});

step('R1: a convocation too close to the date is refused, then published', async () => {
  const { page } = s.org;
  const date = page.getByLabel('Fecha del encuentro');
  await date.fill(dateIn(5));
  await page.getByRole('button', { name: 'Guardar datos' }).click();
  await page.getByText('Guardado.').waitFor();
  await page.getByRole('button', { name: 'Publicar convocatoria' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'al menos 15 días' });
  await refusal.waitFor();
  await view(s.org, 'organizer-plan-r1-refused');
  await date.fill(dateIn(30));
  await page.getByRole('button', { name: 'Guardar datos' }).click();
  await page.getByText('Guardado.').waitFor();
  await page.getByRole('button', { name: 'Publicar convocatoria' }).click();
  await page.getByText(/Convocatoria publicada/).waitFor();
});

// ---- registrations and the door ------------------------------------------------------------------

step('the organizer registers people (two by hand, the rest in bulk)', async () => {
  const { page } = s.org;
  await section(page, 'Inscripciones');
  s.registered = [];
  for (const [name, territory, group] of [
    ['Ana Restrepo', 'Comuna 1', 'Juventud'],
    ['Luis Gómez', 'Comuna 2', 'Persona mayor'],
  ]) {
    await page.getByLabel('Nombre', { exact: true }).fill(name);
    await page.getByLabel('Territorio (comuna, localidad o vereda)').fill(territory);
    await page.getByLabel('Grupo de valor').selectOption({ label: group });
    await page.getByLabel(/autoriza el tratamiento de sus datos/).check();
    await page.getByRole('button', { name: 'Inscribir', exact: true }).click();
    const done = page.getByText(`${name} quedó inscrito/a con el código`);
    await done.waitFor();
    const code = /código (\S+?)\.?$/.exec((await done.textContent()).trim())?.[1];
    assert.ok(code, 'the registration code is shown');
    s.registered.push({ name, code });
  }
  // Bulk: not the point of the test.
  for (let i = 3; i <= 5; i++) {
    await send(page, 'registration.create', {
      name: `Persona ${i}`, territory: `Comuna ${i}`, value_group: 'mujeres', data_consent: true,
    });
  }
  await page.getByText('5 inscritos').first().waitFor();
  await view(s.org, 'organizer-registrations');
});

step('the door: a registered person and a walk-in are accredited; the rest in bulk', async () => {
  const { page } = s.org;
  await section(page, 'Acreditación');
  await page.getByLabel('Buscar por nombre o código de inscripción').fill('Ana');
  await page.getByRole('button', { name: 'Registrar llegada de Ana Restrepo' }).click();
  await page.getByText(/Llegada registrada: Ana Restrepo/).waitFor();
  await view(s.org, 'organizer-door');

  // A walk-in, who gets a personal code on a card.
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Registrar llegada sin inscripción' }) });
  await form.getByLabel('Nombre', { exact: true }).fill('Marta Visitante');
  await form.getByLabel('Territorio (comuna, localidad o vereda)').fill('Vereda El Pedregal');
  await form.getByLabel('Grupo de valor').selectOption({ label: 'Campesino' });
  await form.getByLabel(/autoriza el tratamiento de sus datos/).check();
  await form.getByRole('button', { name: 'Registrar llegada sin inscripción' }).click();
  await page.getByText(/Marta Visitante quedó acreditado\/a/).waitFor();
  await page.getByRole('button', { name: 'Crear tarjeta personal con código' }).click();
  const card = page.getByRole('article', { name: /^Tarjeta de Ciudadano\/a, código / });
  await card.waitFor();
  s.walkInCode = /código (\S+)$/.exec(await card.getAttribute('aria-label'))[1];
  await view(s.org, 'organizer-door-walkin-card');

  const state = await liveState(page);
  for (const r of state.registrants.filter((r) => !r.participant_id)) {
    await send(page, 'checkin.registered', { registrant_id: r.id });
  }
  await send(page, 'checkin.walk_in', { name: 'Pedro Sinregistro', territory: 'Comuna 4', value_group: 'ciudadania', data_consent: true });
  await waitFor('7 people accredited', async () => (await liveState(page)).participants.length === 7);
});

// ---- opening: workshops, staff, access cards ------------------------------------------------------

/** Opens a section of the organizer's encuentro (its navigation). */
async function section(page, name) {
  // The current tab's name may carry a CSS marker and an "ahora" badge: match the words only.
  await page.getByRole('navigation', { name: 'Secciones del encuentro' })
    .getByRole('link', { name: new RegExp(name) }).click();
}

async function advance(page, phase) {
  await section(page, 'Fases');
  await page.getByRole('button', { name: `Pasar a la fase ${phase}` }).click();
  await page.getByRole('button', { name: `Sí, pasar a ${phase}` }).click();
  await page.getByText(`Listo: el encuentro está en la fase ${phase}.`).waitFor();
}

step('the organizer opens the encuentro and forms the workshops with their staff', async () => {
  const { page } = s.org;
  await advance(page, 'Apertura');
  await view(s.org, 'organizer-phases');
  await section(page, 'Talleres');
  await page.getByRole('button', { name: 'Formar talleres' }).click();
  await page.getByText('1 talleres', { exact: false }).first().waitFor();
  for (const [label, name] of [
    ['Facilitador/a del taller 1', 'Camila Facilitadora'],
    ['Relator/a del taller 1', 'Jorge Relator'],
    ['Agregar servidor/a público/a al taller 1', 'Sandra Servidora'],
  ]) {
    const input = page.getByLabel(label, { exact: true });
    await input.fill(name);
    await input.press('Enter'); // submits its form (the save button's label says the same)
    await waitFor(`${name} assigned`, async () => JSON.stringify((await liveState(page)).workshops).includes(name));
  }
  await page.getByText('Equipo completo').waitFor();
  await view(s.org, 'organizer-workshops');
});

step('the organizer mints the access cards; tablets, phones and the projector join by code', async () => {
  const { page } = s.org;
  await section(page, 'Tarjetas de acceso');
  await page.getByRole('button', { name: 'Crear códigos de los 1 talleres' }).click();
  const codeOf = async (role) => {
    const card = page.getByRole('article', { name: new RegExp(`^Tarjeta de ${role}, código `) });
    await card.first().waitFor();
    return /código (\S+)$/.exec(await card.first().getAttribute('aria-label'))[1];
  };
  s.codes = {
    facilitator: await codeOf('Facilitador/a'),
    relator: await codeOf('Relator/a'),
    servant: await codeOf('Servidor/a público/a'),
  };
  await page.getByLabel('Rol').selectOption({ label: 'Pantalla' });
  await page.getByLabel('Etiqueta').fill('Pantalla auditorio');
  await page.getByRole('button', { name: 'Crear código', exact: true }).click();
  s.codes.projector = await codeOf('Pantalla');
  await page.getByRole('button', { name: 'Mostrar código público' }).click();
  const poster = page.getByRole('region', { name: 'Código público del encuentro' })
    .getByRole('img', { name: /^Código QR para entrar con el código / });
  await poster.waitFor();
  s.codes.public = /código (\S+)$/.exec(await poster.getAttribute('alt'))[1];
  await view(s.org, 'organizer-access');

  s.facilitator = await w.person('facilitator', devices.tablet);
  s.relator = await w.person('relator', devices.tablet);
  s.servant = await w.person('servant', devices.tablet);
  s.projector = await w.person('projector', devices.projector);
  s.ana = await w.person('citizen-ana', devices.phone);
  s.marta = await w.person('citizen-marta', devices.phone);
  await joinByCode(s.facilitator, s.codes.facilitator, '/facilitador');
  await joinByCode(s.relator, s.codes.relator, '/relator');
  await joinByCode(s.servant, s.codes.servant, '/servidor');
  await joinByTyping(s.projector, s.codes.projector, '/proyector');
  // Ana came registered: the encuentro's public code, then her registration code.
  await joinByCode(s.ana, s.codes.public, '/ciudadano');
  await s.ana.page.getByLabel('Código de inscripción').waitFor();
  await view(s.ana, 'citizen-link');
  await s.ana.page.getByLabel('Código de inscripción').fill(s.registered[0].code);
  await s.ana.page.getByRole('button', { name: 'Vincular' }).click();
  await s.ana.page.getByText('Usted está en el taller 1.').waitFor();
  // Marta walked in: her personal card.
  await joinByCode(s.marta, s.walkInCode, '/ciudadano');
  await s.marta.page.getByText('Usted está en el taller 1.').waitFor();
  for (const p of [s.facilitator, s.relator, s.servant, s.projector, s.ana, s.marta]) await waitConnection(p.page, 'online');
  await view(s.projector, 'projector-opening');
  await view(s.ana, 'citizen-plan');
});

// ---- the workshop -----------------------------------------------------------------------------------

step('workshops: the facilitator runs the timer, the question and the speaking queue', async () => {
  await advance(s.org.page, 'Talleres');
  const f = s.facilitator.page;
  await f.getByLabel('Minutos del taller').fill('75');
  await f.getByRole('button', { name: 'Iniciar el tiempo' }).click();
  // Pause, resume and extend within R7 (at most 90 minutes in all).
  await f.getByRole('button', { name: 'Pausar el tiempo' }).click();
  await s.projector.page.getByText('en pausa', { exact: false }).first().waitFor();
  await f.getByRole('button', { name: 'Reanudar el tiempo' }).click();
  await f.getByRole('button', { name: '+5 min' }).click();
  await waitFor('the timer extended to 80 minutes', async () =>
    (await liveState(f)).workshops[0].timer.allotted_minutes === 80);
  await f.getByRole('button', { name: 'Pausar el tiempo' }).waitFor();
  await f.getByRole('button', { name: POINTS[0].question }).click();
  await s.ana.page.getByRole('region', { name: 'Pregunta orientadora' })
    .getByText(POINTS[0].question, { exact: true }).waitFor();
  // Ana raises her hand from her phone; the facilitator gives her the floor.
  await s.ana.page.getByRole('button', { name: 'Levantar la mano' }).click();
  await s.ana.page.getByText('Su turno en la fila: 1.', { exact: false }).waitFor();
  await f.getByRole('button', { name: 'Dar la palabra a Ana Restrepo' }).click();
  await s.ana.page.getByText(/le dio la palabra|Tiene la palabra/).waitFor();
  await view(s.facilitator, 'facilitator-workshop');
  await view(s.ana, 'citizen-room');
});

step('workshops: the relator captures, the servant answers, a citizen proposes and it is accepted', async () => {
  const r = s.relator.page;
  await relatorReady(r);
  for (const text of PROPOSALS) await capture(r, { text, kind: 'Propuesta' });
  await capture(r, { text: QUESTION, kind: 'Pregunta' });
  await view(s.relator, 'relator-workshop');
  // The servant answers the question.
  const sv = s.servant.page;
  await sv.getByText(QUESTION, { exact: true }).waitFor();
  const answerBox = sv.locator('article', { hasText: QUESTION }).getByLabel('Respuesta');
  await answerBox.fill(ANSWER);
  await sv.locator('article', { hasText: QUESTION }).getByRole('button', { name: 'Guardar respuesta' }).click();
  // The question moves to the answered list (a new element: the "Respuesta guardada" line of the
  // form it left is not shown).
  await sv.getByRole('region', { name: /^Preguntas respondidas \(1\)/ }).getByText(ANSWER).first().waitFor();
  await view(s.servant, 'servant-workshop');
  // Marta sends her own proposal; the relator accepts it.
  await citizenPropose(s.marta.page, CITIZEN_PROPOSAL);
  await r.getByText(CITIZEN_PROPOSAL, { exact: true }).waitFor();
  await acceptProposal(r, CITIZEN_PROPOSAL);
  for (const text of [...PROPOSALS, CITIZEN_PROPOSAL]) {
    await waitFor(`"${text}" on the projector`, async () => (await countExactText(s.projector.page, text)) === 1);
    await waitFor(`"${text}" on Ana's phone`, async () => (await countExactText(s.ana.page, text)) === 1);
  }
  await view(s.projector, 'projector-workshops');
});

step('workshops: the facilitator opens the vote, citizens vote, the vote closes', async () => {
  const f = s.facilitator.page;
  await f.getByLabel('Puntos por persona').fill('3');
  await f.getByRole('button', { name: 'Abrir la votación' }).click();
  await f.getByText('Votación abierta: 3 puntos por persona.').waitFor();
  for (const [citizen, choices] of [[s.ana, [0, 0, 2]], [s.marta, [1, 2, 2]]]) {
    const texts = [...PROPOSALS, CITIZEN_PROPOSAL];
    for (const i of choices) {
      const item = citizen.page.locator('li', { has: citizen.page.getByText(texts[i], { exact: true }) });
      await item.getByRole('button', { name: 'Dar un punto' }).click();
      await citizen.page.waitForTimeout(200);
    }
    await citizen.page.getByText(/Ya usó todos sus puntos/).waitFor();
  }
  await view(s.ana, 'citizen-voting');
  // The rest of the room votes by show of hands, counted by the facilitator in bulk.
  await f.getByRole('button', { name: 'Cerrar la votación' }).click();
  await f.getByRole('button', { name: 'Sí, cerrar la votación' }).click();
  await f.getByText('Votación cerrada.', { exact: false }).waitFor();
  await view(s.facilitator, 'facilitator-voting-closed');
});

step('workshops: the relator writes and finalizes the synthesis', async () => {
  const r = s.relator.page;
  await r.getByLabel('Texto de la síntesis').fill(SYNTHESIS);
  await r.getByText('Guardada', { exact: true }).waitFor({ timeout: timeouts.navigation });
  await r.getByRole('button', { name: 'Finalizar la síntesis' }).click();
  await r.getByRole('button', { name: 'Sí, finalizar' }).click();
  await r.getByText('Síntesis final.', { exact: false }).waitFor();
  await view(s.relator, 'relator-synthesis');
});

// ---- plenary, evaluation, commitments, publication -------------------------------------------------

step('the plenary: the organizer puts each workshop on the projector; citizens evaluate', async () => {
  await advance(s.org.page, 'Plenaria');
  const { page } = s.org;
  await section(page, 'Plenaria');
  await page.getByRole('button', { name: 'Taller 1', exact: true }).click();
  await s.projector.page.getByText(SYNTHESIS, { exact: true }).waitFor();
  await view(s.projector, 'projector-plenary-workshop');
  await page.getByRole('button', { name: 'Todas las propuestas principales por eje', exact: true }).click();
  await view(s.org, 'organizer-plenary');
  await s.projector.page.waitForTimeout(500);
  await view(s.projector, 'projector-plenary-all');

  const c = s.ana.page;
  for (const aspect of ['Organización del encuentro', 'Metodología', 'Oportunidad de participar', 'Respuestas de la entidad']) {
    await c.getByRole('group', { name: aspect }).getByRole('radio', { name: '5 de 5' }).check();
  }
  await c.getByLabel('Comentario (opcional)').fill('Muy buen espacio.');
  await c.getByRole('button', { name: 'Enviar evaluación' }).click();
  await c.getByText('Gracias: su evaluación quedó registrada.').waitFor();
  await view(s.ana, 'citizen-results');
});

step('commitments: every principal proposal is answered (R9), then the results are published', async () => {
  await advance(s.org.page, 'Compromisos');
  const { page } = s.org;
  await section(page, 'Respuestas y compromisos');
  const principals = (await liveState(page)).workshops[0].principal_proposals;
  assert.ok(principals.length > 0, 'the vote made principal proposals');
  // R9: publishing with unanswered principal proposals is refused.
  await page.getByText(/no se pueden publicar los resultados mientras falten/).waitFor();
  await view(s.org, 'organizer-answers');
  const state = await liveState(page);
  for (const id of principals) {
    const text = state.contributions.find((c) => c.id === id).text;
    await page.getByRole('checkbox', { name: new RegExp(escapeRegExp(text.slice(0, 20))) }).check();
    await page.getByRole('radio', { name: 'Compromiso' }).check();
    await page.getByLabel('Qué se compromete a hacer').fill(`Cumplir: ${text}`);
    await page.getByLabel('Entidad responsable').fill('Alcaldía de Itagüí');
    await page.getByLabel('Dependencia u oficina').fill('Secretaría de Movilidad');
    await page.getByLabel('Fecha límite').fill(dateIn(200));
    await page.getByLabel('Indicador').fill('Obras entregadas');
    await page.getByLabel('Meta').fill('100 %');
    await page.getByRole('button', { name: 'Registrar respuesta' }).click();
    await page.getByText(/Respuesta registrada para 1 propuesta/).waitFor();
  }
  await page.getByText(/Todas las propuestas principales tienen respuesta/).first().waitFor();
  await view(s.projector, 'projector-commitments');
  await advance(page, 'Publicado');
  await view(s.org, 'organizer-published');
  await s.projector.page.waitForTimeout(500);
  await view(s.projector, 'projector-published');
  const res = await page.request.get(`/api/public/encuentros/${encodeURIComponent(s.id)}`);
  assert.equal(res.status(), 200);
  const published = await res.json();
  assert.equal(published.commitments.length, principals.length);
  assert.equal(published.workshops[0].synthesis, SYNTHESIS);
});

step('no uncaught page errors on any view', async () => {
  assertNoPageErrors(...w.people);
});

test('axe: no serious or critical violations on any view met in the scenario', () => {
  a11y.assert();
});
