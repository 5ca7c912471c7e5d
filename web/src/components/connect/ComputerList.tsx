import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { formatDateTime, formatRelative } from '../../lib/format';
import { Button } from '../Button';
import { Icon } from '../Icon';
import type { ComputerPassword } from './api';

interface Props {
  items: ComputerPassword[];
  removing: number | null;
  onRemove: (item: ComputerPassword) => void;
}

/** One connected computer; Disconnect first asks, in place. */
function Computer({ item, removing, onRemove }: { item: ComputerPassword } & Omit<Props, 'items'>) {
  const [asking, setAsking] = useState(false);
  return (
    <li class="app-password" data-testid="computer">
      <span class="app-password-icon">
        <Icon name="desktop" size={22} />
      </span>
      <div class="app-password-main">
        <p class="app-password-name">
          <strong>{item.name}</strong>
        </p>
        <p class="small muted">
          {t('connect.signsInAs', { user: item.smbAccount ?? '' })} ·{' '}
          <time dateTime={new Date(item.createdAt).toISOString()} title={formatDateTime(item.createdAt)}>
            {formatRelative(item.createdAt)}
          </time>
        </p>
      </div>
      {asking ? (
        <div class="app-password-confirm" role="group">
          <p>{t('connect.removeConfirm', { name: item.name })}</p>
          <div class="actions">
            <Button variant="danger" busy={removing === item.id} onClick={() => onRemove(item)}>
              {t('connect.removeYes')}
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)}>
              {t('connect.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" class="app-password-revoke" onClick={() => setAsking(true)}>
          {t('connect.remove')}
        </Button>
      )}
    </li>
  );
}

export function ComputerList({ items, removing, onRemove }: Props) {
  if (items.length === 0) return <p class="muted">{t('connect.none')}</p>;
  return (
    <ul class="app-passwords">
      {items.map((item) => (
        <Computer key={item.id} item={item} removing={removing} onRemove={onRemove} />
      ))}
    </ul>
  );
}
