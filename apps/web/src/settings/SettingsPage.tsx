import { useI18n, type UiLocale } from '../i18n/i18n.js';
import { usePreferences, type ThemeChoice } from '../ui/preferences.js';
import { beep } from '../ui/sound.js';

const LANGUAGES: { value: UiLocale; name: string }[] = [
  { value: 'ko', name: '한국어' },
  { value: 'en', name: 'English' },
];
const THEMES: ThemeChoice[] = ['light', 'dark', 'system'];

/** Language, theme and sound: each applies at once and is kept in this browser. */
export function SettingsPage() {
  const { t, locale, setLocale } = useI18n();
  const { theme, setTheme, sound, setSound } = usePreferences();
  return (
    <main className="page narrow" id="main">
      <h1>{t('nav.settings')}</h1>
      <form className="card stack settings-form" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>{t('settings.language')}</legend>
          {LANGUAGES.map((language) => (
            <label key={language.value} className="check" lang={language.value}>
              <input
                type="radio"
                name="language"
                value={language.value}
                checked={locale === language.value}
                onChange={() => setLocale(language.value)}
              />{' '}
              {language.name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('settings.theme')}</legend>
          {THEMES.map((choice) => (
            <label key={choice} className="check">
              <input
                type="radio"
                name="theme"
                value={choice}
                checked={theme === choice}
                onChange={() => setTheme(choice)}
              />{' '}
              {t(`settings.theme.${choice}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('settings.sound')}</legend>
          <label className="check">
            <input type="checkbox" checked={sound} onChange={(event) => setSound(event.target.checked)} />{' '}
            {t('settings.sound.on')}
          </label>
          <button type="button" className="button small" disabled={!sound} onClick={() => beep('go')}>
            {t('settings.sound.test')}
          </button>
          <p className="muted small">{t('settings.sound.help')}</p>
        </fieldset>
        <p className="muted small">{t('settings.saved')}</p>
      </form>
    </main>
  );
}
