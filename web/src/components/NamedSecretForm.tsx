// What "App passwords" and "Connect a computer" share: a list loaded from the
// API, a form that names a new secret, and a remove button with its outcome.
import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { t, type MessageKey } from '../i18n';
import { errorMessage } from '../lib/errors';
import { useForm } from '../lib/form';
import { Button } from './Button';
import { TextField } from './Field';
import { Notice } from './Notice';

const NAME_MAX = 64;

/** The items (null while loading), the last loading error, and a way to load again. */
export function useLoadedList<T>(load: () => Promise<T[]>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState('');
  const refresh = useCallback(async () => {
    try {
      setItems(await load());
      setError('');
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, [load]);
  useEffect(() => void refresh(), [refresh]);
  return { items, error, refresh };
}

/** Removes one item, then reloads the list; says what happened. */
export function useRemoval<T extends { id: number; name: string }>(remove: (id: number) => Promise<unknown>, done: MessageKey, refresh: () => Promise<void>) {
  const [removing, setRemoving] = useState<number | null>(null);
  const [result, setResult] = useState('');
  const [failure, setFailure] = useState('');
  const run = async (item: T) => {
    setResult('');
    setFailure('');
    setRemoving(item.id);
    try {
      await remove(item.id);
      setResult(t(done, { name: item.name }));
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setRemoving(null);
    }
    await refresh();
  };
  return { removing, result, failure, remove: run };
}

export interface NameFormText {
  name: MessageKey;
  hint: MessageKey;
  create: MessageKey;
  required: MessageKey;
  tooLong: MessageKey;
  taken: MessageKey;
}

/** Where a refusal is shown: on the name field, or for the whole form. */
function refusal(error: unknown, text: NameFormText, extra?: (error: ApiError) => string | null): { field: string | null; message: string } {
  if (error instanceof ApiError && error.code === 'name_taken') return { field: text.taken, message: '' };
  const special = error instanceof ApiError ? extra?.(error) : null;
  if (special) return { field: null, message: special };
  if (error instanceof ApiError && error.field === 'name') return { field: error.message, message: '' };
  return { field: null, message: errorMessage(error) };
}

function nameProblem(name: string, text: NameFormText): string | null {
  const trimmed = name.trim();
  if (!trimmed) return text.required;
  return [...trimmed].length > NAME_MAX ? text.tooLong : null;
}

interface NameFormProps<T> {
  id: string;
  text: NameFormText;
  create: (name: string) => Promise<T>;
  onCreated: (created: T) => void;
  /** A message for the whole form for some refusals (e.g. too many). */
  explain?: (error: ApiError) => string | null;
}

/** Names a new secret; the server makes it. Errors beside the field, or for the form. */
export function NameForm<T>({ id, text, create, onCreated, explain }: NameFormProps<T>) {
  const form = useForm({ name: '' });
  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.busy) return;
    const problem = nameProblem(form.values.name, text);
    if (problem) return form.fail({ name: problem }, '');
    form.clear();
    form.setBusy(true);
    try {
      onCreated(await create(form.values.name.trim()));
      form.setValues({ name: '' });
    } catch (error) {
      const { field, message } = refusal(error, text, explain);
      form.fail(field ? { name: field } : {}, message);
    } finally {
      form.setBusy(false);
    }
  };
  return (
    <form ref={form.ref} class="form app-password-form" onSubmit={submit} noValidate>
      <TextField id={id} label={t(text.name)} hint={t(text.hint)} value={form.values.name} onValue={form.setter('name')} error={form.errors.name} autoComplete="off" />
      <Notice kind="error">{form.failure}</Notice>
      <div class="actions">
        <Button type="submit" busy={form.busy}>
          {t(text.create)}
        </Button>
      </div>
    </form>
  );
}
