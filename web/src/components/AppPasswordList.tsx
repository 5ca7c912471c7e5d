import { useState } from 'preact/hooks';
import type { AppPassword } from '../api';
import { t } from '../i18n';
import { formatDateTime, formatRelative } from '../lib/format';
import { Button } from './Button';
import { Icon } from './Icon';

function When({ at }: { at: number | null }) {
  if (at === null) return <>{t('appPasswords.never')}</>;
  return (
    <time dateTime={new Date(at).toISOString()} title={formatDateTime(at)}>
      {formatRelative(at)}
    </time>
  );
}

function Facts({ item }: { item: AppPassword }) {
  return (
    <dl class="app-password-facts">
      <div>
        <dt>{t('appPasswords.created')}</dt>
        <dd>
          <When at={item.createdAt} />
        </dd>
      </div>
      <div>
        <dt>{t('appPasswords.lastUsed')}</dt>
        <dd>
          <When at={item.lastUsedAt} />
        </dd>
      </div>
      {item.smbAccount && (
        <div>
          <dt>{t('connect.smbUser')}</dt>
          <dd class="mono">{item.smbAccount}</dd>
        </div>
      )}
    </dl>
  );
}

interface ItemProps {
  item: AppPassword;
  busy: boolean;
  onRevoke: (item: AppPassword) => void;
}

function Confirm({ item, busy, onRevoke, onCancel }: ItemProps & { onCancel: () => void }) {
  return (
    <div class="app-password-confirm" role="group" aria-label={t('appPasswords.revokeLabel', { name: item.name })}>
      <p>{t('appPasswords.confirm', { name: item.name })}</p>
      <div class="actions">
        <Button variant="danger" busy={busy} onClick={() => onRevoke(item)}>
          {t('appPasswords.confirmYes')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('appPasswords.cancel')}
        </Button>
      </div>
    </div>
  );
}

/** One app password; Revoke first asks, in place, whether it is meant. */
function Item(props: ItemProps) {
  const { item } = props;
  const [confirming, setConfirming] = useState(false);
  const label = t('appPasswords.revokeLabel', { name: item.name });
  return (
    <li class="app-password" data-id={item.id}>
      <span class="app-password-icon">
        <Icon name="key" size={22} />
      </span>
      <div class="app-password-main">
        <p class="app-password-name">
          <strong>{item.name}</strong>
        </p>
        <Facts item={item} />
      </div>
      {confirming ? (
        <Confirm {...props} onCancel={() => setConfirming(false)} />
      ) : (
        <Button variant="secondary" class="app-password-revoke" aria-label={label} onClick={() => setConfirming(true)}>
          {t('appPasswords.revoke')}
        </Button>
      )}
    </li>
  );
}

interface Props {
  items: AppPassword[];
  revoking: number | null;
  onRevoke: (item: AppPassword) => void;
}

export function AppPasswordList({ items, revoking, onRevoke }: Props) {
  if (items.length === 0) return <p class="muted">{t('appPasswords.none')}</p>;
  return (
    <ul class="app-passwords">
      {items.map((item) => (
        <Item key={item.id} item={item} busy={revoking === item.id} onRevoke={onRevoke} />
      ))}
    </ul>
  );
}
