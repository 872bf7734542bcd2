// The veeduría as the organizer moderates it: citizens' observations on commitments arrive
// pending; the organizer approves them (published on the portal) or rejects them with a reason
// (never published), and may write the entity's reply to an approved one. Drafts (rejection
// reasons, replies) live in this panel's state, keyed by observation, so live events never
// wipe what is being typed.
import { live } from '../../../core/live';
import type { State } from '../../../core/protocol';
import { moderationOpen, moderationQueues, type ObservationRow } from '../../../core/veeduria';
import { t } from '../../../i18n';
import '../../../i18n/veeduria';
import { useDrafts } from '../../../ui/drafts';
import { ObservationItem } from '../../veeduria/observation';
import { ReplyControl, excerpt } from '../../veeduria/reply-form';
import { CommandNotes, useVeeduriaCommand } from '../../veeduria/command';
import { RejectForm } from './reject-form';

export function VeeduriaPanel() {
  const state = live.state.value;
  const [reasons, setReason] = useDrafts<string>();
  const [replies, setReply] = useDrafts<string>();
  if (!state) return <p class="hint">{t('common.loading')}</p>;
  const queues = moderationQueues(state);
  const open = moderationOpen(state.phase);

  return (
    <div class="vd-lists">
      <PhaseNote state={state} />
      <section class="card" aria-labelledby="vd-h-pending" data-list="pending">
        <h3 id="vd-h-pending">{t('vd.org.pending', { n: queues.pending.length })}</h3>
        {queues.pending.length === 0 ? (
          <p>{t('vd.org.pending.none')}</p>
        ) : (
          queues.pending.map((o) => (
            <PendingItem key={o.id} o={o} open={open} reason={reasons[o.id] ?? null}
              setReason={(text) => setReason(o.id, text)} />
          ))
        )}
      </section>
      <section class="card" aria-labelledby="vd-h-approved" data-list="approved">
        <h3 id="vd-h-approved">{t('vd.org.approved', { n: queues.approved.length })}</h3>
        <p class="hint">{t('vd.org.approved.hint')}</p>
        {queues.approved.length === 0 ? (
          <p>{t('vd.org.approved.none')}</p>
        ) : (
          queues.approved.map((o) => (
            <ObservationItem key={o.id} o={o} heading={<Heading o={o} />}>
              <p class={o.reply ? 'badge' : 'badge vd-pending'}>
                {o.reply ? t('vd.replied') : t('vd.unreplied')}
              </p>
              {open && <ReplyControl o={o} draft={replies[o.id] ?? null} setDraft={(text) => setReply(o.id, text)} />}
            </ObservationItem>
          ))
        )}
      </section>
      <section class="card" aria-labelledby="vd-h-rejected" data-list="rejected">
        <h3 id="vd-h-rejected">{t('vd.org.rejected', { n: queues.rejected.length })}</h3>
        {queues.rejected.length === 0 ? (
          <p>{t('vd.org.rejected.none')}</p>
        ) : (
          queues.rejected.map((o) => <ObservationItem key={o.id} o={o} heading={<Heading o={o} />} />)
        )}
      </section>
    </div>
  );
}

function PhaseNote({ state }: { state: State }) {
  if (!moderationOpen(state.phase)) return <p class="org-warn" role="note">{t('vd.org.not_yet')}</p>;
  return (
    <>
      <p class="hint">{t('vd.org.about')}</p>
      {state.phase === 'closed' && <p class="org-warn" role="note">{t('vd.org.closed')}</p>}
    </>
  );
}

function Heading({ o }: { o: ObservationRow }) {
  return <h4 class="vd-pre">{t('vd.org.on', { title: o.commitment || o.commitment_id })}</h4>;
}

function PendingItem(props: {
  o: ObservationRow;
  open: boolean;
  reason: string | null;
  setReason: (text: string | null) => void;
}) {
  const { o } = props;
  const command = useVeeduriaCommand();
  const approve = () =>
    command.run(() => live.send('observation.moderate', { observation_id: o.id, decision: 'approved', reason: '' }));
  return (
    <ObservationItem o={o} heading={<Heading o={o} />}>
      {props.open && props.reason === null && (
        <div class="row vd-actions">
          <button type="button" class="btn btn-primary" onClick={approve}
            aria-disabled={command.busy ? 'true' : undefined}>
            {t('vd.approve')}
            <span class="visually-hidden"> {t('vd.obs.the', { excerpt: excerpt(o.text) })}</span>
          </button>
          <button type="button" class="btn btn-danger" onClick={() => props.setReason('')}>
            {t('vd.reject')}
            <span class="visually-hidden"> {t('vd.obs.the', { excerpt: excerpt(o.text) })}</span>
          </button>
        </div>
      )}
      {props.open && props.reason !== null && (
        <RejectForm o={o} reason={props.reason} setReason={props.setReason} />
      )}
      <CommandNotes command={command} />
    </ObservationItem>
  );
}
