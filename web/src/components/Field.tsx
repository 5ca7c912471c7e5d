import type { ComponentChildren, JSX } from 'preact';
import { tOrText } from '../i18n';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  /** A message key or a server's text; marks the field invalid. */
  error?: string | null | undefined;
  hint?: string;
  type?: 'text' | 'password';
  autoComplete?: string;
  autoFocus?: boolean;
  /** Rendered between the input and the messages (e.g. a strength meter). */
  children?: ComponentChildren;
  extraDescribedBy?: string;
}

export function TextField(props: TextFieldProps) {
  const { id, label, value, onValue, error, hint, type = 'text', autoComplete, autoFocus, children } = props;
  const hintId = hint ? `${id}-hint` : '';
  const errorId = error ? `${id}-error` : '';
  const describedBy = [hintId, props.extraDescribedBy ?? '', errorId].filter(Boolean).join(' ') || undefined;
  const onInput = (event: JSX.TargetedEvent<HTMLInputElement>) => onValue(event.currentTarget.value);
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p id={hintId} class="field-hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={id}
        type={type}
        value={value}
        onInput={onInput}
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        autoCapitalize="off"
        autoCorrect="off"
        spellcheck={false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {children}
      {error && (
        <p id={errorId} class="field-error">
          {tOrText(error)}
        </p>
      )}
    </div>
  );
}

export function ShowToggle({ id, checked, onChange, label }: { id: string; checked: boolean; onChange: (on: boolean) => void; label: string }) {
  return (
    <div class="check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <label for={id}>{label}</label>
    </div>
  );
}
