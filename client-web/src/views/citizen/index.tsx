// The citizen's phone: link the registration, then follow the phase: the plan before the
// workshops, the room during them, every workshop's results (and the evaluation) afterwards.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { live } from '../../core/live';
import { t } from '../../i18n';
import '../../i18n/citizen';
import { Shell } from '../../ui/shell';
import { LinkForm } from './link';
import { Plan } from './plan';
import { Room } from './room';
import { Results } from './results';
import { Evaluation } from './evaluation';
import { evaluationOpen, stageOf, workshopOf } from './select';
import { useRequireSession } from '../../ui/session';
import './citizen.css';

export default function CitizenView() {
  const ready = useRequireSession('citizen');
  const { route } = useLocation();
  // The participant named by the `linked` reply, in case the session has not caught up yet.
  const [linked, setLinked] = useState<string | null>(null);
  const session = live.session.value;
  const state = live.state.value;
  const pid = session?.participant ?? linked;

  const logout = () => {
    void live.logout().finally(() => route('/', true));
  };

  const subtitle = state?.details.title || undefined;
  return (
    <Shell title={t('citizen.title')} subtitle={subtitle} onLogout={ready ? logout : undefined}>
      {!ready || !state ? (
        <p role="status">{t('citizen.loading')}</p>
      ) : !pid ? (
        <>
          <PhaseLine />
          <LinkForm onLinked={setLinked} />
          <Plan state={state} pid={null} />
        </>
      ) : (
        <Stage pid={pid} />
      )}
    </Shell>
  );
}

function PhaseLine() {
  const phase = live.state.value?.phase ?? 'unknown';
  return (
    <p class="cz-phase" aria-live="polite">
      {t('citizen.phase', { phase: t(`citizen.phase.${phase}`) })}
    </p>
  );
}

function Stage(props: { pid: string }) {
  const state = live.state.value;
  if (!state) return null;
  const stage = stageOf(state.phase);
  return (
    <>
      <PhaseLine />
      {stage === 'plan' && <Plan state={state} pid={props.pid} />}
      {stage === 'room' && <Room pid={props.pid} workshop={workshopOf(state, props.pid)} />}
      {stage === 'results' && (
        <>
          {evaluationOpen(state.phase) && <Evaluation pid={props.pid} />}
          <Results state={state} pid={props.pid} />
        </>
      )}
    </>
  );
}
