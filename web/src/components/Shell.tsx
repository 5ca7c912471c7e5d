import { t } from '../i18n';
import { onLinkClick } from '../router';
import { banksScreen } from '../screens/Banks';
import { driveScreen } from '../screens/Drive';
import { photosScreen } from '../screens/Photos';
import { Settings, findSection } from '../screens/Settings';
import { useSession } from '../session';
import { SPACES } from '../spaces';
import { TopBar } from './TopBar';

function NotFound() {
  return (
    <div class="page">
      <h1 class="page-title">{t('app.notFound')}</h1>
      <p>
        <a href={SPACES[0]?.home ?? '/'} onClick={onLinkClick}>
          {t('app.goHome')}
        </a>
      </p>
    </div>
  );
}

/** The signed-in frame: skip link, top bar, and the screen for the path. */
export function Shell({ path }: { path: string }) {
  const { me, signOut } = useSession();
  const section = findSection(path);
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <TopBar path={path} user={me.user} onSignOut={signOut} />
      <main id="main" tabIndex={-1}>
        {section ? <Settings section={section} /> : (driveScreen(path) ?? photosScreen(path) ?? banksScreen(path) ?? <NotFound />)}
      </main>
    </div>
  );
}
