// Sending a command from a panel: busy flag while it waits for the ack, the refusal as a
// Spanish sentence to show next to the control that sent it.
import { useState } from 'preact/hooks';
import { live, type CommandArgs, type CommandName, type CommandResult } from '../../../core/live';
import type { Error as ErrorReply } from '../../../core/protocol';
import { t } from '../../../i18n';
import { describeError } from '../../../i18n/errors';
import '../../../i18n/workshop';

/** The refusal as a Spanish (or English) sentence with the specifics from `details`. */
export function refusalText(error: ErrorReply): string {
  return describeError(error);
}

export interface Command {
  busy: boolean;
  error: string | null;
  clear(): void;
  /** Resolves with the result, or null when the command could not even be queued. */
  run<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult | null>;
}

export function useCommand(): Command {
  const [busy, setBusy] = useState(0);
  const [error, setError] = useState<string | null>(null);
  return {
    busy: busy > 0,
    error,
    clear: () => setError(null),
    async run(name, args) {
      setBusy((n) => n + 1);
      setError(null);
      try {
        const result = await live.send(name, args);
        if (!result.ok) setError(refusalText(result.error));
        return result;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        setError(t('ws.err.local', { message }));
        return null;
      } finally {
        setBusy((n) => n - 1);
      }
    },
  };
}
