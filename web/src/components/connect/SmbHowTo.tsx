import { useRef } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n';
import { CopyButton } from '../CopyButton';
import { smbHost, type Reach } from './api';

interface Client {
  id: string;
  name: MessageKey;
  how: MessageKey;
  line: (host: string, share: string, ip: string) => string;
}

// What to type on each system, with this box's own name (or, for Android, its address) filled in.
const CLIENTS: readonly Client[] = [
  { id: 'macos', name: 'connect.macos', how: 'connect.macosHow', line: (host, share) => `smb://${host}/${share}` },
  { id: 'windows', name: 'connect.windows', how: 'connect.windowsHow', line: (host, share) => `\\\\${host}\\${share}` },
  { id: 'linux', name: 'connect.linux', how: 'connect.linuxHow', line: (host, share) => `smb://${host}/${share}` },
  { id: 'ios', name: 'connect.ios', how: 'connect.iosHow', line: (host, share) => `smb://${host}/${share}` },
  { id: 'android', name: 'connect.android', how: 'connect.androidHow', line: (_host, share, ip) => `smb://${ip}/${share}` },
];

function CodeLine({ text, label }: { text: string; label: string }) {
  const ref = useRef<HTMLElement>(null);
  return (
    <div class="codeline">
      <code ref={ref}>{text}</code>
      <CopyButton text={text} target={ref} what={label} />
    </div>
  );
}

export function SmbHowTo({ reach }: { reach: Reach }) {
  const host = smbHost(reach);
  const ip = reach.addresses.find((a) => a.family === 'IPv4')?.address ?? host;
  return (
    <section class="card card-wide" aria-labelledby="smb-how-heading">
      <h3 class="card-title" id="smb-how-heading">
        {t('connect.howTitle')}
      </h3>
      <dl class="connect">
        {CLIENTS.map((client) => (
          <div class="connect-item" key={client.id} data-client={client.id}>
            <dt>{t(client.name)}</dt>
            <dd>
              <p class="small muted">{t(client.how)}</p>
              <CodeLine text={client.line(host, reach.smb.share, ip)} label={t(client.name)} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
