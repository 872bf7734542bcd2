// Citizens' own proposals from their phones (status pending): the relator accepts them into the
// record, declines them with a reason, or selects them to merge into an existing contribution.
import { useState } from 'preact/hooks';
import type { State } from '../../core/live';
import type { Contribution, Workshop } from '../../core/protocol';
import { t } from '../../i18n';
import { useCommand } from '../facilitator/shared/command';
import { ContributionCard } from '../facilitator/shared/contributions';
import { ErrorLine } from '../facilitator/shared/header';
import { excerpt, pendingProposals } from '../facilitator/shared/selectors';
import type { Selection } from './manage';

function PendingItem(props: { state: State; contribution: Contribution; enabled: boolean; selection: Selection }) {
  const c = props.contribution;
  const cmd = useCommand();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const short = excerpt(c.text);
  const id = `ws-decline-${c.id}`;
  return (
    <ContributionCard state={props.state} contribution={c}>
      <div class="ws-actions">
        <button type="button" class="btn btn-primary" disabled={!props.enabled}
          aria-label={`${t('rel.pending.accept')}: ${short}`}
          onClick={() => void cmd.run('proposal.accept', { contribution_id: c.id })}>
          {t('rel.pending.accept')}
        </button>
        <button type="button" class="btn" aria-expanded={declining} disabled={!props.enabled}
          aria-label={`${t('rel.pending.decline')}: ${short}`}
          onClick={() => setDeclining((d) => !d)}>
          {t('rel.pending.decline')}
        </button>
        <span class="ws-check">
          <input type="checkbox" id={`ws-sel-${c.id}`} checked={props.selection.ids.includes(c.id)}
            disabled={!props.enabled} aria-label={`${t('rel.select')}: ${short}`}
            onChange={(e) => props.selection.set(c.id, (e.target as HTMLInputElement).checked)} />
          <label for={`ws-sel-${c.id}`}>{t('rel.select')}</label>
        </span>
      </div>
      {declining && (
        <form class="ws-inline" onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) return;
          void cmd.run('proposal.decline', { contribution_id: c.id, reason: reason.trim() });
        }}>
          <div>
            <label for={id}>{t('rel.pending.reason')}</label>
            <input id={id} type="text" class="input" value={reason} maxLength={300}
              onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
          </div>
          <button type="submit" class="btn btn-danger" disabled={!props.enabled || !reason.trim()}>
            {t('rel.pending.decline.do')}
          </button>
        </form>
      )}
      <ErrorLine error={cmd.error} onDismiss={cmd.clear} />
    </ContributionCard>
  );
}

export function PendingPanel(props: { state: State; workshop: Workshop; enabled: boolean; selection: Selection }) {
  const items = pendingProposals(props.state, props.workshop.id);
  return (
    <section class="card ws-panel" aria-labelledby="ws-pending-title">
      <h2 id="ws-pending-title">{t('rel.pending.title', { n: items.length })}</h2>
      <div aria-live="polite">
        {items.length === 0 ? (
          <p class="hint">{t('rel.pending.empty')}</p>
        ) : (
          <>
            <p class="hint">{t('rel.pending.hint')}</p>
            <ul class="list">
              {items.map((c) => (
                <li key={c.id}>
                  <PendingItem state={props.state} contribution={c} enabled={props.enabled} selection={props.selection} />
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
