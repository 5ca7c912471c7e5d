import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { formatBytes, formatDateTime, formatNumber } from '../../lib/format';
import { onLinkClick } from '../../router';
import { Button } from '../Button';
import { Facts } from '../Card';
import { copyText } from './clipboard';
import { DriveIcon } from './DriveIcon';
import type { Entry } from './files-api';
import { TYPE_ICON, TYPE_LABEL, fileTypeOf } from './kinds';
import { driveHref, parentOf } from './paths';
import { Shares } from './Shares';
import { Versions } from './Versions';

interface Props {
  /** One entry (the selection, or the open folder), or several. */
  entries: Entry[];
  shares: boolean;
  onClose: () => void;
  onChanged: () => void;
  /** "This is a bill", offered on a PDF. */
  onBill?: (entry: Entry) => void;
}

/** "2cf24dba…938b9824", with the full value for copying and for screen readers' title. */
function Checksum({ value }: { value: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <span class="checksum">
      <code class="mono" title={value} data-checksum={value}>
        {value.slice(0, 8)}…{value.slice(-8)}
      </code>
      <button
        type="button"
        class="btn btn-ghost btn-icon btn-small"
        aria-label={t('drive.copyChecksum')}
        onClick={() => void copyText(value).then(setCopied)}
      >
        <DriveIcon name="copy" size={16} />
      </button>
      <span class="sr-only" role="status">
        {copied === null ? '' : t(copied ? 'drive.copied' : 'drive.copyFailed')}
      </span>
      {copied && <span class="small muted" aria-hidden="true">{t('drive.copied')}</span>}
    </span>
  );
}

function facts(entry: Entry): Array<[string, ComponentChildren]> {
  const folder = parentOf(entry.path);
  const rows: Array<[string, ComponentChildren]> = [
    [t('drive.info.type'), entry.kind === 'folder' ? t('drive.type.folder') : `${t(TYPE_LABEL[fileTypeOf(entry)])} (${entry.mime})`],
  ];
  if (entry.kind === 'file') {
    const exact = entry.size >= 1000 ? ` (${t('drive.info.bytes', { n: formatNumber(entry.size, 0) })})` : '';
    rows.push([t('drive.info.size'), `${formatBytes(entry.size)}${exact}`]);
  }
  if (entry.mtime) rows.push([t('drive.info.modified'), formatDateTime(entry.mtime)]);
  if (entry.path !== '/') {
    rows.push([
      t('drive.info.location'),
      <a href={driveHref(folder)} onClick={onLinkClick}>{folder === '/' ? t('drive.myFiles') : folder}</a>,
    ]);
  }
  if (entry.sha256) rows.push([t('drive.info.checksum'), <Checksum value={entry.sha256} />]);
  return rows;
}

export function DetailsPanel({ entries, shares, onClose, onChanged, onBill }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const single = entries.length === 1 ? entries[0]! : null;
  useEffect(() => {
    // On a phone the panel covers the list: take focus so it is read first.
    if (window.matchMedia('(max-width: 959px)').matches) heading.current?.focus();
  }, []);
  const title = single ? single.name || t('drive.myFiles') : t('drive.selected', { count: entries.length });
  const type = single ? fileTypeOf(single) : 'other';
  return (
    <aside class="details" aria-labelledby="details-heading" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <header class="details-head">
        <span class={`file-icon type-${type}`}>
          <DriveIcon name={single ? TYPE_ICON[type] : 'copy'} size={24} />
        </span>
        <h2 id="details-heading" ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" class="btn btn-ghost btn-icon" aria-label={t('drive.closeDetails')} onClick={onClose}>
          <DriveIcon name="close" />
        </button>
      </header>
      {single ? (
        <>
          <Facts rows={facts(single)} />
          {onBill && type === 'pdf' && (
            <Button variant="secondary" class="details-bill" onClick={() => onBill(single)}>
              <DriveIcon name="pdf" size={18} />
              {t('bill.action')}
            </Button>
          )}
          {single.kind === 'file' && <Versions entry={single} onRestored={onChanged} />}
          {shares && single.path !== '/' && <Shares entry={single} />}
        </>
      ) : (
        <Facts rows={[[t('drive.info.size'), formatBytes(entries.reduce((sum, e) => sum + (e.kind === 'file' ? e.size : 0), 0))]]} />
      )}
    </aside>
  );
}
