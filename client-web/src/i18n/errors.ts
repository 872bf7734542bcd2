// A sentence for every error the server can answer (shared/protocol/README.md, "Errors"; rule
// codes are RejectionCode in server/domain/decide.hpp), plus the client's own `offline` and
// `timeout`. `details` add specifics where the server sends them.
import { register, t } from './index';
import type { Error as ErrorReply } from '../core/protocol';

const es: Record<string, string> = {
  // protocol: a bug in this app, not something the person did
  'errors.bad_json': 'La aplicación envió un mensaje dañado. Recargue la página.',
  'errors.invalid_field': 'La aplicación envió un dato con formato inválido{field}.',
  'errors.missing_field': 'Falta un dato obligatorio{field}.',
  'errors.unknown_type': 'El servidor no reconoce este mensaje. Actualice la aplicación.',
  'errors.unknown_field': 'El servidor no reconoce un dato enviado{field}. Actualice la aplicación.',
  'errors.binary_frame': 'La aplicación envió un mensaje en un formato no admitido.',
  'errors.too_large': 'El mensaje es demasiado grande. Acorte el texto e intente de nuevo.',
  'errors.protocol_version':
    'Esta versión de la aplicación no es compatible con el servidor. Recargue la página.',
  'errors.not_greeted': 'La conexión no se inició correctamente. Recargue la página.',
  'errors.already_greeted': 'La conexión ya estaba iniciada. Recargue la página.',
  'errors.not_subscribed': 'Primero abra un encuentro.',
  'errors.invalid_op': 'La aplicación envió un identificador de operación inválido.',
  // access
  'errors.malformed_code': 'Ese código no tiene el formato correcto. Revíselo, por ejemplo ABCD-EFGH-JK.',
  'errors.invalid_code': 'Ese código no es válido. Revíselo e intente de nuevo.',
  'errors.locked_out':
    'Demasiados códigos equivocados desde esta red. Espere {wait} e intente de nuevo.',
  'errors.unknown_token': 'Su sesión ya no existe. Ingrese de nuevo con su código.',
  'errors.expired': 'Su sesión venció. Ingrese de nuevo con su código.',
  'errors.revoked': 'Su acceso fue revocado. Pida un código nuevo al equipo organizador.',
  'errors.access.invalid_argument': 'La solicitud de acceso tiene un dato inválido{field}.',
  'errors.access.not_found': 'No se encontró ese código de acceso o esa persona.',
  // authorization
  'errors.forbidden': 'Su rol no permite esta acción.',
  'errors.wrong_encuentro': 'Su sesión pertenece a otro encuentro.',
  'errors.wrong_workshop': 'Esta acción corresponde a otro taller.',
  'errors.unknown_encuentro': 'Ese encuentro no existe o todavía no es público.',
  // rule
  'errors.not_checked_in':
    'Esa inscripción todavía no ha hecho el registro de llegada. Acérquese a la mesa de acreditación.',
  'errors.invalid_argument': 'Hay un dato inválido{field}: revise que no esté vacío ni sea demasiado largo.',
  'errors.not_found': 'No se encontró el elemento{id}; puede que otra persona lo haya cambiado.',
  'errors.already_exists': 'Eso ya existe.',
  'errors.wrong_phase': 'No se puede hacer en la fase actual{phase}.',
  'errors.phase_skip': 'Las fases avanzan de una en una{next}.',
  'errors.convocation_too_late':
    'La convocatoria debe publicarse al menos 15 días antes del encuentro{earliest}.',
  'errors.plan_incomplete':
    'Falta completar la planeación: cada eje temático necesita al menos una pregunta orientadora.',
  'errors.consent_required':
    'Sin la autorización de tratamiento de datos personales (Ley 1581 de 2012) no se pueden registrar sus datos.',
  'errors.already_checked_in': 'Esta persona ya hizo el registro de llegada.',
  'errors.workshops_not_formed': 'Primero hay que conformar los talleres.',
  'errors.workshop_full': 'El taller está lleno{cap}.',
  'errors.staff_missing': 'Cada taller necesita facilitador/a y relator/a{workshops}.',
  'errors.duration_out_of_range': 'El tiempo del taller debe estar entre 60 y 90 minutos{max}.',
  'errors.timer_state': 'El temporizador no está en el estado necesario para esa acción.',
  'errors.not_a_member': 'Esa persona no pertenece a este taller.',
  'errors.already_in_queue': 'Ya tiene la mano levantada.',
  'errors.not_in_queue': 'No tiene la mano levantada.',
  'errors.complaint_not_received':
    'Las quejas no se reciben en el encuentro: remita a la persona al canal de PQRSD de la entidad.',
  'errors.not_a_question': 'Solo las preguntas reciben respuesta de un servidor/a público/a.',
  'errors.not_pending': 'Esa propuesta ya no está pendiente: otra persona ya la revisó.',
  'errors.not_mergeable': 'Esos aportes no se pueden unir{id}.',
  'errors.voting_closed': 'La votación está cerrada.',
  'errors.voting_open': 'Hay una votación abierta{workshops}: ciérrela primero.',
  'errors.no_dots_left': 'Ya usó todos sus puntos{dots}. Retire uno para votar por otra propuesta.',
  'errors.no_vote': 'No había votado por esa propuesta.',
  'errors.no_votes': 'Todavía no hay votos: primero hay que priorizar.',
  'errors.not_a_proposal': 'Solo las propuestas aceptadas se pueden priorizar.',
  'errors.synthesis_final': 'La síntesis del taller ya es definitiva.',
  'errors.not_principal': 'Solo se responden las propuestas principales{id}.',
  'errors.already_answered': 'Esa propuesta ya tiene respuesta{id}.',
  'errors.unanswered_proposals':
    'No se pueden publicar los resultados: faltan respuestas a propuestas principales{proposals}.',
  'errors.results_published':
    'Los resultados publicados son permanentes: los cambios se registran como nuevas versiones.',
  'errors.already_evaluated': 'Ya respondió la evaluación. ¡Gracias!',
  'errors.kind_locked': 'Una propuesta con votos o principal conserva su tipo.',
  'errors.already_replied': 'Esa observación ya tiene la respuesta de la entidad.',
  'errors.not_approved': 'Solo se responden las observaciones aprobadas.',
  'errors.too_many_pending': 'Hay demasiadas observaciones esperando moderación. Intente más tarde.',
  'errors.already_erased': 'Los datos personales ya se habían borrado.',
  // limit, storage, internal
  'errors.rate_limited': 'Demasiadas acciones seguidas. Se reintentará en un momento.',
  'errors.storage_unavailable': 'El servidor no pudo guardar ahora. Se reintentará automáticamente.',
  'errors.internal': 'Error interno del servidor. Se reintentará más tarde.',
  // this client's own
  'errors.offline': 'Sin conexión con el servidor. Intente de nuevo cuando vuelva la conexión.',
  'errors.timeout': 'El servidor no respondió a tiempo. Intente de nuevo.',
  'errors.unknown': 'No se pudo completar la acción ({code}).',
  // details
  'errors.d.field': ' ({value})',
  'errors.d.id': ' ({value})',
  'errors.d.phase': ': {value}',
  'errors.d.next': '; la siguiente es {value}',
  'errors.d.earliest': '; la fecha más temprana posible es {value}',
  'errors.d.cap': ' (máximo {value} personas)',
  'errors.d.workshops': ' (talleres: {value})',
  'errors.d.max': '; se pueden añadir como máximo {value} minutos',
  'errors.d.dots': ' ({value} por persona)',
  'errors.d.proposals': ' ({value})',
  'errors.wait.minutes': '{n} minutos',
  'errors.wait.seconds': '{n} segundos',
  'errors.wait.moment': 'un momento',
  // phase names, for `details.phase`
  'errors.phase.draft': 'borrador',
  'errors.phase.convened': 'convocado',
  'errors.phase.opening': 'apertura',
  'errors.phase.workshops': 'talleres',
  'errors.phase.plenary': 'plenaria',
  'errors.phase.commitments': 'compromisos',
  'errors.phase.published': 'publicado',
  'errors.phase.follow_up': 'seguimiento',
  'errors.phase.closed': 'cerrado',
};

const en: Record<string, string> = {
  'errors.bad_json': 'The app sent a damaged message. Reload the page.',
  'errors.invalid_field': 'The app sent a value in an invalid format{field}.',
  'errors.missing_field': 'A required value is missing{field}.',
  'errors.unknown_type': 'The server does not know this message. Update the app.',
  'errors.unknown_field': 'The server does not know a value that was sent{field}. Update the app.',
  'errors.binary_frame': 'The app sent a message in an unsupported format.',
  'errors.too_large': 'The message is too large. Shorten the text and try again.',
  'errors.protocol_version': 'This version of the app does not match the server. Reload the page.',
  'errors.not_greeted': 'The connection did not start properly. Reload the page.',
  'errors.already_greeted': 'The connection had already started. Reload the page.',
  'errors.not_subscribed': 'Open an encuentro first.',
  'errors.invalid_op': 'The app sent an invalid operation id.',
  'errors.malformed_code': 'That code is not well formed. Check it, e.g. ABCD-EFGH-JK.',
  'errors.invalid_code': 'That code is not valid. Check it and try again.',
  'errors.locked_out': 'Too many wrong codes from this network. Wait {wait} and try again.',
  'errors.unknown_token': 'Your session no longer exists. Join again with your code.',
  'errors.expired': 'Your session has expired. Join again with your code.',
  'errors.revoked': 'Your access was revoked. Ask the organizers for a new code.',
  'errors.access.invalid_argument': 'The access request has an invalid value{field}.',
  'errors.access.not_found': 'That access code or person was not found.',
  'errors.forbidden': 'Your role does not allow this action.',
  'errors.wrong_encuentro': 'Your session belongs to another encuentro.',
  'errors.wrong_workshop': 'This action belongs to another workshop.',
  'errors.unknown_encuentro': 'That encuentro does not exist or is not public yet.',
  'errors.not_checked_in': 'That registration has not checked in yet. Go to the accreditation desk.',
  'errors.invalid_argument': 'A value is invalid{field}: check it is not empty or too long.',
  'errors.not_found': 'The item was not found{id}; someone else may have changed it.',
  'errors.already_exists': 'That already exists.',
  'errors.wrong_phase': 'Not possible in the current phase{phase}.',
  'errors.phase_skip': 'Phases move forward one at a time{next}.',
  'errors.convocation_too_late':
    'The convocation must be published at least 15 days before the encuentro{earliest}.',
  'errors.plan_incomplete': 'The plan is incomplete: every central point needs a guide question.',
  'errors.consent_required':
    'Without consent to personal data processing (Ley 1581 de 2012) no data can be recorded.',
  'errors.already_checked_in': 'This person has already checked in.',
  'errors.workshops_not_formed': 'The workshops must be formed first.',
  'errors.workshop_full': 'The workshop is full{cap}.',
  'errors.staff_missing': 'Every workshop needs a facilitator and a relator{workshops}.',
  'errors.duration_out_of_range': 'Workshop time must be between 60 and 90 minutes{max}.',
  'errors.timer_state': 'The timer is not in the state this action needs.',
  'errors.not_a_member': 'That person is not in this workshop.',
  'errors.already_in_queue': 'The hand is already raised.',
  'errors.not_in_queue': 'The hand is not raised.',
  'errors.complaint_not_received':
    "Complaints are not received at the encuentro: refer the person to the entity's PQRSD channel.",
  'errors.not_a_question': "Only questions get a public servant's answer.",
  'errors.not_pending': 'That proposal is no longer pending: someone already reviewed it.',
  'errors.not_mergeable': 'Those contributions cannot be merged{id}.',
  'errors.voting_closed': 'Voting is closed.',
  'errors.voting_open': 'A vote is open{workshops}: close it first.',
  'errors.no_dots_left': 'You have used all your dots{dots}. Remove one to vote for another proposal.',
  'errors.no_vote': 'You had not voted for that proposal.',
  'errors.no_votes': 'There are no votes yet: prioritise first.',
  'errors.not_a_proposal': 'Only accepted proposals can be prioritised.',
  'errors.synthesis_final': "The workshop's synthesis is already final.",
  'errors.not_principal': 'Only principal proposals are answered{id}.',
  'errors.already_answered': 'That proposal already has an answer{id}.',
  'errors.unanswered_proposals':
    'Results cannot be published: principal proposals still need answers{proposals}.',
  'errors.results_published': 'Published results are permanent: changes are recorded as new versions.',
  'errors.already_evaluated': 'You already answered the evaluation. Thank you!',
  'errors.kind_locked': 'A voted or principal proposal keeps its kind.',
  'errors.already_replied': "That observation already has the entity's reply.",
  'errors.not_approved': 'Only approved observations are answered.',
  'errors.too_many_pending': 'Too many observations are awaiting moderation. Try again later.',
  'errors.already_erased': 'The personal data had already been erased.',
  'errors.rate_limited': 'Too many actions in a row. It will be retried in a moment.',
  'errors.storage_unavailable': 'The server could not save now. It will be retried automatically.',
  'errors.internal': 'Internal server error. It will be retried later.',
  'errors.offline': 'No connection to the server. Try again when the connection is back.',
  'errors.timeout': 'The server did not answer in time. Try again.',
  'errors.unknown': 'The action could not be completed ({code}).',
  'errors.d.field': ' ({value})',
  'errors.d.id': ' ({value})',
  'errors.d.phase': ': {value}',
  'errors.d.next': '; the next one is {value}',
  'errors.d.earliest': '; the earliest possible date is {value}',
  'errors.d.cap': ' (at most {value} people)',
  'errors.d.workshops': ' (workshops: {value})',
  'errors.d.max': '; at most {value} more minutes can be added',
  'errors.d.dots': ' ({value} per person)',
  'errors.d.proposals': ' ({value})',
  'errors.wait.minutes': '{n} minutes',
  'errors.wait.seconds': '{n} seconds',
  'errors.wait.moment': 'a moment',
  'errors.phase.draft': 'draft',
  'errors.phase.convened': 'convened',
  'errors.phase.opening': 'opening',
  'errors.phase.workshops': 'workshops',
  'errors.phase.plenary': 'plenary',
  'errors.phase.commitments': 'commitments',
  'errors.phase.published': 'published',
  'errors.phase.follow_up': 'follow-up',
  'errors.phase.closed': 'closed',
};

register(es, en);

function has(key: string): boolean {
  return t(key) !== key;
}

/** "15 minutos", "30 segundos" from a retry delay. */
export function describeWait(ms: number | undefined): string {
  if (ms === undefined || ms <= 0) return t('errors.wait.moment');
  if (ms >= 60_000) return t('errors.wait.minutes', { n: Math.ceil(ms / 60_000) });
  return t('errors.wait.seconds', { n: Math.ceil(ms / 1000) });
}

function phaseName(phase: string): string {
  return has(`errors.phase.${phase}`) ? t(`errors.phase.${phase}`) : phase;
}

/** The `{…}` fillers of a message, from `details` and `field` (empty when absent). */
function fillers(e: ErrorReply): Record<string, string> {
  const d = e.details ?? {};
  const part = (key: string, value: string | undefined) =>
    value ? t(`errors.d.${key}`, { value }) : '';
  const field = d.field ?? e.field;
  return {
    field: part('field', field),
    id: part('id', d.id ?? d.point_id ?? d.participant_id ?? d.workshop_id),
    phase: part('phase', d.phase ? phaseName(d.phase) : undefined),
    next: part('next', d.next ? phaseName(d.next) : undefined),
    earliest: part('earliest', d.earliest_date),
    cap: part('cap', d.cap),
    workshops: part('workshops', d.workshops),
    max: part('max', d.max_extension),
    dots: part('dots', d.dots_per_person),
    proposals: part('proposals', d.proposals),
    wait: describeWait(e.retry_after_ms),
    code: e.code,
  };
}

/** A sentence for the person, in the current language, for any error reply. */
export function describeError(e: ErrorReply): string {
  const scoped = `errors.${e.category}.${e.code}`;
  const key = has(scoped) ? scoped : `errors.${e.code}`;
  if (!has(key)) return t('errors.unknown', { code: e.code });
  return t(key, fillers(e));
}
