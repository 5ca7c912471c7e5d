import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, type AppPassword, type CreatedAppPassword } from '../api';
import { AppPasswordList } from '../components/AppPasswordList';
import { Button } from '../components/Button';
import { ConnectHelp, Emphasised } from '../components/ConnectHelp';
import { CopyButton } from '../components/CopyButton';
import { Icon } from '../components/Icon';
import { NameForm, useLoadedList, useRemoval, type NameFormText } from '../components/NamedSecretForm';
import { Notice } from '../components/Notice';
import { t } from '../i18n';
import { useTitle } from '../lib/hooks';
import { useSession } from '../session';

const TEXT: NameFormText = {
  name: 'appPasswords.name',
  hint: 'appPasswords.nameHint',
  create: 'appPasswords.create',
  required: 'appPasswords.nameRequired',
  tooLong: 'appPasswords.nameTooLong',
  taken: 'appPasswords.nameTaken',
};

const loadAppPasswords = async () => (await api.appPasswords()).appPasswords;
const tooMany = (error: ApiError) => (error.code === 'too_many' ? t('appPasswords.tooMany') : null);

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

export function AppPasswordsScreen() {
  useTitle(t('appPasswords.title'), t('settings.title'));
  const { me } = useSession();
  const list = useLoadedList(loadAppPasswords);
  const revoker = useRemoval<AppPassword>((id) => api.revokeAppPassword(id), 'appPasswords.revoked', list.refresh);
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
        <NameForm id="app-password-name" text={TEXT} create={(name) => api.createAppPassword(name)} onCreated={onCreated} explain={tooMany} />
      </section>
      <ConnectHelp host={window.location.host} user={me.user.name} password={created?.password ?? null} />
      <section class="card card-wide" aria-labelledby="app-passwords-heading">
        <h3 class="card-title" id="app-passwords-heading">
          {t('appPasswords.listTitle')}
        </h3>
        <Notice kind="error">{revoker.failure || list.error}</Notice>
        <Notice kind="success">{revoker.result}</Notice>
        {list.items ? (
          <AppPasswordList items={list.items} revoking={revoker.removing} onRevoke={revoker.remove} />
        ) : (
          <p class="muted">{t('app.loading')}</p>
        )}
      </section>
    </div>
  );
}
