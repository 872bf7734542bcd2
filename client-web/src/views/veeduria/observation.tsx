// One citizen observation as the organizer and the office read it: who (the alias, or
// anonymous), when, the text, and the entity's reply. Texts are text nodes, never markup.
import type { ComponentChildren } from 'preact';
import type { Observation } from '../../core/protocol';
import { t } from '../../i18n';
import '../../i18n/veeduria';
import { fmtWhen } from './format';
import './veeduria.css';

export function ObservationMeta({ o }: { o: Observation }) {
  return (
    <p class="vd-meta">
      <span class="vd-alias">{o.alias.trim() || t('vd.anonymous')}</span>
      {' · '}
      <time dateTime={new Date(o.at).toISOString()}>{fmtWhen(o.at)}</time>
    </p>
  );
}

export function EntityReply({ o }: { o: Observation }) {
  if (!o.reply) return null;
  return (
    <div class="vd-reply" data-reply={o.id}>
      <p class="vd-reply-head">
        <strong>{t('vd.reply.label')}</strong>
        {' · '}
        <time dateTime={new Date(o.reply.at).toISOString()}>{fmtWhen(o.reply.at)}</time>
      </p>
      <p class="vd-pre">{o.reply.text}</p>
    </div>
  );
}

/** The observation's body; `children` go after it (actions, the reply form). */
export function ObservationItem(props: { o: Observation; heading?: ComponentChildren; children?: ComponentChildren }) {
  const { o } = props;
  return (
    <article class="vd-obs" data-observation={o.id} data-status={o.status}
      aria-label={t('vd.obs.aria', { who: o.alias.trim() || t('vd.anonymous'), when: fmtWhen(o.at) })}>
      {props.heading}
      <ObservationMeta o={o} />
      <p class="vd-pre vd-text">{o.text}</p>
      {o.status === 'rejected' && o.reason && (
        <p class="vd-reason">{t('vd.rejected.reason', { reason: o.reason })}</p>
      )}
      <EntityReply o={o} />
      {props.children}
    </article>
  );
}

/** "1 observación en moderación" / "3 observaciones en moderación". */
export function pendingText(n: number): string {
  return n === 1 ? t('vd.pending.one') : t('vd.pending.many', { n });
}
