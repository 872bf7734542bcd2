// The big screen: follows the phase by itself (opening, live workshops, plenary focus, answers as
// they are stated, the published summary). No controls beyond full screen; read from 15 m.
import { useEffect, useState } from 'preact/hooks';
import { live } from '../../core/live';
import { t } from '../../i18n';
import '../../i18n/projector';
import { Shell } from '../../ui/shell';
import { useRequireSession } from '../../ui/session';
import { Opening } from './opening';
import { Workshops } from './workshops';
import { Plenary } from './plenary';
import { Commitments, Published } from './commitments';
import { screenOf } from './select';
import './projector.css';

function FullscreenButton() {
  const [full, setFull] = useState(() => typeof document !== 'undefined' && !!document.fullscreenElement);
  useEffect(() => {
    const sync = () => setFull(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);
  if (typeof document === 'undefined' || !document.fullscreenEnabled) return null;
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen().catch(() => undefined);
  };
  return (
    <button type="button" class="btn btn-quiet" onClick={toggle} aria-pressed={full}>
      {full ? t('projector.fullscreen.exit') : t('projector.fullscreen')}
    </button>
  );
}

export default function ProjectorView() {
  const ready = useRequireSession('projector');
  const state = live.state.value;
  const title = state?.details.title || t('projector.title');
  const phase = state?.phase ?? 'unknown';
  return (
    <Shell title={title} subtitle={t('projector.phase', { phase: t(`projector.phase.${phase}`) })}
      actions={<FullscreenButton />} wide>
      <div class="pj">
        {!ready || !state ? (
          <p class="pj-lead" role="status">{t('projector.loading')}</p>
        ) : (
          <Screen />
        )}
      </div>
    </Shell>
  );
}

function Screen() {
  const state = live.state.value;
  if (!state) return null;
  switch (screenOf(state.phase)) {
    case 'opening':
      return <Opening state={state} />;
    case 'workshops':
      return <Workshops state={state} />;
    case 'plenary':
      return <Plenary state={state} />;
    case 'commitments':
      return <Commitments state={state} />;
    case 'published':
      return <Published state={state} />;
  }
}
