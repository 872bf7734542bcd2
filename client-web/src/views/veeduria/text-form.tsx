// A short text sent as one command: the entity's reply to an observation, or the reason for
// rejecting one. The text is the parent's (keyed by observation), so live events never wipe what
// is being typed; null closes the form, which happens once the command is acknowledged.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CommandResult } from '../../core/live';
import { charCount, textProblem, type TextProblem } from '../../core/veeduria';
import { t } from '../../i18n';
import '../../i18n/veeduria';
import { CommandNotes, useVeeduriaCommand } from './command';

export interface TextFormProps {
  /** The textarea's id, and the prefix of its hint, count and error. */
  id: string;
  /** Data attributes of the form (data-reply-form, data-reject-form). */
  mark: Record<string, string>;
  label: string;
  hint: string;
  max: number;
  value: string;
  setValue: (text: string | null) => void;
  problemText: (problem: TextProblem) => string;
  submitLabel: string;
  busyLabel?: string;
  submitClass: string;
  fieldClass?: string;
  /** Sends the trimmed text. */
  send: (text: string) => Promise<CommandResult>;
}

export function TextForm(props: TextFormProps) {
  const { id, value, max } = props;
  const [problem, setProblem] = useState<TextProblem | null>(null);
  const command = useVeeduriaCommand();
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (command.busy) return;
    const found = textProblem(value, max);
    setProblem(found);
    if (found) {
      field.current?.focus();
      return;
    }
    if (await command.run(() => props.send(value.trim()))) props.setValue(null);
  };

  const n = charCount(value.trim());
  return (
    <form class="vd-form" onSubmit={submit} noValidate {...props.mark}>
      <label for={id}>{props.label}</label>
      <textarea id={id} ref={field} value={value} class={props.fieldClass} aria-invalid={problem ? 'true' : undefined}
        aria-describedby={`${id}-hint ${id}-count${problem ? ` ${id}-err` : ''}`}
        onInput={(e) => {
          props.setValue((e.currentTarget as HTMLTextAreaElement).value);
          if (problem) setProblem(null);
        }} />
      <p id={`${id}-hint`} class="hint">{props.hint}</p>
      <p id={`${id}-count`} class={`hint vd-count${n > max ? ' vd-over' : ''}`}>
        {t('vd.count', { n, max })}
      </p>
      {problem && <p id={`${id}-err`} class="error">{props.problemText(problem)}</p>}
      <div class="row">
        <button type="submit" class={props.submitClass} aria-disabled={command.busy ? 'true' : undefined}>
          {command.busy && props.busyLabel ? props.busyLabel : props.submitLabel}
        </button>
        <button type="button" class="btn" onClick={() => props.setValue(null)}>{t('common.cancel')}</button>
      </div>
      <CommandNotes command={command} />
    </form>
  );
}
