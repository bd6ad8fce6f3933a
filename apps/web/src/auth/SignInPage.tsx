import { useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import {
  Email,
  Nickname,
  Password,
  type AuthProviders,
  type ErrorCode,
  type Session,
} from '@corazy/contracts';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, useAsync } from '../ui/common.js';
import { SettingsControls } from '../ui/Layout.js';
import { api, useAuth } from './auth.js';

/** Only same-site paths, never `//host` or a URL. */
export function safeReturnTo(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')
    ? value
    : '/lobby';
}

export function NicknameField({
  value,
  onChange,
  touched,
  id,
}: {
  value: string;
  onChange: (value: string) => void;
  touched: boolean;
  id: string;
}) {
  const { t } = useI18n();
  const invalid = touched && !Nickname.safeParse(value).success;
  return (
    <div className="field">
      <label htmlFor={id}>{t('signin.nickname')}</label>
      <input
        id={id}
        name="nickname"
        value={value}
        maxLength={20}
        autoComplete="nickname"
        aria-invalid={invalid}
        aria-describedby={`${id}-help`}
        onChange={(event) => onChange(event.target.value)}
      />
      <small id={`${id}-help`} className={invalid ? 'field-error' : 'field-help'}>
        {invalid ? t('signin.nickname.invalid') : t('signin.nickname.help')}
      </small>
    </div>
  );
}

function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

function GuestForm() {
  const { t } = useI18n();
  const [nickname, setNickname] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    const parsed = Nickname.safeParse(nickname);
    if (!parsed.success) return;
    void run(async () => {
      api.setSession(await api.post<Session>('/api/auth/guest', { nickname: parsed.data }, { auth: false }));
    });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="guest-title">
      <h2 id="guest-title">{t('signin.guest')}</h2>
      <p className="muted">{t('signin.guest.help')}</p>
      <NicknameField id="guest-nickname" value={nickname} onChange={setNickname} touched={touched} />
      {error !== null && <ErrorBox error={error} />}
      <button className="button primary wide" type="submit" disabled={busy}>
        {t('signin.start')}
      </button>
    </form>
  );
}

function EmailForm() {
  const { t } = useI18n();
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [nickname, setNickname] = useState('');
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useSubmit();
  const emailOk = Email.safeParse(email).success;
  const passwordOk = mode === 'login' ? password.length > 0 : Password.safeParse(password).success;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!emailOk || !passwordOk || (mode === 'register' && !Nickname.safeParse(nickname).success)) return;
    void run(async () => {
      const body = mode === 'login' ? { email, password } : { email, password, nickname: nickname.trim() };
      api.setSession(await api.post<Session>(`/api/auth/${mode}`, body, { auth: false }));
    });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={t(`signin.tab.${mode}`)}>
      <div className="tabs" role="tablist">
        {(['login', 'register'] as const).map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={mode === tab}
            onClick={() => {
              setMode(tab);
              setTouched(false);
            }}
          >
            {t(`signin.tab.${tab}`)}
          </button>
        ))}
      </div>
      <div className="field">
        <label htmlFor="email">{t('signin.email')}</label>
        <input
          id="email"
          type="email"
          autoComplete="email"
          value={email}
          aria-invalid={touched && !emailOk}
          onChange={(event) => setEmail(event.target.value)}
        />
        {touched && !emailOk && <small className="field-error">{t('signin.email.invalid')}</small>}
      </div>
      <div className="field">
        <label htmlFor="password">{t('signin.password')}</label>
        <input
          id="password"
          type="password"
          autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
          value={password}
          maxLength={128}
          aria-invalid={touched && !passwordOk}
          aria-describedby="password-help"
          onChange={(event) => setPassword(event.target.value)}
        />
        <small id="password-help" className={touched && !passwordOk ? 'field-error' : 'field-help'}>
          {mode === 'register' &&
            (touched && !passwordOk ? t('signin.password.short') : t('signin.password.help'))}
        </small>
      </div>
      {mode === 'register' && (
        <NicknameField id="register-nickname" value={nickname} onChange={setNickname} touched={touched} />
      )}
      {error !== null && <ErrorBox error={error} />}
      <button className="button primary wide" type="submit" disabled={busy}>
        {t(mode === 'login' ? 'signin.login' : 'signin.register')}
      </button>
    </form>
  );
}

/** "Continue with Google", only where the deployment has it configured (else its start answers 503). */
function GoogleSignIn({ returnTo }: { returnTo: string }) {
  const { t } = useI18n();
  const [providers] = useAsync((signal) => api.get<AuthProviders>('/api/auth/providers', { signal }), []);
  if (providers.status !== 'done' || !providers.value.google) return null;
  return (
    <>
      <p className="divider">
        <span>{t('signin.or')}</span>
      </p>
      <a
        className="button google wide"
        href={`/api/auth/oidc/google/start?returnTo=${encodeURIComponent(returnTo)}`}
      >
        <span aria-hidden="true" className="g-logo">
          G
        </span>
        {t('signin.google')}
      </a>
    </>
  );
}

export function SignInPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const oidcError = params.get('error');
  if (user) return <Navigate to={returnTo} replace />;
  return (
    <main className="signin" id="main">
      <div className="signin-head">
        <SettingsControls />
      </div>
      <div className="signin-hero">
        <h1>{t('app.name')}</h1>
        <p>{t('app.tagline')}</p>
      </div>
      <div className="signin-grid">
        <GuestForm />
        <div className="card">
          <EmailForm />
          {oidcError && <ErrorBox error={new ApiError(0, oidcError as ErrorCode, oidcError)} />}
          <GoogleSignIn returnTo={returnTo} />
        </div>
      </div>
    </main>
  );
}
