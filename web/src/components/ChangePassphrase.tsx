import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { focusFirstInvalid, hasErrors, validateNewPassphrase, validateRepeat, type FieldErrors } from '../lib/validate';
import { Button } from './Button';
import { ShowToggle, TextField } from './Field';
import { NewPassphrase } from './NewPassphrase';
import { Notice } from './Notice';

type Field = 'current' | 'next' | 'repeat';

export function ChangePassphrase({ onChanged }: { onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [show, setShow] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState('');
  const [done, setDone] = useState(false);
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
    setDone(false);
    const found: FieldErrors<Field> = {
      current: current ? null : 'valid.passphraseRequired',
      next: validateNewPassphrase(next),
      repeat: validateRepeat(next, repeat),
    };
    if (hasErrors(found)) return fail(found, t('valid.fixErrors'));
    setErrors({});
    setFailure('');
    setBusy(true);
    try {
      await api.changePassphrase(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
      onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'wrong_passphrase') {
        fail({ current: 'security.wrongCurrent' }, t('security.wrongCurrent'));
      } else if (error instanceof ApiError && error.status === 422) {
        fail({ [error.field === 'current' ? 'current' : 'next']: error.message }, errorMessage(error));
      } else {
        fail({}, errorMessage(error));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={form} class="form" onSubmit={submit} noValidate>
      <TextField
        id="pass-current"
        label={t('field.passphraseCurrent')}
        type={show ? 'text' : 'password'}
        value={current}
        onValue={setCurrent}
        error={errors.current}
        autoComplete="current-password"
      />
      <NewPassphrase
        prefix="pass"
        label={t('field.passphraseNew')}
        next={next}
        repeat={repeat}
        onNext={setNext}
        onRepeat={setRepeat}
        errors={errors}
        show={show}
      />
      <ShowToggle id="pass-show" checked={show} onChange={setShow} label={t('common.show')} />
      <Notice kind="error">{failure}</Notice>
      <Notice kind="success">{done ? t('security.changed') : ''}</Notice>
      <div class="actions">
        <Button type="submit" busy={busy}>
          {t('security.changeSubmit')}
        </Button>
      </div>
    </form>
  );
}
