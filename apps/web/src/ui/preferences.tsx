import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

/** `system` follows the operating system's light or dark mode, live. */
export type ThemeChoice = 'light' | 'dark' | 'system';
const THEME_KEY = 'corazy.theme';
const SOUND_KEY = 'corazy.sound';

interface Preferences {
  theme: ThemeChoice;
  /** What `theme` means right now. */
  resolvedTheme: 'light' | 'dark';
  sound: boolean;
  setTheme: (theme: ThemeChoice) => void;
  setSound: (on: boolean) => void;
}

const PreferencesContext = createContext<Preferences | null>(null);

const darkQuery = () => window.matchMedia?.('(prefers-color-scheme: dark)');

function storedTheme(): ThemeChoice {
  const stored = localStorage.getItem(THEME_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

/** Theme and sound, kept in this browser (localStorage) and applied at once to every open page. */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [theme, setThemeState] = useState<ThemeChoice>(storedTheme);
  const [sound, setSoundState] = useState(() => localStorage.getItem(SOUND_KEY) !== 'off');
  const [systemDark, setSystemDark] = useState(() => darkQuery()?.matches ?? false);
  useEffect(() => {
    const query = darkQuery();
    if (!query) return;
    const follow = (event: MediaQueryListEvent) => setSystemDark(event.matches);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  useEffect(() => {
    // Another tab changed a preference: follow it here too.
    const follow = (event: StorageEvent) => {
      if (event.key === THEME_KEY || event.key === null) setThemeState(storedTheme());
      if (event.key === SOUND_KEY || event.key === null)
        setSoundState(localStorage.getItem(SOUND_KEY) !== 'off');
    };
    window.addEventListener('storage', follow);
    return () => window.removeEventListener('storage', follow);
  }, []);
  const resolvedTheme = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
  useEffect(() => {
    document.documentElement.dataset.theme = resolvedTheme;
  }, [resolvedTheme]);

  const setTheme = useCallback((next: ThemeChoice) => {
    if (next === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, next);
    setThemeState(next);
  }, []);
  const setSound = useCallback((on: boolean) => {
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
    setSoundState(on);
  }, []);
  const value = useMemo(
    () => ({ theme, resolvedTheme, sound, setTheme, setSound }),
    [theme, resolvedTheme, sound, setTheme, setSound],
  );
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside PreferencesProvider');
  return value;
}
