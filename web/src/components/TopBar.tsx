import type { User } from '../api';
import { t } from '../i18n';
import { onLinkClick } from '../router';
import { SPACES, isActive } from '../spaces';
import { Icon, Logo } from './Icon';
import { SearchBox } from './search/SearchBox';
import { UserMenu } from './UserMenu';

interface Props {
  path: string;
  user: User;
  onSignOut: () => Promise<void>;
}

/** Product name, one link per space (labels collapse to icons on phones), account menu. */
export function TopBar({ path, user, onSignOut }: Props) {
  const home = SPACES[0]?.home ?? '/';
  return (
    <header class="topbar">
      <div class="topbar-inner">
        <a class="brand" href={home} onClick={onLinkClick}>
          <Logo size={30} />
          <span class="brand-name">{t('app.name')}</span>
        </a>
        <nav class="spaces" aria-label={t('nav.label')}>
          <ul>
            {SPACES.map((space) => (
              <li key={space.id}>
                <a
                  class="space-link"
                  href={space.home}
                  onClick={onLinkClick}
                  aria-current={isActive(space, path) ? 'page' : undefined}
                >
                  <Icon name={space.icon} />
                  <span class="space-label">{t(space.label)}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <SearchBox />
        <UserMenu user={user} onSignOut={onSignOut} />
      </div>
    </header>
  );
}
