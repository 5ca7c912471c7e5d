import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { Button } from '../components/Button';
import { ShowToggle, TextField } from '../components/Field';
import { NewPassphrase } from '../components/NewPassphrase';
import { Notice } from '../components/Notice';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { useTitle } from '../lib/hooks';
import {
  focusFirstInvalid,
  hasErrors,
  validateName,
  validateNewPassphrase,
  validateRepeat,
  type FieldErrors,
} from '../lib/validate';

type Field = 'name' | 'next' | 'repeat';

interface Props {
  onSignedIn: () => Promise<void>;
  /** The owner already exists (another tab finished first). */
  onAlreadyDone: () => void;
}

export function Setup({ onSignedIn, onAlreadyDone }: Props) {
  useTitle(t('setup.title'));
  const [name, setName] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [show, setShow] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const fail = (found: FieldErrors<Field>, message: string) => {
    setErrors(found);
    setFailure(message);
    focusFirstInvalid(form.current);
  };

  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors<Field> = {
      name: validateName(name.trim()),
      next: validateNewPassphrase(next),
      repeat: validateRepeat(next, repeat),
    };
    if (hasErrors(found)) return fail(found, t('valid.fixErrors'));
    setErrors({});
    setFailure('');
    setBusy(true);
    try {
      await api.setup(name.trim(), next);
      await onSignedIn();
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.code === 'setup_done') return onAlreadyDone();
      if (error instanceof ApiError && error.status === 422 && error.field) {
        const field: Field = error.field === 'name' ? 'name' : 'next';
        return fail({ [field]: error.message }, errorMessage(error));
      }
      fail({}, errorMessage(error));
    }
  };

  return (
    <AuthLayout>
      <h1>{t('setup.title')}</h1>
      <p class="lead">{t('setup.intro')}</p>
      <p class="muted">{t('setup.private')}</p>
      <form ref={form} class="form" onSubmit={submit} noValidate>
        <TextField
          id="setup-name"
          label={t('field.name')}
          hint={t('field.nameHint')}
          value={name}
          onValue={setName}
          error={errors.name}
          autoComplete="username"
          autoFocus
        />
        <NewPassphrase
          prefix="setup"
          label={t('field.passphrase')}
          next={next}
          repeat={repeat}
          onNext={setNext}
          onRepeat={setRepeat}
          errors={errors}
          show={show}
        />
        <ShowToggle id="setup-show" checked={show} onChange={setShow} label={t('common.show')} />
        <Notice kind="error">{failure}</Notice>
        <Button type="submit" busy={busy} class="btn-block">
          {t('setup.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
