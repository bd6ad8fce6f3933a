import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { Nickname, type ErrorCode, type OidcExchangeResponse, type Session } from '@corazy/contracts';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox, Loading } from '../ui/common.js';
import { api, useAuth } from './auth.js';
import { NicknameField, safeReturnTo } from './SignInPage.js';

type Step =
  { kind: 'exchanging' } | { kind: 'nickname'; signupToken: string } | { kind: 'failed'; error: unknown };

/** `/auth/callback?ticket=…&returnTo=…`: trades the single-use ticket, then the nickname step if needed. */
export function CallbackPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const ticket = params.get('ticket');
  const providerError = params.get('error');
  const [step, setStep] = useState<Step>(() =>
    providerError
      ? { kind: 'failed', error: new ApiError(0, providerError as ErrorCode, providerError) }
      : ticket
        ? { kind: 'exchanging' }
        : { kind: 'failed', error: new ApiError(0, 'VALIDATION_FAILED', 'no ticket') },
  );
  const [nickname, setNickname] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [signupError, setSignupError] = useState<unknown>(null);
  const exchanged = useRef(false);

  useEffect(() => {
    // The ticket is single-use: exchange it once, even under StrictMode's double effects.
    if (!ticket || providerError || exchanged.current) return;
    exchanged.current = true;
    api.post<OidcExchangeResponse>('/api/auth/oidc/exchange', { ticket }, { auth: false }).then(
      (outcome) => {
        if (outcome.status === 'SIGNED_IN') api.setSession(outcome.session);
        else {
          setNickname(outcome.suggestedNickname ?? '');
          setStep({ kind: 'nickname', signupToken: outcome.signupToken });
        }
      },
      (error: unknown) => setStep({ kind: 'failed', error }),
    );
  }, [ticket, providerError]);

  if (user) return <Navigate to={returnTo} replace />;

  const signup = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (step.kind !== 'nickname' || !Nickname.safeParse(nickname).success) return;
    setBusy(true);
    setSignupError(null);
    api
      .post<Session>(
        '/api/auth/oidc/signup',
        { signupToken: step.signupToken, nickname: nickname.trim() },
        { auth: false },
      )
      .then(
        (session) => api.setSession(session),
        (error: unknown) => {
          setSignupError(error);
          setBusy(false);
        },
      );
  };

  return (
    <main className="page narrow" id="main">
      <h1>{t('callback.title')}</h1>
      {step.kind === 'exchanging' && <Loading label={t('callback.working')} />}
      {step.kind === 'failed' && (
        <>
          <ErrorBox error={step.error} />
          <Link className="button" to="/">
            {t('common.back')}
          </Link>
        </>
      )}
      {step.kind === 'nickname' && (
        <form className="card" onSubmit={signup} noValidate>
          <h2>{t('callback.nickname')}</h2>
          <p className="muted">{t('callback.nickname.help')}</p>
          <NicknameField id="oidc-nickname" value={nickname} onChange={setNickname} touched={touched} />
          {signupError !== null && <ErrorBox error={signupError} />}
          <button className="button primary wide" type="submit" disabled={busy}>
            {t('callback.finish')}
          </button>
        </form>
      )}
    </main>
  );
}
