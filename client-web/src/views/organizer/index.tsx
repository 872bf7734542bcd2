// The organizer's app (route /organizador/*): sign-in, choosing the encuentro, and the sections
// of one encuentro (/organizador/<id>/<section>) with the current phase always in sight.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { live } from '../../core/live';
import { t } from '../../i18n';
import '../../i18n/organizer';
import { Shell } from '../../ui/shell';
import { AnswersPanel } from './answers';
import { PhasePanel, PlenaryPanel } from './event';
import { AccessSection } from './access';
import { Chooser } from './chooser';
import { phaseLabel } from './common';
import { DoorSection } from './door';
import { PlanSection } from './plan';
import { RegistrationsSection } from './registrations';
import { defaultSection, isSection, navSections, sectionsFor, type Section } from './selectors';
import { SignIn } from './signin';
import { PersonalDataPanel } from './veeduria/personal-data';
import { VeeduriaPanel } from './veeduria';
import { moderationQueues } from '../../core/veeduria';
import { WorkshopsSection } from './workshops';
import './organizer.css';

export default function OrganizerView() {
  const { path, route } = useLocation();
  const session = live.session.value;
  const [resuming, setResuming] = useState(!session);

  useEffect(() => {
    if (live.session.value) return;
    let alive = true;
    Promise.resolve()
      .then(() => live.resume())
      .catch(() => false)
      .finally(() => alive && setResuming(false));
    return () => {
      alive = false;
    };
  }, []);

  const [id, section] = path.replace(/^\/organizador\/?/, '').split('/').filter(Boolean);

  async function logout() {
    try {
      await live.logout();
    } finally {
      route('/organizador', true);
    }
  }

  if (resuming && !session) {
    return (
      <Shell title={t('org.title')}>
        <p role="status">{t('common.loading')}</p>
      </Shell>
    );
  }
  if (!session || session.role !== 'organizer') return <SignIn otherRole={session?.role ?? null} />;

  // A minted organizer code covers one encuentro: go straight to it.
  if (!id) {
    if (session.encuentro) {
      route(`/organizador/${encodeURIComponent(session.encuentro)}`, true);
      return null;
    }
    return <Chooser onLogout={logout} />;
  }
  return <Workspace id={decodeURIComponent(id)} section={section} onLogout={logout} />;
}

function Workspace(props: { id: string; section: string | undefined; onLogout: () => void }) {
  const session = live.session.value;
  const state = live.state.value;
  const [followError, setFollowError] = useState<string | null>(null);
  const scopedElsewhere = !!session?.encuentro && session.encuentro !== props.id;

  // Again when another encuentro's state arrives: a reload resumes the encuentro followed last,
  // and its welcome may land after this page asked for another one.
  const shown = state?.id;
  useEffect(() => {
    if (scopedElsewhere) return;
    if (live.state.value?.id === props.id) return;
    try {
      live.follow(props.id);
      setFollowError(null);
    } catch (e) {
      setFollowError(e instanceof Error ? e.message : String(e));
    }
  }, [props.id, scopedElsewhere, shown]);

  const ready = state && state.id === props.id;
  const phase = ready ? state.phase : 'unknown';
  const section: Section = isSection(props.section) ? props.section : defaultSection(phase);
  const now = sectionsFor(phase);
  const pending = ready ? moderationQueues(state).pending.length : 0;
  const base = `/organizador/${encodeURIComponent(props.id)}`;

  const title = ready ? state.details.title || props.id : t('org.title');
  const subtitle = ready ? t('org.phase.current', { phase: phaseLabel(phase) }) : undefined;

  return (
    <Shell title={title} subtitle={subtitle} wide onLogout={props.onLogout}
      actions={!session?.encuentro && (
        <a class="btn btn-quiet" href="/organizador">{t('org.nav.change')}</a>
      )}>
      {scopedElsewhere && <p class="error" role="alert">{t('org.scoped', { id: props.id })}</p>}
      {followError && <p class="error" role="alert">{t('error.generic', { message: followError })}</p>}
      {!ready && !scopedElsewhere && <p role="status">{t('org.following')}</p>}
      {ready && (
        <div class="org-layout">
          <nav class="org-nav" aria-label={t('org.nav.label')}>
            <p class="org-phase" aria-live="polite">
              <span class="org-phase-label">{t('org.phase.now')}</span>
              <strong class="org-phase-name">{phaseLabel(phase)}</strong>
            </p>
            <ul class="org-tabs">
              {navSections(phase).map((s) => (
                <li key={s}>
                  <a href={`${base}/${s}`} class={`org-tab${s === section ? ' is-current' : ''}`}
                    aria-current={s === section ? 'page' : undefined}>
                    <span>{t(`org.nav.${s}`)}</span>
                    {s === 'veeduria' && pending > 0 && (
                      <span class="badge org-now">{t('org.nav.pending', { n: pending })}</span>
                    )}
                    {now.includes(s) && !(s === 'veeduria' && pending > 0) && (
                      <span class="badge org-now">{t('org.nav.now')}</span>
                    )}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div class="org-content">
            <SectionView section={section} />
          </div>
        </div>
      )}
    </Shell>
  );
}

/** A section whose panel has no heading of its own: the navigation's name. */
function Titled(props: { section: Section; children: ComponentChildren }) {
  return (
    <section aria-labelledby={`org-h-${props.section}`}>
      <h2 id={`org-h-${props.section}`}>{t(`org.nav.${props.section}`)}</h2>
      {props.children}
    </section>
  );
}

function SectionView(props: { section: Section }) {
  switch (props.section) {
    case 'plan':
      return <PlanSection />;
    case 'inscripciones':
      return <RegistrationsSection />;
    case 'acreditacion':
      return <DoorSection />;
    case 'talleres':
      return <WorkshopsSection />;
    case 'accesos':
      return <AccessSection />;
    case 'fases':
      return <Titled section="fases"><PhasePanel /></Titled>;
    case 'plenaria':
      return <Titled section="plenaria"><PlenaryPanel /></Titled>;
    case 'respuestas':
      return <Titled section="respuestas"><AnswersPanel /></Titled>;
    case 'veeduria':
      return <Titled section="veeduria"><VeeduriaPanel /></Titled>;
    case 'datos':
      return <Titled section="datos"><PersonalDataPanel /></Titled>;
  }
}
