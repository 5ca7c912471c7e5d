import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { AuthLayout } from '../components/AuthLayout';
import { Button } from '../components/Button';
import { ReachList, useReach } from '../components/connect/ReachCard';
import { ShowToggle, TextField } from '../components/Field';
import { NewPassphrase } from '../components/NewPassphrase';
import { Notice } from '../components/Notice';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { useForm } from '../lib/form';
import { useTitle } from '../lib/hooks';
import { hasErrors, validateName, validateNewPassphrase, validateRepeat } from '../lib/validate';

interface Props {
  onSignedIn: () => Promise<void>;
  /** The owner already exists (another tab finished first). */
  onAlreadyDone: () => void;
}

export function Setup({ onSignedIn, onAlreadyDone }: Props) {
  useTitle(t('setup.title'));
  const form = useForm({ name: '', next: '', repeat: '' });
  const [show, setShow] = useState(false);
  const { name, next, repeat } = form.values;
  const reach = useReach();

  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.busy) return;
    const found = {
      name: validateName(name.trim()),
      next: validateNewPassphrase(next, name),
      repeat: validateRepeat(next, repeat),
    };
    if (hasErrors(found)) return form.fail(found, t('valid.fixErrors'));
    form.clear();
    form.setBusy(true);
    try {
      await api.setup(name.trim(), next);
      await onSignedIn();
    } catch (error) {
      form.setBusy(false);
      if (error instanceof ApiError && error.code === 'setup_done') return onAlreadyDone();
      if (error instanceof ApiError && error.status === 422 && error.field) {
        const field = error.field === 'name' ? 'name' : 'next';
        return form.fail({ [field]: error.message }, errorMessage(error));
      }
      form.fail({}, errorMessage(error));
    }
  };

  return (
    <AuthLayout>
      <h1>{t('setup.title')}</h1>
      <p class="lead">{t('setup.intro')}</p>
      <p class="muted">{t('setup.private')}</p>
      <form ref={form.ref} class="form" onSubmit={submit} noValidate>
        <TextField
          id="setup-name"
          label={t('field.name')}
          hint={t('field.nameHint')}
          value={name}
          onValue={form.setter('name')}
          error={form.errors.name}
          autoComplete="username"
          autoFocus
        />
        <NewPassphrase
          prefix="setup"
          label={t('field.passphrase')}
          next={next}
          repeat={repeat}
          onNext={form.setter('next')}
          onRepeat={form.setter('repeat')}
          errors={form.errors}
          show={show}
        />
        <ShowToggle id="setup-show" checked={show} onChange={setShow} label={t('common.show')} />
        <Notice kind="error">{form.failure}</Notice>
        <Button type="submit" busy={form.busy} class="btn-block">
          {t('setup.submit')}
        </Button>
      </form>
      {reach && (
        <section class="setup-reach" aria-labelledby="setup-reach-heading">
          <h2 id="setup-reach-heading" class="setup-reach-title">
            {t('reach.title')}
          </h2>
          <ReachList reach={reach} />
        </section>
      )}
    </AuthLayout>
  );
}
