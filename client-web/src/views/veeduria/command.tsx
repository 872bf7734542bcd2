// A veeduría command (moderation, reply, erasure) sent from a control: busy until the ack, the
// refusal in words, and a note while it waits offline in the outbox. The control may be gone by
// the ack (its observation moved to another list when the event came first): nothing is set then.
import { useEffect, useRef, useState } from 'preact/hooks';
import { live, type CommandResult } from '../../core/live';
import { t } from '../../i18n';
import '../../i18n/veeduria';
import { describeObservationRefusal } from './refusal';

export interface VeeduriaCommand {
  busy: boolean;
  refusal: string | null;
  /** Sends (unless one is under way); true once acknowledged. */
  run: (send: () => Promise<CommandResult>) => Promise<boolean>;
}

export function useVeeduriaCommand(): VeeduriaCommand {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const run = async (send: () => Promise<CommandResult>): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setRefusal(null);
    let ok = false;
    let refused: string | null = null;
    try {
      const r = await send();
      if (r.ok) ok = true;
      else refused = describeObservationRefusal(r.error);
    } catch (err) {
      refused = t('vd.failed', { message: err instanceof Error ? err.message : String(err) });
    }
    if (alive.current) {
      setBusy(false);
      setRefusal(refused);
    }
    return ok;
  };
  return { busy, refusal, run };
}

/** The command's refusal (announced) and, while it waits without a connection, that it is kept. */
export function CommandNotes({ command }: { command: VeeduriaCommand }) {
  return (
    <>
      <div role="alert">{command.refusal && <p class="error" data-refusal>{command.refusal}</p>}</div>
      <div role="status">
        {command.busy && live.connection.value !== 'online' && <p class="vd-queued">{t('vd.queued')}</p>}
      </div>
    </>
  );
}
