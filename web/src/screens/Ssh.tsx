import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Button } from '../components/Button';
import { connectApi, type SshStatus } from '../components/connect/api';
import { useReach } from '../components/connect/ReachCard';
import { Notice } from '../components/Notice';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { useTitle } from '../lib/hooks';
import { useSession } from '../session';

/** The account SSH lets in on the image (the privileged helper's COZY_SSH_USER). */
const SSH_USER = 'cozy-admin';

/** A public key is one long line: a monospace box that wraps it, no spell checking. */
function KeyField({ value, invalid, onValue }: { value: string; invalid: boolean; onValue: (value: string) => void }) {
  return (
    <div class={invalid ? 'field field-invalid' : 'field'}>
      <label for="ssh-key">{t('ssh.keyLabel')}</label>
      <p id="ssh-key-hint" class="field-hint">
        {t('ssh.keyHint')}
      </p>
      <textarea
        id="ssh-key"
        class="mono ssh-key"
        rows={4}
        value={value}
        spellcheck={false}
        autoCapitalize="off"
        aria-describedby="ssh-key-hint"
        aria-invalid={invalid ? 'true' : undefined}
        onInput={(event) => onValue(event.currentTarget.value)}
        placeholder="ssh-ed25519 AAAAC3Nza… you@laptop"
      />
    </div>
  );
}

function KeyForm({ onDone }: { onDone: (status: SshStatus) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (!key.trim()) return setError(t('ssh.keyRequired'));
    setBusy(true);
    setError('');
    try {
      onDone(await connectApi.enableSsh(key.trim()));
      setKey('');
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form" onSubmit={submit} noValidate>
      <KeyField value={key} invalid={error !== ''} onValue={setKey} />
      <Notice kind="error">{error}</Notice>
      <div class="actions">
        <Button type="submit" busy={busy}>
          {t('ssh.enable')}
        </Button>
      </div>
    </form>
  );
}

function Enabled({ status, host, onDone }: { status: SshStatus; host: string; onDone: (status: SshStatus) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const disable = async () => {
    setBusy(true);
    try {
      onDone(await connectApi.disableSsh());
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <dl class="facts">
        <div class="fact">
          <dt>{t('ssh.command')}</dt>
          <dd class="mono">{`ssh ${SSH_USER}@${host}`}</dd>
        </div>
        <div class="fact">
          <dt>{t('ssh.key')}</dt>
          <dd class="mono ssh-key-shown">{status.key}</dd>
        </div>
      </dl>
      <Notice kind="error">{error}</Notice>
      <div class="actions">
        <Button variant="danger" busy={busy} onClick={disable}>
          {t('ssh.disable')}
        </Button>
      </div>
    </>
  );
}

function SshSwitch() {
  const reach = useReach();
  const [status, setStatus] = useState<SshStatus | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    connectApi.ssh().then(setStatus, (caught) => setError(errorMessage(caught)));
  }, []);
  const done = (next: SshStatus) => {
    setStatus(next);
    setMessage(next.enabled ? t('ssh.enabled') : t('ssh.disabled'));
  };
  return (
    <section class="card card-wide" aria-labelledby="ssh-heading">
      <h3 class="card-title" id="ssh-heading">
        {status?.enabled ? t('ssh.on') : t('ssh.off')}
      </h3>
      <Notice kind="error">{error}</Notice>
      <Notice kind="success">{message}</Notice>
      {status && !status.available && <Notice kind="info">{t('ssh.unavailable')}</Notice>}
      {status?.enabled ? (
        <Enabled status={status} host={reach?.mdnsName ?? reach?.hostname ?? 'cozy.local'} onDone={done} />
      ) : (
        status && <KeyForm onDone={done} />
      )}
    </section>
  );
}

export function SshScreen() {
  useTitle(t('ssh.title'), t('settings.title'));
  const { me } = useSession();
  const owner = me.user.role === 'owner';
  return (
    <div class="stack">
      <header class="section-header">
        <h2>{t('ssh.title')}</h2>
        <p class="muted">{t('ssh.lead', { user: SSH_USER })}</p>
      </header>
      {owner ? <SshSwitch /> : <Notice kind="info">{t('ssh.ownerOnly')}</Notice>}
    </div>
  );
}
