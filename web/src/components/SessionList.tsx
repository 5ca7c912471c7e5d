import type { SessionInfo } from '../api';
import { t, type MessageKey } from '../i18n';
import { formatDateTime, formatRelative } from '../lib/format';
import { Button } from './Button';
import { Icon, type IconName } from './Icon';

const DEVICES: Record<string, [IconName, MessageKey]> = {
  desktop: ['desktop', 'security.device.desktop'],
  mobile: ['mobile', 'security.device.mobile'],
  tablet: ['tablet', 'security.device.tablet'],
};

/** The server says "Unknown" (or nothing) when the user agent did not tell. */
function known(value: string | null): string | null {
  return value && value.toLowerCase() !== 'unknown' ? value : null;
}

function deviceOf(session: SessionInfo): [IconName, string] {
  const type = DEVICES[(session.device ?? '').toLowerCase()];
  return type ? [type[0], t(type[1])] : ['desktop', t('security.device.other')];
}

export function sessionName(session: SessionInfo): string {
  const browser = known(session.browser) ?? t('security.unknownBrowser');
  const os = known(session.os);
  return os ? t('security.on', { browser, os }) : browser;
}

interface Props {
  sessions: SessionInfo[];
  revoking: string | null;
  onRevoke: (session: SessionInfo) => void;
}

export function SessionList({ sessions, revoking, onRevoke }: Props) {
  const sorted = [...sessions].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt - a.lastSeenAt);
  return (
    <ul class="sessions">
      {sorted.map((session) => {
        const [icon, device] = deviceOf(session);
        const name = sessionName(session);
        return (
          <li key={session.id} class={session.current ? 'session session-current' : 'session'}>
            <span class="session-icon">
              <Icon name={icon} size={22} />
            </span>
            <div class="session-main">
              <p class="session-name">
                <strong>{name}</strong>
                {session.current && <span class="badge badge-accent">{t('security.thisDevice')}</span>}
              </p>
              <dl class="session-facts">
                <div>
                  <dt class="sr-only">{t('security.device.other')}</dt>
                  <dd>{device}</dd>
                </div>
                {session.ip && (
                  <div>
                    <dt>{t('security.ip')}</dt>
                    <dd class="mono">{session.ip}</dd>
                  </div>
                )}
                <div>
                  <dt>{t('security.lastSeen')}</dt>
                  <dd>
                    <time dateTime={new Date(session.lastSeenAt).toISOString()} title={formatDateTime(session.lastSeenAt)}>
                      {formatRelative(session.lastSeenAt)}
                    </time>
                  </dd>
                </div>
                <div>
                  <dt>{t('security.created')}</dt>
                  <dd>
                    <time dateTime={new Date(session.createdAt).toISOString()}>{formatDateTime(session.createdAt)}</time>
                  </dd>
                </div>
              </dl>
            </div>
            {!session.current && (
              <Button
                variant="secondary"
                class="session-revoke"
                busy={revoking === session.id}
                aria-label={t('security.revokeLabel', { name })}
                onClick={() => onRevoke(session)}
              >
                {t('security.revoke')}
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
