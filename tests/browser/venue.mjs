// Venue: an encuentro set up over the raw protocol (as tests/integration/live_venue.hpp does),
// for tests whose point is a later moment (the workshops): planned, convened, people checked in,
// workshops formed, staff assigned, phase `opening` (or `workshops`).
import { ProtocolClient, dateIn } from './harness.mjs';

export const VALUE_GROUPS = ['juventud', 'mujeres', 'victimas', 'etnico', 'persona_mayor', 'campesino', 'ciudadania'];

export function details(title = 'Encuentro de prueba en el navegador') {
  return {
    title,
    entities: ['Alcaldía de Prueba'],
    objective: 'Dialogar con la ciudadanía sobre la gestión.',
    report_summary: 'Avances del plan.',
    methodology: 'Talleres, plenaria, respuestas.',
    venue: 'Auditorio municipal',
    date: dateIn(30), // R1: at least 15 days after the convocation
    start_time: '08:00',
    end_time: '13:00',
    expected_attendance: 40,
  };
}

/**
 * Plans, convenes and fills an encuentro: `registered` registrants checked in, `walkIns`
 * walk-ins, workshops formed (one while under 30), staff assigned, the public code made;
 * with `toWorkshops` the phase advanced to `workshops`.
 * Returns { org, id, state, workshop, publicCode, registrationCodes, participants }.
 */
export async function prepareVenue(w, { registered = 4, walkIns = 2, toWorkshops = true } = {}) {
  const org = await ProtocolClient.open(w, 'setup-organizer');
  await org.hello({ code: w.server.secret });
  const created = await org.command('encuentro.create', { details: details() });
  const id = created.ack.encuentro;
  await org.state(id); // follow it
  await org.command('point.add', { title: 'Información pública', description: 'Cómo se informa.' });
  await org.command('point.add', { title: 'Participación' });
  await org.command('question.add', { point_id: 'p1', text: '¿Por qué medios quiere informarse?' });
  await org.command('question.add', { point_id: 'p2', text: '¿Qué espacios de diálogo necesita?' });
  await org.command('convocation.publish');
  for (let i = 0; i < registered; i++) {
    await org.command('registration.create', {
      name: `Persona ${i + 1}`,
      territory: `Comuna ${(i % 4) + 1}`,
      value_group: VALUE_GROUPS[i % VALUE_GROUPS.length],
      data_consent: true,
    });
  }
  for (let i = 0; i < registered; i++) await org.command('checkin.registered', { registrant_id: `r${i + 1}` });
  for (let i = 0; i < walkIns; i++) {
    await org.command('checkin.walk_in', {
      name: `Visitante ${i + 1}`,
      territory: 'Comuna 1',
      value_group: 'ciudadania',
      data_consent: true,
    });
  }
  await org.command('phase.advance', { to: 'opening' });
  await org.command('workshops.form');
  let state = await org.state(id);
  const workshop = state.workshops[0].id;
  for (const ws of state.workshops) {
    for (const role of ['facilitator', 'relator', 'servant']) {
      await org.command('staff.assign', { workshop_id: ws.id, role, name: `${role} ${ws.id}` });
    }
  }
  const publicCode = (await org.request({ type: 'access.public_code' })).code;
  if (toWorkshops) await org.command('phase.advance', { to: 'workshops' });
  state = await org.state(id);
  return {
    org,
    id,
    state,
    workshop,
    publicCode,
    registrationCodes: state.registrants.map((r) => r.code),
    participants: state.participants,
  };
}
