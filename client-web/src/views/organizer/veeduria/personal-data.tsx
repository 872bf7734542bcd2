// Ley 1581 de 2012: the registrants' personal data serve the organisation of the encuentro and
// are erased once the results are published (personal_data.erase). Behind a confirmation that
// says what goes and what stays; the date of the erasure stays in view.
import { useEffect, useRef, useState } from 'preact/hooks';
import { live } from '../../../core/live';
import type { State } from '../../../core/protocol';
import { erasureAllowed, erasureScope } from '../../../core/veeduria';
import { t } from '../../../i18n';
import '../../../i18n/veeduria';
import { CommandNotes, useVeeduriaCommand } from '../../veeduria/command';
import { fmtWhen } from '../../veeduria/format';
import '../../veeduria/veeduria.css';

export function PersonalDataPanel() {
  const state = live.state.value;
  if (!state) return <p class="hint">{t('common.loading')}</p>;
  return (
    <section class="card" aria-labelledby="vd-h-personal" data-personal-data>
      <h3 id="vd-h-personal">{t('vd.pd.title')}</h3>
      <p>{t('vd.pd.about')}</p>
      <Erasure state={state} />
    </section>
  );
}

function Erasure({ state }: { state: State }) {
  const at = state.personal_data_erased_at;
  const allowed = erasureAllowed(state.phase);
  const scope = erasureScope(state);
  const [confirming, setConfirming] = useState(false);
  const command = useVeeduriaCommand();
  const opener = useRef<HTMLButtonElement>(null);

  if (at !== null)
    return (
      <p class="vd-erased" role="status" data-erased-at={at}>
        {t('vd.pd.done', { when: fmtWhen(at) })}
      </p>
    );

  const erase = () => {
    setConfirming(false);
    void command.run(() => live.send('personal_data.erase', {}));
  };

  return (
    <>
      <p>{t('vd.pd.scope', { registrants: scope.registrants, participants: scope.participants })}</p>
      {!allowed && <p class="hint" id="vd-pd-not-yet">{t('vd.pd.not_yet')}</p>}
      <button type="button" class="btn btn-danger" ref={opener} disabled={!allowed || command.busy}
        aria-describedby={allowed ? undefined : 'vd-pd-not-yet'} onClick={() => setConfirming(true)}>
        {command.busy ? t('vd.pd.erasing') : t('vd.pd.erase')}
      </button>
      <CommandNotes command={command} />
      {confirming && (
        <ConfirmErasure state={state} onConfirm={erase} onCancel={() => {
          setConfirming(false);
          opener.current?.focus();
        }} />
      )}
    </>
  );
}

/** A modal dialog (the page's own, not window.confirm) that says what the erasure does. */
function ConfirmErasure(props: { state: State; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
    return () => dialog?.close?.();
  }, []);
  return (
    <dialog ref={ref} class="vd-dialog" aria-labelledby="vd-pd-dialog-h" aria-describedby="vd-pd-dialog-d"
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}>
      <h3 id="vd-pd-dialog-h">{t('vd.pd.confirm.title')}</h3>
      <div id="vd-pd-dialog-d">
        <p><strong>{t('vd.pd.confirm.erased')}</strong></p>
        <ul>
          <li>{t('vd.pd.confirm.erased.registrants')}</li>
          <li>{t('vd.pd.confirm.erased.participants')}</li>
          <li>{t('vd.pd.confirm.erased.authors')}</li>
        </ul>
        <p><strong>{t('vd.pd.confirm.kept')}</strong></p>
        <ul>
          <li>{t('vd.pd.confirm.kept.aggregates')}</li>
          <li>{t('vd.pd.confirm.kept.results')}</li>
        </ul>
        <p class="error">{t('vd.pd.confirm.final')}</p>
      </div>
      <div class="row">
        <button type="button" class="btn btn-danger" onClick={props.onConfirm}>{t('vd.pd.confirm.yes')}</button>
        <button type="button" class="btn btn-primary" onClick={props.onCancel}>{t('common.cancel')}</button>
      </div>
    </dialog>
  );
}
