// The relator's tablet: captures every contribution of one workshop live, keeps the record
// clean (edit, kind, merge, complaints referred), takes in citizens' proposals, writes the
// synthesis. Everything typed stays on the device until the server has it.
import { useLocation } from 'preact-iso';
import { t } from '../../i18n';
import '../../i18n/workshop';
import { Shell } from '../../ui/shell';
import { PhaseNotice, Waiting, WorkshopHeader } from '../facilitator/shared/header';
import { resultsEditable, workshopsRunning } from '../facilitator/shared/selectors';
import { logout, useWorkshopSession } from '../facilitator/shared/session';
import { CaptureForm } from './capture';
import { RecordPanel, useSelection } from './manage';
import { PendingPanel } from './proposals';
import { SynthesisPanel } from './synthesis';

export default function RelatorView() {
  const { route } = useLocation();
  const ctx = useWorkshopSession('relator');
  const selection = useSelection();
  const w = ctx?.workshop ?? null;
  const state = ctx?.state ?? null;
  const title = w ? t('rel.title.n', { n: w.number }) : t('rel.title');
  const running = workshopsRunning(state);
  const editable = resultsEditable(state, w);
  return (
    <Shell title={title} subtitle={state?.details.title} onLogout={() => void logout(route)} wide>
      <div class="ws-page">
        {!ctx || !state || !w ? (
          <Waiting hasState={!!state} />
        ) : (
          <>
            <PhaseNotice state={state} />
            <WorkshopHeader state={state} workshop={w} />
            <div class="ws-two">
              <div>
                <CaptureForm state={state} workshop={w} enabled={running} />
                <PendingPanel state={state} workshop={w} enabled={editable} selection={selection} />
              </div>
              <div>
                <RecordPanel state={state} workshop={w} enabled={editable} selection={selection} />
              </div>
            </div>
            <SynthesisPanel state={state} workshop={w} editable={editable} />
          </>
        )}
      </div>
    </Shell>
  );
}
