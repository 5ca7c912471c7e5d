import { getLocale, LOCALES, languageName, setLocale, storeLocale, t, type Locale } from '../../i18n';
import { Logo } from '../Icon';

/** A visitor has no account: the language chosen here is kept in this browser, as on Sign in. */
function LanguageSwitch() {
  const choose = (locale: Locale) => {
    storeLocale(locale);
    setLocale(locale);
  };
  return (
    <nav class="share-lang" aria-label={t('lang.switch')}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          class="share-lang-button"
          lang={locale}
          aria-label={languageName(locale)}
          aria-pressed={getLocale() === locale ? 'true' : 'false'}
          onClick={() => choose(locale)}
        >
          {locale.toUpperCase()}
        </button>
      ))}
    </nav>
  );
}

/** The only frame a visitor gets: the product's name, whose page this is, and the language. */
export function ShareHeader() {
  return (
    <header class="share-top">
      <div class="share-top-inner">
        <p class="share-brand">
          <Logo size={28} />
          <span class="brand-name">{t('app.name')}</span>
          <span class="share-tagline">
            <span aria-hidden="true">— </span>
            {t('share.tagline')}
          </span>
        </p>
        <LanguageSwitch />
      </div>
    </header>
  );
}
