import type { ComponentChildren } from 'preact';
import { getLocale, LOCALES, languageName, setLocale, storeLocale, t, type Locale } from '../i18n';
import { Logo } from './Icon';

/** Before signing in there is no account yet: the choice is kept in this browser. */
function LanguageSwitch() {
  const choose = (locale: Locale) => {
    storeLocale(locale);
    setLocale(locale);
  };
  return (
    <nav class="lang-switch" aria-label={t('lang.switch')}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          class="link-button"
          lang={locale}
          aria-pressed={getLocale() === locale ? 'true' : 'false'}
          onClick={() => choose(locale)}
        >
          {languageName(locale)}
        </button>
      ))}
    </nav>
  );
}

/** The centred card of the Setup and Sign in screens. */
export function AuthLayout({ children }: { children: ComponentChildren }) {
  return (
    <div class="auth">
      <main id="main" class="auth-main">
        <div class="auth-brand">
          <Logo size={40} />
          <span class="brand-name">{t('app.name')}</span>
        </div>
        <div class="auth-card">{children}</div>
        <LanguageSwitch />
      </main>
    </div>
  );
}
