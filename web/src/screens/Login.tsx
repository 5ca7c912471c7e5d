import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { Button } from '../components/Button';
import { ShowToggle, TextField } from '../components/Field';
import { Notice } from '../components/Notice';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { formatCountdown } from '../lib/format';
import { useCountdown, useTitle } from '../lib/hooks';
import { focusFirstInvalid, hasErrors, type FieldErrors } from '../lib/validate';

type Field = 'name' | 'passphrase';

interface Props {
  onSignedIn: () => Promise<void>;
  onSetupRequired: () => void;
  /** Why we are here, when the session ended by itself. */
  notice?: string | undefined;
}

export function Login({ onSignedIn, onSetupRequired, notice }: Props) {
  useTitle(t('login.title'));
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [show, setShow] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const [retryUntil, setRetryUntil] = useState<number | null>(null);
  const secondsLeft = useCountdown(retryUntil);
  const form = useRef<HTMLFormElement>(null);
  const locked = secondsLeft > 0;

  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || locked) return;
    const found: FieldErrors<Field> = {
      name: name.trim() ? null : 'valid.nameRequired',
      passphrase: passphrase ? null : 'valid.passphraseRequired',
    };
    setErrors(found);
    setRetryUntil(null);
    if (hasErrors(found)) {
      setFailure(t('valid.fixErrors'));
      return focusFirstInvalid(form.current);
    }
    setFailure('');
    setBusy(true);
    try {
      await api.login(name.trim(), passphrase);
      await onSignedIn();
    } catch (error) {
      setBusy(false);
      if (!(error instanceof ApiError)) return setFailure(errorMessage(error));
      if (error.code === 'setup_required') return onSetupRequired();
      if (error.code === 'invalid_credentials' || error.status === 401) {
        setPassphrase('');
        setFailure(t('login.wrong'));
        return;
      }
      if (error.status === 429) setRetryUntil(Date.now() + (error.retryAfter ?? 60) * 1000);
      setFailure(errorMessage(error));
    }
  };

  return (
    <AuthLayout>
      <h1>{t('login.title')}</h1>
      <Notice kind="info">{notice && !failure ? notice : ''}</Notice>
      <form ref={form} class="form" onSubmit={submit} noValidate>
        <TextField
          id="login-name"
          label={t('field.name')}
          value={name}
          onValue={setName}
          error={errors.name}
          autoComplete="username"
          autoFocus
        />
        <TextField
          id="login-passphrase"
          label={t('field.passphrase')}
          type={show ? 'text' : 'password'}
          value={passphrase}
          onValue={setPassphrase}
          error={errors.passphrase}
          autoComplete="current-password"
        />
        <ShowToggle id="login-show" checked={show} onChange={setShow} label={t('common.show')} />
        <Notice kind="error">{failure}</Notice>
        {/* Not a live region: it would be announced every second. */}
        {locked && <p class="countdown">{t('login.retryIn', { time: formatCountdown(secondsLeft) })}</p>}
        <Button type="submit" busy={busy} inactive={locked} class="btn-block">
          {t('login.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
