import { t } from '../../i18n';
import { onLinkClick } from '../../router';
import { DriveIcon } from './DriveIcon';
import { DRIVE_ROOT, TRASH_ROUTE } from './paths';
import { SpaceMeter } from './SpaceMeter';

/** Drive's own sidebar (a row of tabs on phones): My files, Trash, and the free space. */
export function DriveNav({ current, spaceVersion }: { current: 'files' | 'trash'; spaceVersion?: number }) {
  const link = (id: 'files' | 'trash', href: string, icon: 'home' | 'trash', label: string) => (
    <li>
      <a class="drive-nav-link" href={href} onClick={onLinkClick} aria-current={current === id ? 'page' : undefined}>
        <DriveIcon name={icon} />
        <span>{label}</span>
      </a>
    </li>
  );
  return (
    <aside class="drive-side">
      <nav aria-label={t('drive.navLabel')}>
        <ul class="drive-nav">
          {link('files', DRIVE_ROOT, 'home', t('drive.myFiles'))}
          {link('trash', TRASH_ROUTE, 'trash', t('drive.trash'))}
        </ul>
      </nav>
      <SpaceMeter version={spaceVersion} />
    </aside>
  );
}
