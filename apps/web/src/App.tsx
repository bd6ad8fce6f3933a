import { lazy, Suspense } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from './auth/auth.js';
import { CallbackPage } from './auth/CallbackPage.js';
import { SignInPage } from './auth/SignInPage.js';
import { ProblemListPage } from './challenge/ProblemListPage.js';
import { ProblemPage } from './challenge/ProblemPage.js';
import { SubmissionPage, SubmissionsPage } from './challenge/SubmissionsPage.js';
import { DictationPage, DictationPickerPage } from './dictation/DictationPages.js';
import { I18nProvider } from './i18n/i18n.js';
import { LobbyPage } from './lobby/LobbyPage.js';
import { RelayProvider } from './lobby/relay.js';
import { RoomPage } from './lobby/RoomPage.js';
import { ProfilePage } from './profile/ProfilePage.js';
import { SettingsPage } from './settings/SettingsPage.js';
import { ErrorBoundary, Loading, NotFound } from './ui/common.js';
import { Layout } from './ui/Layout.js';
import { PreferencesProvider } from './ui/preferences.js';

// The replay viewer brings CodeMirror: it loads when a replay is opened, never with the lobby.
const ReplayPage = lazy(() => import('./replay/ReplayPage.js'));

/** Signed-out visitors go to sign-in, and come back here after it. */
function RequireUser() {
  const { user } = useAuth();
  const location = useLocation();
  if (!user) {
    return <Navigate to={`/?returnTo=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return <Outlet />;
}

/** The relay socket lives while the user is in the lobby or a room. */
function RelayOutlet() {
  return (
    <RelayProvider>
      <Outlet />
    </RelayProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <PreferencesProvider>
        <ErrorBoundary>
          <AuthProvider>
            <Routes>
              <Route path="/" element={<SignInPage />} />
              <Route path="/auth/callback" element={<CallbackPage />} />
              <Route element={<RequireUser />}>
                <Route element={<Layout />}>
                  <Route element={<RelayOutlet />}>
                    <Route path="/lobby" element={<LobbyPage />} />
                    <Route path="/room/:id" element={<RoomPage />} />
                  </Route>
                  <Route path="/challenge" element={<ProblemListPage />} />
                  <Route path="/challenge/:slug" element={<ProblemPage />} />
                  <Route path="/submissions" element={<SubmissionsPage />} />
                  <Route path="/submissions/:id" element={<SubmissionPage />} />
                  <Route path="/dictation" element={<DictationPickerPage />} />
                  <Route path="/dictation/:id" element={<DictationPage />} />
                  <Route path="/profile" element={<ProfilePage />} />
                  <Route path="/profile/:userId" element={<ProfilePage />} />
                  <Route path="/settings" element={<SettingsPage />} />
                  <Route
                    path="/replay/:gameId"
                    element={
                      <Suspense fallback={<Loading />}>
                        <ReplayPage />
                      </Suspense>
                    }
                  />
                </Route>
              </Route>
              <Route path="*" element={<NotFound />} />
            </Routes>
          </AuthProvider>
        </ErrorBoundary>
      </PreferencesProvider>
    </I18nProvider>
  );
}
