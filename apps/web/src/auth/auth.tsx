import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User } from '@corazy/contracts';
import { ApiClient, SESSION_KEY, type StoredSession } from '../api/client.js';

const browserLock = <T,>(name: string, task: () => Promise<T>): Promise<T> =>
  typeof navigator !== 'undefined' && navigator.locks
    ? (navigator.locks.request(name, task) as Promise<T>)
    : task();

/** The one client of the app. */
export const api = new ApiClient({ storage: window.localStorage, lock: browserLock });

window.addEventListener('storage', (event) => {
  if (event.key === SESSION_KEY || event.key === null) api.syncFromStorage();
});

interface Auth {
  user: User | null;
  session: StoredSession | null;
}

const AuthContext = createContext<Auth>({ user: null, session: null });

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState(api.session);
  useEffect(() => api.subscribe(setSession), []);
  const value = useMemo(() => ({ session, user: session?.user ?? null }), [session]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export const useAuth = () => useContext(AuthContext);
