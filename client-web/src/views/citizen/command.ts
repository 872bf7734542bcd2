// Sending a command from the phone: busy while it waits, the refusal as a Spanish message.
import { useState } from 'preact/hooks';
import { live, type CommandArgs, type CommandName, type CommandResult } from '../../core/live';
import { describeError } from '../../i18n/errors';

export interface Command {
  busy: boolean;
  error: string | null;
  run<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<boolean>;
  clear(): void;
}

/** One command slot (a button or a form): true when the server acked it. */
export function useCommand(): Command {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<boolean> {
    setBusy(true);
    setError(null);
    let result: CommandResult;
    try {
      result = await live.send(name, args);
    } catch (e) {
      setBusy(false);
      setError(String((e as Error).message ?? e));
      return false;
    }
    setBusy(false);
    if (!result.ok) setError(describeError(result.error));
    return result.ok;
  }
  return { busy, error, run, clear: () => setError(null) };
}
