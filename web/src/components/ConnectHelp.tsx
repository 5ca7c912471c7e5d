import { useRef } from 'preact/hooks';
import { t, type MessageKey, type Params } from '../i18n';
import { CopyButton } from './CopyButton';

interface Client {
  id: string;
  name: MessageKey;
  how: MessageKey;
  line: (host: string, user: string, password: string) => string;
}

// What to type in each client, with this box's own address filled in.
const CLIENTS: readonly Client[] = [
  { id: 'finder', name: 'appPasswords.finder', how: 'appPasswords.finderHow', line: (host) => `http://${host}/dav/` },
  { id: 'windows', name: 'appPasswords.windows', how: 'appPasswords.windowsHow', line: (host) => `http://${host}/dav/` },
  { id: 'gnome', name: 'appPasswords.gnome', how: 'appPasswords.gnomeHow', line: (host) => `dav://${host}/dav/` },
  {
    id: 'rclone',
    name: 'appPasswords.rclone',
    how: 'appPasswords.rcloneHow',
    line: (host, user, password) =>
      `rclone config create cozy webdav url=http://${host}/dav/ vendor=other user=${user} pass=$(rclone obscure ${password})`,
  },
];

/** A sentence with one of its values in bold (the user name people must type). */
export function Emphasised({ message, name, value, params = {} }: { message: MessageKey; name: string; value: string; params?: Params }) {
  const mark = '\u0000';
  const [before = '', after = ''] = t(message, { ...params, [name]: mark }).split(mark);
  return (
    <>
      {before}
      <strong>{value}</strong>
      {after}
    </>
  );
}

function CodeLine({ text, label }: { text: string; label: string }) {
  const ref = useRef<HTMLElement>(null);
  return (
    <div class="codeline">
      <code ref={ref}>{text}</code>
      <CopyButton text={text} target={ref} what={label} />
    </div>
  );
}

interface Props {
  host: string;
  user: string;
  /** The password just created, filled into the rclone line while it is on screen. */
  password: string | null;
}

export function ConnectHelp({ host, user, password }: Props) {
  const shownPassword = password ?? t('appPasswords.placeholder');
  return (
    <section class="card card-wide" aria-labelledby="connect-heading">
      <h3 class="card-title" id="connect-heading">
        {t('appPasswords.connectTitle')}
      </h3>
      <p class="muted">
        <Emphasised message="appPasswords.connectLead" name="user" value={user} />
      </p>
      <dl class="connect">
        {CLIENTS.map((client) => (
          <div class="connect-item" key={client.id} data-client={client.id}>
            <dt>{t(client.name)}</dt>
            <dd>
              <p class="small muted">{t(client.how)}</p>
              <CodeLine text={client.line(host, user, shownPassword)} label={t(client.name)} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
