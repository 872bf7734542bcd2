// Rejecting an observation needs a reason (kept for the record, never published). Once rejected,
// the observation moves to its list (its event came first) and this form goes.
import { live } from '../../../core/live';
import type { Observation } from '../../../core/protocol';
import { MAX_REASON } from '../../../core/veeduria';
import { t } from '../../../i18n';
import '../../../i18n/veeduria';
import { TextForm } from '../../veeduria/text-form';

export function RejectForm(props: { o: Observation; reason: string; setReason: (text: string | null) => void }) {
  const { o } = props;
  return (
    <TextForm id={`vd-reject-${o.id}`} mark={{ 'data-reject-form': o.id }} label={t('vd.reject.reason')}
      hint={t('vd.reject.hint')} max={MAX_REASON} value={props.reason} setValue={props.setReason}
      problemText={(p) => t(`vd.problem.reason.${p}`, { max: MAX_REASON })}
      submitLabel={t('vd.reject.submit')} submitClass="btn btn-danger" fieldClass="org-short"
      send={(reason) => live.send('observation.moderate', { observation_id: o.id, decision: 'rejected', reason })} />
  );
}
