import { NavLink, Outlet } from 'react-router';
import { useAuth } from '../auth/auth.js';
import { KeepAccountButton, SignOutButton } from '../auth/GuestAccount.js';
import { useI18n } from '../i18n/i18n.js';
import { usePreferences } from './preferences.js';

/** 한국어 | English, in every header (the settings page has the same choice). */
export function LanguageToggle() {
  const { locale, setLocale, t } = useI18n();
  return (
    // Named apart from the code's language on the pages with an editor.
    <div className="segmented" role="group" aria-label={t('settings.uiLanguage')}>
      <button type="button" aria-pressed={locale === 'ko'} onClick={() => setLocale('ko')} lang="ko">
        한국어
      </button>
      <button type="button" aria-pressed={locale === 'en'} onClick={() => setLocale('en')} lang="en">
        English
      </button>
    </div>
  );
}

/** Language and a light/dark switch, for the sign-in page (signed-in pages have the settings page). */
export function SettingsControls() {
  const { t } = useI18n();
  const { resolvedTheme: theme, setTheme } = usePreferences();
  const name = t(theme === 'dark' ? 'settings.theme.dark' : 'settings.theme.light');
  return (
    <div className="settings">
      <LanguageToggle />
      <button
        type="button"
        className="button ghost small"
        aria-label={`${t('settings.theme')}: ${name}`}
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        {theme === 'dark' ? '☾' : '☀'} {name}
      </button>
    </div>
  );
}

/** The signed-in shell: header with the main menu, the user, the settings. */
export function Layout() {
  const { t } = useI18n();
  const { user } = useAuth();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <NavLink to="/lobby" className="brand">
          {t('app.name')}
        </NavLink>
        <nav aria-label={t('nav.main')}>
          <NavLink to="/lobby">{t('nav.lobby')}</NavLink>
          <NavLink to="/challenge">{t('nav.challenge')}</NavLink>
          <NavLink to="/dictation">{t('nav.dictation')}</NavLink>
          <NavLink to="/submissions">{t('nav.submissions')}</NavLink>
          <NavLink to="/profile" end>
            {t('nav.profile')}
          </NavLink>
          <NavLink to="/settings">{t('nav.settings')}</NavLink>
        </nav>
        <div className="topbar-end">
          {user && (
            <span className="user-chip" data-testid="current-user">
              {user.nickname}
              {user.role === 'GUEST' && <small> · {t('common.guest')}</small>}
            </span>
          )}
          <KeepAccountButton />
          <LanguageToggle />
          <SignOutButton />
        </div>
      </header>
      <Outlet />
    </>
  );
}
