import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '../components/Button';
import { ComputerList } from '../components/connect/ComputerList';
import { connectApi, type ComputerPassword, type CreatedComputerPassword } from '../components/connect/api';
import { useReach } from '../components/connect/ReachCard';
import { SmbHowTo } from '../components/connect/SmbHowTo';
import { CopyButton } from '../components/CopyButton';
import { Icon } from '../components/Icon';
import { NameForm, useLoadedList, useRemoval, type NameFormText } from '../components/NamedSecretForm';
import { Notice } from '../components/Notice';
import { t } from '../i18n';
import { useTitle } from '../lib/hooks';

const TEXT: NameFormText = {
  name: 'connect.name',
  hint: 'connect.nameHint',
  create: 'connect.create',
  required: 'connect.nameRequired',
  tooLong: 'connect.nameTooLong',
  taken: 'connect.nameTaken',
};

const loadComputers = async () => (await connectApi.passwords()).appPasswords.filter((item) => item.smbAccount !== null);

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

function ComputersCard({ computers }: { computers: ReturnType<typeof useLoadedList<ComputerPassword>> }) {
  const remover = useRemoval<ComputerPassword>((id) => connectApi.revoke(id), 'connect.removed', computers.refresh);
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
  const computers = useLoadedList(loadComputers);
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
          <NameForm
            id="computer-name"
            text={TEXT}
            create={(name) => connectApi.createComputerPassword(name)}
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
