import type { FunctionComponent } from 'preact';
import { t, type MessageKey } from '../i18n';
import { navigate, onLinkClick } from '../router';
import { AppPasswordsScreen } from './AppPasswords';
import { BackgroundWorkScreen } from './BackgroundWork';
import { ConnectComputerScreen } from './ConnectComputer';
import { LanguageScreen } from './Language';
import { SecurityScreen } from './Security';
import { SshScreen } from './Ssh';
import { SystemScreen } from './System';

interface Section {
  id: string;
  label: MessageKey;
  Screen: FunctionComponent;
}

// One line per settings section; the path is /settings/<id>.
export const SECTIONS: readonly Section[] = [
  { id: 'system', label: 'settings.system', Screen: SystemScreen },
  { id: 'background-work', label: 'settings.backgroundWork', Screen: BackgroundWorkScreen },
  { id: 'security', label: 'settings.security', Screen: SecurityScreen },
  { id: 'app-passwords', label: 'settings.appPasswords', Screen: AppPasswordsScreen },
  { id: 'connect', label: 'settings.connect', Screen: ConnectComputerScreen },
  { id: 'ssh', label: 'settings.ssh', Screen: SshScreen },
  { id: 'language', label: 'settings.language', Screen: LanguageScreen },
];

export function findSection(path: string): Section | undefined {
  return SECTIONS.find((section) => path === `/settings/${section.id}`);
}

/** Tabs on wide screens, a select on phones (CSS shows one or the other). */
function SectionNav({ current }: { current: Section }) {
  return (
    <>
      <nav class="tabs" aria-label={t('settings.sections')}>
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.id}>
              <a
                class="tab"
                href={`/settings/${section.id}`}
                onClick={onLinkClick}
                aria-current={section === current ? 'page' : undefined}
              >
                {t(section.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="section-select">
        <label for="settings-section">{t('settings.section')}</label>
        <select
          id="settings-section"
          value={current.id}
          onChange={(event) => navigate(`/settings/${event.currentTarget.value}`)}
        >
          {SECTIONS.map((section) => (
            <option key={section.id} value={section.id}>
              {t(section.label)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

export function Settings({ section }: { section: Section }) {
  const { Screen } = section;
  return (
    <div class="page">
      <h1 class="page-title">{t('settings.title')}</h1>
      <SectionNav current={section} />
      <div class="section-body">
        <Screen key={section.id} />
      </div>
    </div>
  );
}
