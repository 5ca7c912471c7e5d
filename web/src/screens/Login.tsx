import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { Button } from '../components/Button';
import { ShowToggle, TextField } from '../components/Field';
import { Notice } from '../components/Notice';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { useForm } from '../lib/form';
import { formatCountdown } from '../lib/format';
import { useCountdown, useTitle } from '../lib/hooks';
import { hasErrors } from '../lib/validate';

interface Props {
  onSignedIn: () => Promise<void>;
  onSetupRequired: () => void;
  /** Why we are here, when the session ended by itself. */
  notice?: string | undefined;
}

export function Login({ onSignedIn, onSetupRequired, notice }: Props) {
  useTitle(t('login.title'));
  const form = useForm({ name: '', passphrase: '' });
  const [show, setShow] = useState(false);
  const [retryUntil, setRetryUntil] = useState<number | null>(null);
  const secondsLeft = useCountdown(retryUntil);
  const locked = secondsLeft > 0;
  const { name, passphrase } = form.values;

  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.busy || locked) return;
    const found = {
      name: name.trim() ? null : 'valid.nameRequired',
      passphrase: passphrase ? null : 'valid.passphraseRequired',
    };
    if (hasErrors(found)) return form.fail(found, t('valid.fixErrors'));
    form.clear();
    form.setBusy(true);
    try {
      await api.login(name.trim(), passphrase);
      await onSignedIn();
    } catch (error) {
      form.setBusy(false);
      if (!(error instanceof ApiError)) return form.fail({}, errorMessage(error));
      if (error.code === 'setup_required') return onSetupRequired();
      if (error.status === 401) {
        form.setValues({ name, passphrase: '' });
        return form.fail({}, t('login.wrong'));
      }
      if (error.status === 429) setRetryUntil(Date.now() + (error.retryAfter ?? 60) * 1000);
      form.fail({}, errorMessage(error));
    }
  };

  return (
    <AuthLayout>
      <h1>{t('login.title')}</h1>
      <Notice kind="info">{notice && !form.failure ? notice : ''}</Notice>
      <form ref={form.ref} class="form" onSubmit={submit} noValidate>
        <TextField
          id="login-name"
          label={t('field.name')}
          value={name}
          onValue={form.setter('name')}
          error={form.errors.name}
          autoComplete="username"
          autoFocus
        />
        <TextField
          id="login-passphrase"
          label={t('field.passphrase')}
          type={show ? 'text' : 'password'}
          value={passphrase}
          onValue={form.setter('passphrase')}
          error={form.errors.passphrase}
          autoComplete="current-password"
        />
        <ShowToggle id="login-show" checked={show} onChange={setShow} label={t('common.show')} />
        <Notice kind="error">{form.failure}</Notice>
        {/* Not a live region: it would be announced every second. */}
        {locked && <p class="countdown">{t('login.retryIn', { time: formatCountdown(secondsLeft) })}</p>}
        <Button type="submit" busy={form.busy} inactive={locked} class="btn-block">
          {t('login.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
