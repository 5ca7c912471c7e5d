import { t } from '../../i18n';
import { formatExpiry } from './share-format';
import { ShareIcon } from './ShareIcon';

export function Expiry({ expiresAt }: { expiresAt: number | null }) {
  if (expiresAt === null) return null;
  return (
    <p class="share-expiry">
      <ShareIcon name="clock" size={18} />
      <span>{t('share.until', { date: formatExpiry(expiresAt) })}</span>
    </p>
  );
}
