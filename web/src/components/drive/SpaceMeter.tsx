import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { formatBytes } from '../../lib/format';
import { UsageBar } from '../Card';
import { filesApi, type Space } from './files-api';

/** Free space of the data volume; asks again whenever `version` changes (after uploads, deletes). */
export function SpaceMeter({ version = 0 }: { version?: number }) {
  const [space, setSpace] = useState<Space | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    filesApi
      .space()
      .then((next) => live && (setSpace(next), setFailed(false)))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [version]);
  if (!space) return failed ? <p class="space-meter muted small">{t('drive.space.unknown')}</p> : <div class="space-meter" />;
  const used = Math.max(0, space.totalBytes - space.freeBytes);
  const free = formatBytes(space.freeBytes);
  const total = formatBytes(space.totalBytes);
  return (
    <div class="space-meter">
      <p class="space-text small">
        <strong>{t('drive.space.free', { free })}</strong>
        <span class="muted"> · {t('drive.space.of', { total })}</span>
      </p>
      <UsageBar label={t('drive.space.label')} used={used} total={space.totalBytes} valueText={t('drive.space.value', { free, total })} />
    </div>
  );
}
