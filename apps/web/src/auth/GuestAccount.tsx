import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { OidcUpgradeStartResponse } from '@corazy/contracts';
import { useI18n } from '../i18n/i18n.js';
import { ErrorBox } from '../ui/common.js';
import { Dialog } from '../ui/Dialog.js';
import { api, useAuth } from './auth.js';

/**
 * A guest becomes an account in place: same id, so the same nickname, rating and history. Email and
 * password here, or Google (the provider's page, then back to where the guest was).
 */
export function UpgradeDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.upgradeGuest(email.trim(), password);
      onClose();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const withGoogle = async () => {
    setError(null);
    try {
      const returnTo = window.location.pathname;
      const { url } = await api.post<OidcUpgradeStartResponse>(
        `/api/auth/oidc/google/upgrade?returnTo=${encodeURIComponent(returnTo)}`,
      );
      window.location.assign(url);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Dialog title={t('upgrade.title')} onClose={onClose} testId="upgrade-dialog">
      <p>{t('upgrade.explain')}</p>
      <form onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor="upgrade-email">{t('signin.email')}</label>
          <input
            id="upgrade-email"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="upgrade-password">{t('signin.password')}</label>
          <input
            id="upgrade-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={128}
            value={password}
            aria-describedby="upgrade-password-help"
            onChange={(event) => setPassword(event.target.value)}
          />
          <small id="upgrade-password-help" className="field-help">
            {t('signin.password.help')}
          </small>
        </div>
        {error !== null && <ErrorBox error={error} />}
        <div className="dialog-actions">
          <button type="button" className="button ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button google" onClick={() => void withGoogle()}>
            {t('signin.google')}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {t('upgrade.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** "Keep my account", for guests: in the header and on the profile. */
export function KeepAccountButton({ className = 'button small' }: { className?: string }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const [open, setOpen] = useState(false);
  if (user?.role !== 'GUEST') return null;
  return (
    <>
      <button type="button" className={className} onClick={() => setOpen(true)}>
        {t('upgrade.open')}
      </button>
      {open && <UpgradeDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * Signs out; a guest is warned first, since a guest cannot sign back in: the nickname, rating and
 * history would be lost. The warning offers to make it an account instead.
 */
export function SignOutButton() {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [step, setStep] = useState<'idle' | 'warn' | 'upgrade'>('idle');
  const signOut = () => void api.signOut().then(() => navigate('/'));

  return (
    <>
      <button
        type="button"
        className="button ghost small"
        onClick={() => (user?.role === 'GUEST' ? setStep('warn') : signOut())}
      >
        {t('nav.signOut')}
      </button>
      {step === 'warn' && (
        <Dialog
          title={t('signout.guest.title')}
          onClose={() => setStep('idle')}
          testId="guest-signout-dialog"
        >
          <p>{t('signout.guest.explain', { nickname: user?.nickname ?? '' })}</p>
          <div className="dialog-actions">
            <button type="button" className="button ghost" onClick={() => setStep('idle')}>
              {t('common.cancel')}
            </button>
            <button type="button" className="button danger" onClick={signOut}>
              {t('signout.guest.confirm')}
            </button>
            <button type="button" className="button primary" onClick={() => setStep('upgrade')}>
              {t('upgrade.open')}
            </button>
          </div>
        </Dialog>
      )}
      {step === 'upgrade' && <UpgradeDialog onClose={() => setStep('idle')} />}
    </>
  );
}
