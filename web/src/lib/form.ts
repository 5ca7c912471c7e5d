import { useRef, useState } from 'preact/hooks';
import { focusFirstInvalid, type FieldErrors } from './validate';

/**
 * Values, per-field errors and a form-level message for a small form. Editing
 * a field clears its own error and the form's message, so nothing stale stays
 * on screen after the person fixed it.
 */
export function useForm<F extends string>(initial: Record<F, string>) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLFormElement>(null);

  const setter = (field: F) => (value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => (previous[field] ? { ...previous, [field]: null } : previous));
    setFailure('');
  };
  /** Shows the problems and moves focus to the first field that has one. */
  const fail = (found: FieldErrors<F>, message: string) => {
    setErrors(found);
    setFailure(message);
    focusFirstInvalid(ref.current);
  };
  const clear = () => {
    setErrors({});
    setFailure('');
  };
  return { ref, values, setValues, setter, errors, failure, fail, clear, busy, setBusy };
}
