import type { JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { Button } from '../components/Button';
import { ComputerList } from '../components/connect/ComputerList';
import { connectApi, type ComputerPassword, type CreatedComputerPassword } from '../components/connect/api';
import { useReach } from '../components/connect/ReachCard';
import { SmbHowTo } from '../components/connect/SmbHowTo';
import { CopyButton } from '../components/CopyButton';
import { TextField } from '../components/Field';
import { Icon } from '../components/Icon';
import { Notice } from '../components/Notice';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { useForm } from '../lib/form';
import { useTitle } from '../lib/hooks';

const NAME_MAX = 64;

function useComputers() {
  const [items, setItems] = useState<ComputerPassword[] | null>(null);
  const [error, setError] = useState('');
  const refresh = useCallback(async () => {
    try {
      setItems((await connectApi.passwords()).appPasswords.filter((item) => item.smbAccount !== null));
      setError('');
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);
  return { items, error, refresh };
}

function Secret({ label, value, testId }: { label: string; value: string; testId: string }) {
  const ref = useRef<HTMLElement>(null);
  return (
    <div class="secret-row">
      <p class="small muted">{label}</p>
      <div class="secret-value">
        <code ref={ref} data-testid={testId}>
          {value}
        </code>
        <CopyButton text={value} target={ref} what={label} variant="primary" />
      </div>
    </div>
  );
}

/** The user name and password of the new computer, in the one place they are shown together. */
function Reveal({ created, onDismiss }: { created: CreatedComputerPassword; onDismiss: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [created.id]);
  return (
    <div class="secret" ref={box} tabIndex={-1} role="region" aria-labelledby="computer-secret-title">
      <p class="secret-title" id="computer-secret-title">
        <Icon name="key" />
        <strong>{t('connect.createdTitle', { name: created.name })}</strong>
      </p>
      <Secret label={t('connect.user')} value={created.smbAccount} testId="new-smb-user" />
      <Secret label={t('connect.password')} value={created.password} testId="new-smb-password" />
      <p class="secret-warning">
        <Icon name="alert" />
        <span>{t('connect.once')}</span>
      </p>
      <div class="actions">
        <Button variant="secondary" onClick={onDismiss}>
          {t('connect.dismiss')}
        </Button>
      </div>
    </div>
  );
}

function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'connect.nameRequired';
  return [...trimmed].length > NAME_MAX ? 'connect.nameTooLong' : null;
}

function CreateForm({ onCreated }: { onCreated: (created: CreatedComputerPassword) => void }) {
  const form = useForm({ name: '' });
  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (form.busy) return;
    const problem = nameProblem(form.values.name);
    if (problem) return form.fail({ name: problem }, '');
    form.clear();
    form.setBusy(true);
    try {
      onCreated(await connectApi.createComputerPassword(form.values.name.trim()));
      form.setValues({ name: '' });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'name_taken') form.fail({ name: 'connect.nameTaken' }, '');
      else form.fail({}, errorMessage(error));
    } finally {
      form.setBusy(false);
    }
  };
  return (
    <form ref={form.ref} class="form app-password-form" onSubmit={submit} noValidate>
      <TextField
        id="computer-name"
        label={t('connect.name')}
        hint={t('connect.nameHint')}
        value={form.values.name}
        onValue={form.setter('name')}
        error={form.errors.name}
        autoComplete="off"
      />
      <Notice kind="error">{form.failure}</Notice>
      <div class="actions">
        <Button type="submit" busy={form.busy}>
          {t('connect.create')}
        </Button>
      </div>
    </form>
  );
}

function useRemove(refresh: () => Promise<void>) {
  const [removing, setRemoving] = useState<number | null>(null);
  const [result, setResult] = useState('');
  const [failure, setFailure] = useState('');
  const remove = async (item: ComputerPassword) => {
    setResult('');
    setFailure('');
    setRemoving(item.id);
    try {
      await connectApi.revoke(item.id);
      setResult(t('connect.removed', { name: item.name }));
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setRemoving(null);
    }
    await refresh();
  };
  return { removing, result, failure, remove };
}

function ComputersCard({ computers }: { computers: ReturnType<typeof useComputers> }) {
  const remover = useRemove(computers.refresh);
  return (
    <section class="card card-wide" aria-labelledby="computers-heading">
      <h3 class="card-title" id="computers-heading">
        {t('connect.listTitle')}
      </h3>
      <Notice kind="error">{remover.failure || computers.error}</Notice>
      <Notice kind="success">{remover.result}</Notice>
      {computers.items ? (
        <ComputerList items={computers.items} removing={remover.removing} onRemove={remover.remove} />
      ) : (
        <p class="muted">{t('app.loading')}</p>
      )}
    </section>
  );
}

export function ConnectComputerScreen() {
  useTitle(t('connect.title'), t('settings.title'));
  const reach = useReach();
  const computers = useComputers();
  const [created, setCreated] = useState<CreatedComputerPassword | null>(null);
  const available = reach?.smb.available ?? true;
  return (
    <div class="stack">
      <header class="section-header">
        <h2>{t('connect.title')}</h2>
        <p class="muted">{t('connect.lead')}</p>
      </header>
      <section class="card card-wide" aria-labelledby="new-computer-heading">
        <h3 class="card-title" id="new-computer-heading">
          {t('connect.newTitle')}
        </h3>
        {created && <Reveal created={created} onDismiss={() => setCreated(null)} />}
        {/* Off the image a password would open nothing: say where SMB works instead of offering it. */}
        {available ? (
          <CreateForm
            onCreated={(next) => {
              setCreated(next);
              void computers.refresh();
            }}
          />
        ) : (
          <Notice kind="info">{t('connect.unavailable')}</Notice>
        )}
      </section>
      {reach && <SmbHowTo reach={reach} />}
      <ComputersCard computers={computers} />
    </div>
  );
}
