// The veeduría on a commitment, as the office follows it: how many citizens' observations wait
// for the organizer's moderation, the approved (published) ones, and the entity's reply to each,
// written here for those without one.
import type { State } from '../../core/protocol';
import { commitmentObservations, moderationOpen } from '../../core/veeduria';
import { t } from '../../i18n';
import '../../i18n/veeduria';
import { ObservationItem, pendingText } from '../veeduria/observation';
import { ReplyControl } from '../veeduria/reply-form';

export function CommitmentObservations(props: {
  commitmentId: string;
  state: State;
  drafts: Record<string, string>;
  setDraft: (observationId: string, text: string | null) => void;
}) {
  const obs = commitmentObservations(props.state, props.commitmentId);
  const replying = moderationOpen(props.state.phase);
  const id = `of-o-${props.commitmentId}`;
  return (
    <section class="of-history" aria-labelledby={id} data-observations={props.commitmentId}>
      <h4 id={id}>{t('vd.office.title', { n: obs.approved.length })}</h4>
      {obs.pending > 0 && <p class="vd-pending" data-pending-observations={obs.pending}>{pendingText(obs.pending)}</p>}
      {obs.approved.length === 0 ? (
        <p>{t('vd.office.none')}</p>
      ) : (
        <>
          {obs.unreplied > 0 && <p class="hint">{t('vd.office.unreplied', { n: obs.unreplied })}</p>}
          {obs.approved.map((o) => (
            <ObservationItem key={o.id} o={o}>
              {replying && (
                <ReplyControl o={o} draft={props.drafts[o.id] ?? null} setDraft={(text) => props.setDraft(o.id, text)} />
              )}
            </ObservationItem>
          ))}
        </>
      )}
    </section>
  );
}
