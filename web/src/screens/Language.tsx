import { useState } from 'preact/hooks';
import { api } from '../api';
import { Notice } from '../components/Notice';
import { browserLocale, languageName, resolveLocale, setLocale, storeLocale, t, type Locale } from '../i18n';
import { errorMessage } from '../lib/errors';
import { formatLanguage } from '../lib/format';
import { useTitle } from '../lib/hooks';
import { useSession } from '../session';

type Choice = Locale | 'auto';
const CHOICES: readonly Choice[] = ['auto', 'en', 'fr'];

export function LanguageScreen() {
  useTitle(t('language.title'), t('settings.title'));
  const { me, setUser } = useSession();
  const saved: Choice = me.user.locale ?? 'auto';
  const [choice, setChoice] = useState<Choice>(saved);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState('');

  // Applied at once, then saved; put back as it was if the box refuses.
  const apply = (value: Choice) => {
    const locale = value === 'auto' ? null : value;
    storeLocale(locale);
    setLocale(resolveLocale(locale));
  };
  const choose = async (value: Choice) => {
    setChoice(value);
    setStatus('');
    setFailure('');
    apply(value);
    try {
      const { user } = await api.setLocale(value === 'auto' ? null : value);
      setUser(user);
      setStatus(t('language.saved'));
    } catch (error) {
      setChoice(saved);
      apply(saved);
      setFailure(errorMessage(error));
    }
  };

  const label = (value: Choice) =>
    value === 'auto' ? t('language.auto', { language: formatLanguage(browserLocale()) }) : languageName(value);

  return (
    <div class="stack">
      <header class="section-header">
        <h2>{t('language.title')}</h2>
        <p class="muted">{t('language.lead')}</p>
      </header>
      <section class="card card-wide">
        <fieldset class="radios">
          <legend class="sr-only">{t('language.legend')}</legend>
          {CHOICES.map((value) => (
            <label key={value} class="radio" lang={value === 'auto' ? undefined : value}>
              <input
                type="radio"
                name="locale"
                value={value}
                checked={choice === value}
                onChange={() => void choose(value)}
              />
              <span>{label(value)}</span>
            </label>
          ))}
        </fieldset>
        <Notice kind="error">{failure}</Notice>
        <Notice kind="success">{status}</Notice>
      </section>
    </div>
  );
}
