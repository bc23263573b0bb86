import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { FormActions } from './form-actions.js';

interface Props {
  label: string;
  submit: string;
  /** A reason must be given; a result may be left out. */
  required?: boolean;
  busy: boolean;
  danger?: boolean;
  onSubmit: (text: string) => void;
  onClose: () => void;
}

/** A small inline form on a card that asks for one text (no browser dialogs); Escape closes it. */
export function TextForm({ label, submit, required = false, busy, danger = false, onSubmit, onClose }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  return (
    <form
      class="board-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!required || text.trim()) onSubmit(text.trim());
      }}
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      <label for={id}>{label}</label>
      <textarea id={id} ref={field} rows={2} maxLength={4000} required={required} value={text} onInput={(event) => setText(event.currentTarget.value)} />
      <FormActions submit={submit} danger={danger} disabled={busy || (required && !text.trim())} onClose={onClose} />
    </form>
  );
}
