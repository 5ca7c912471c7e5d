import type { JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, type AppPassword, type CreatedAppPassword } from '../api';
import { AppPasswordList } from '../components/AppPasswordList';
import { Button } from '../components/Button';
import { ConnectHelp, Emphasised } from '../components/ConnectHelp';
import { CopyButton } from '../components/CopyButton';
import { TextField } from '../components/Field';
import { Icon } from '../components/Icon';
import { Notice } from '../components/Notice';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { useForm } from '../lib/form';
import { useTitle } from '../lib/hooks';
import { useSession } from '../session';

const NAME_MAX = 64;

function useAppPasswords() {
  const [items, setItems] = useState<AppPassword[] | null>(null);
  const [error, setError] = useState('');
  const refresh = useCallback(async () => {
    try {
      setItems((await api.appPasswords()).appPasswords);
      setError('');
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { items, error, refresh };
}

/** The new password, in the one place it will ever be shown; it lives only in this screen's state. */
function Reveal({ created, user, onDismiss }: { created: CreatedAppPassword; user: string; onDismiss: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const value = useRef<HTMLElement>(null);
  useEffect(() => box.current?.focus(), [created.id]);
  return (
    <div class="secret" ref={box} tabIndex={-1} aria-labelledby="secret-title" role="region">
      <p class="secret-title" id="secret-title">
        <Icon name="key" />
        <strong>{t('appPasswords.createdTitle', { name: created.name })}</strong>
      </p>
      <div class="secret-value">
        <code ref={value} data-testid="new-app-password">
          {created.password}
        </code>
        <CopyButton text={created.password} target={value} what={t('appPasswords.password')} variant="primary" />
      </div>
      <p>
        <Emphasised message="appPasswords.createdUse" name="user" value={user} />
      </p>
      <p class="secret-warning">
        <Icon name="alert" />
        <span>{t('appPasswords.once')}</span>
      </p>
      <div class="actions">
        <Button variant="secondary" onClick={onDismiss}>
          {t('appPasswords.dismiss')}
        </Button>
      </div>
    </div>
  );
}

function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'appPasswords.nameRequired';
  return [...trimmed].length > NAME_MAX ? 'appPasswords.nameTooLong' : null;
}

/** Where a refusal is shown: on the name field, or for the whole form. */
function refusal(error: unknown): { field: string | null; message: string } {
  if (error instanceof ApiError && error.code === 'name_taken') return { field: 'appPasswords.nameTaken', message: '' };
  if (error instanceof ApiError && error.code === 'too_many') return { field: null, message: t('appPasswords.tooMany') };
  if (error instanceof ApiError && error.field === 'name') return { field: error.message, message: '' };
  return { field: null, message: errorMessage(error) };
}

function CreateForm({ onCreated }: { onCreated: (created: CreatedAppPassword) => void }) {
  const form = useForm({ name: '' });
  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.busy) return;
    const problem = nameProblem(form.values.name);
    if (problem) return form.fail({ name: problem }, '');
    form.clear();
    form.setBusy(true);
    try {
      onCreated(await api.createAppPassword(form.values.name.trim()));
      form.setValues({ name: '' });
    } catch (error) {
      const { field, message } = refusal(error);
      form.fail(field ? { name: field } : {}, message);
    } finally {
      form.setBusy(false);
    }
  };
  return (
    <form ref={form.ref} class="form app-password-form" onSubmit={submit} noValidate>
      <TextField
        id="app-password-name"
        label={t('appPasswords.name')}
        hint={t('appPasswords.nameHint')}
        value={form.values.name}
        onValue={form.setter('name')}
        error={form.errors.name}
        autoComplete="off"
      />
      <Notice kind="error">{form.failure}</Notice>
      <div class="actions">
        <Button type="submit" busy={form.busy}>
          {t('appPasswords.create')}
        </Button>
      </div>
    </form>
  );
}

function useRevoke(refresh: () => Promise<void>) {
  const [revoking, setRevoking] = useState<number | null>(null);
  const [result, setResult] = useState('');
  const [failure, setFailure] = useState('');
  const revoke = async (item: AppPassword) => {
    setResult('');
    setFailure('');
    setRevoking(item.id);
    try {
      await api.revokeAppPassword(item.id);
      setResult(t('appPasswords.revoked', { name: item.name }));
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setRevoking(null);
    }
    await refresh();
  };
  return { revoking, result, failure, revoke };
}

export function AppPasswordsScreen() {
  useTitle(t('appPasswords.title'), t('settings.title'));
  const { me } = useSession();
  const list = useAppPasswords();
  const revoker = useRevoke(list.refresh);
  const [created, setCreated] = useState<CreatedAppPassword | null>(null);
  const onCreated = (next: CreatedAppPassword) => {
    setCreated(next);
    void list.refresh();
  };
  return (
    <div class="stack">
      <header class="section-header">
        <h2>{t('appPasswords.title')}</h2>
        <p class="muted">{t('appPasswords.lead')}</p>
      </header>
      <section class="card card-wide" aria-labelledby="new-app-password-heading">
        <h3 class="card-title" id="new-app-password-heading">
          {t('appPasswords.newTitle')}
        </h3>
        {created && <Reveal created={created} user={me.user.name} onDismiss={() => setCreated(null)} />}
        <CreateForm onCreated={onCreated} />
      </section>
      <ConnectHelp host={window.location.host} user={me.user.name} password={created?.password ?? null} />
      <section class="card card-wide" aria-labelledby="app-passwords-heading">
        <h3 class="card-title" id="app-passwords-heading">
          {t('appPasswords.listTitle')}
        </h3>
        <Notice kind="error">{revoker.failure || list.error}</Notice>
        <Notice kind="success">{revoker.result}</Notice>
        {list.items ? (
          <AppPasswordList items={list.items} revoking={revoker.revoking} onRevoke={revoker.revoke} />
        ) : (
          <p class="muted">{t('app.loading')}</p>
        )}
      </section>
    </div>
  );
}
