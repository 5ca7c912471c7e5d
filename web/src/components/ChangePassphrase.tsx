import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { useForm } from '../lib/form';
import { hasErrors, validateNewPassphrase, validateRepeat } from '../lib/validate';
import { Button } from './Button';
import { ShowToggle, TextField } from './Field';
import { NewPassphrase } from './NewPassphrase';
import { Notice } from './Notice';

const EMPTY = { current: '', next: '', repeat: '' };

export function ChangePassphrase({ name, onChanged }: { name: string; onChanged: () => void }) {
  const form = useForm(EMPTY);
  const [show, setShow] = useState(false);
  const [done, setDone] = useState(false);
  const { current, next, repeat } = form.values;

  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.busy) return;
    setDone(false);
    const found = {
      current: current ? null : 'valid.passphraseRequired',
      next: validateNewPassphrase(next, name),
      repeat: validateRepeat(next, repeat),
    };
    if (hasErrors(found)) return form.fail(found, t('valid.fixErrors'));
    form.clear();
    form.setBusy(true);
    try {
      await api.changePassphrase(current, next);
      form.setValues(EMPTY);
      setDone(true);
      onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'wrong_passphrase') {
        form.fail({ current: 'security.wrongCurrent' }, t('security.wrongCurrent'));
      } else if (error instanceof ApiError && error.status === 422) {
        form.fail({ [error.field === 'current' ? 'current' : 'next']: error.message }, errorMessage(error));
      } else {
        form.fail({}, errorMessage(error));
      }
    } finally {
      form.setBusy(false);
    }
  };

  return (
    <form ref={form.ref} class="form" onSubmit={submit} noValidate>
      <TextField
        id="pass-current"
        label={t('field.passphraseCurrent')}
        type={show ? 'text' : 'password'}
        value={current}
        onValue={form.setter('current')}
        error={form.errors.current}
        autoComplete="current-password"
      />
      <NewPassphrase
        prefix="pass"
        label={t('field.passphraseNew')}
        next={next}
        repeat={repeat}
        onNext={form.setter('next')}
        onRepeat={form.setter('repeat')}
        errors={form.errors}
        show={show}
      />
      <ShowToggle id="pass-show" checked={show} onChange={setShow} label={t('common.show')} />
      <Notice kind="error">{form.failure}</Notice>
      <Notice kind="success">{done ? t('security.changed') : ''}</Notice>
      <div class="actions">
        <Button type="submit" busy={form.busy}>
          {t('security.changeSubmit')}
        </Button>
      </div>
    </form>
  );
}
