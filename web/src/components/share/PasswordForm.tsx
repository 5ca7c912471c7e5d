import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../../api';
import { t } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { useForm } from '../../lib/form';
import { formatCountdown } from '../../lib/format';
import { useCountdown } from '../../lib/hooks';
import { Button } from '../Button';
import { ShowToggle, TextField } from '../Field';
import { Notice } from '../Notice';
import { shareApi } from './share-api';
import { ShareIcon } from './ShareIcon';

interface Props {
  token: string;
  /** The password was right: the box has set its proof cookie. */
  onUnlocked: () => Promise<void>;
  /** The link vanished meanwhile (revoked: 404, expired: 410). */
  onGone: (error: ApiError) => void;
}

/**
 * The password of a protected link. The name of what is shared is not shown
 * before the password is given.
 */
export function PasswordForm({ token, onUnlocked, onGone }: Props) {
  const form = useForm({ password: '' });
  const [show, setShow] = useState(false);
  const [retryUntil, setRetryUntil] = useState<number | null>(null);
  const secondsLeft = useCountdown(retryUntil);
  const locked = secondsLeft > 0;
  const { password } = form.values;

  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.busy || locked) return;
    if (!password) return form.fail({ password: 'share.passwordRequired' }, '');
    form.clear();
    form.setBusy(true);
    try {
      await shareApi.unlock(token, password);
      await onUnlocked();
    } catch (error) {
      form.setBusy(false);
      if (!(error instanceof ApiError)) return form.fail({}, errorMessage(error));
      if (error.status === 404 || error.status === 410) return onGone(error);
      if (error.status === 401) {
        form.setValues({ password: '' });
        form.fail({}, t('share.wrongPassword'));
        // Straight back to the (emptied) field for the next try.
        requestAnimationFrame(() => document.getElementById('share-password')?.focus());
        return;
      }
      if (error.status === 429) {
        setRetryUntil(Date.now() + (error.retryAfter ?? 60) * 1000);
        return form.fail({}, t('share.tooMany'));
      }
      form.fail({}, errorMessage(error));
    }
  };

  return (
    <section class="share-card share-narrow" aria-labelledby="share-locked-title">
      <span class="share-tile">
        <ShareIcon name="lock" size={28} />
      </span>
      <h1 id="share-locked-title">{t('share.lockedTitle')}</h1>
      <p class="muted">{t('share.lockedLead')}</p>
      <form ref={form.ref} class="form" onSubmit={submit} noValidate>
        <TextField
          id="share-password"
          label={t('share.password')}
          type={show ? 'text' : 'password'}
          value={password}
          onValue={form.setter('password')}
          error={form.errors.password}
          autoComplete="off"
          autoFocus
        />
        <ShowToggle id="share-show" checked={show} onChange={setShow} label={t('share.showPassword')} />
        <Notice kind="error">{form.failure}</Notice>
        {/* Not a live region: it would be announced every second. */}
        {locked && <p class="countdown">{t('share.retryIn', { time: formatCountdown(secondsLeft) })}</p>}
        <Button type="submit" busy={form.busy} inactive={locked} class="btn-block">
          {t('share.unlock')}
        </Button>
      </form>
    </section>
  );
}
