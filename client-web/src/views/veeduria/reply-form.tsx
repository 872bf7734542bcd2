// The entity's reply to an approved observation (observation.reply), written by the office or
// the organizer. The draft is the parent's (keyed by observation), so live events never wipe
// what is being typed; null closes the form. After the ack the reply shows from its event.
import { live } from '../../core/live';
import type { Observation } from '../../core/protocol';
import { MAX_REPLY } from '../../core/veeduria';
import { t } from '../../i18n';
import '../../i18n/veeduria';
import { TextForm } from './text-form';

export function ReplyForm(props: { o: Observation; draft: string; setDraft: (text: string | null) => void }) {
  const { o } = props;
  return (
    <TextForm id={`vd-reply-${o.id}`} mark={{ 'data-reply-form': o.id }} label={t('vd.reply.field')}
      hint={t('vd.reply.hint')} max={MAX_REPLY} value={props.draft} setValue={props.setDraft}
      problemText={(p) => t(`vd.problem.${p}`, { max: MAX_REPLY })}
      submitLabel={t('vd.reply.submit')} busyLabel={t('vd.reply.sending')} submitClass="btn btn-primary"
      send={(text) => live.send('observation.reply', { observation_id: o.id, text })} />
  );
}

/** The "Responder" button, or the form while a draft is open. */
export function ReplyControl(props: { o: Observation; draft: string | null; setDraft: (text: string | null) => void }) {
  if (props.o.reply) return null;
  if (props.draft !== null) return <ReplyForm o={props.o} draft={props.draft} setDraft={props.setDraft} />;
  return (
    <button type="button" class="btn" data-open-reply={props.o.id} onClick={() => props.setDraft('')}>
      {t('vd.reply.open')}
      <span class="visually-hidden"> {t('vd.reply.open.to', { excerpt: excerpt(props.o.text) })}</span>
    </button>
  );
}

/** The first words of a text, for a control's accessible name. */
export function excerpt(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [...flat].length <= max ? flat : `${[...flat].slice(0, max).join('')}…`;
}
