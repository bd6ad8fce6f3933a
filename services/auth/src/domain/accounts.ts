import { Nickname, type AuthProviders, type OidcExchangeResponse, type Session } from '@corazy/contracts';
import { AppError, notFound } from '@corazy/service-kit';
import type { GuestSignups } from './guest-signups.js';
import type { LoginThrottle } from './login-throttle.js';
import { claimableNickname } from './nicknames.js';
import { OidcClient } from './oidc-client.js';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import {
  EmailTakenError,
  IdentityTakenError,
  NicknameTakenError,
  type ExternalIdentity,
  type NewUser,
  type OidcRepository,
  type UserRepository,
} from './ports.js';
import { hashSecret, newSecret } from './secrets.js';
import { publicUser, type Sessions } from './sessions.js';

export const OIDC_PROVIDER = 'google';
const AUTHORIZATION_TTL_MS = 10 * 60_000;
const TICKET_TTL_MS = 60_000;
export const SIGNUP_TOKEN_TTL_SECONDS = 5 * 60;

type Ticket = { userId: string } | { identity: ExternalIdentity; suggestedNickname: string | null };

export interface AccountPolicy {
  /** How long a given-up nickname stays held: the life of the access tokens that carry it. */
  nicknameHoldSeconds: number;
}

/** Every way to sign in, and what a signed-in user may change about themselves. */
export class Accounts {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: Sessions,
    private readonly throttle: LoginThrottle,
    private readonly guestSignups: GuestSignups,
    private readonly oidcStore: OidcRepository,
    private readonly oidcClient: OidcClient | undefined,
    private readonly policy: AccountPolicy,
  ) {}

  async signInAsGuest(nickname: string, address: string): Promise<Session> {
    const claim = claimableNickname(nickname);
    await this.guestSignups.admit(address);
    const user = await this.createUser({ ...claim, role: 'GUEST' });
    return this.sessions.issue(user);
  }

  async register(email: string, password: string, nickname: string): Promise<Session> {
    const user = await this.createUser({
      ...claimableNickname(nickname),
      role: 'USER',
      email,
      passwordHash: await hashPassword(password),
    });
    return this.sessions.issue(user);
  }

  async login(email: string, password: string, address: string): Promise<Session> {
    await this.throttle.assertNotLocked(email, address);
    const user = await this.users.findByEmail(email);
    // Unknown emails cost a verification too, so that timing does not reveal accounts.
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user?.passwordHash || !valid) {
      const delayMs = await this.throttle.recordFailure(email, address);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      throw new AppError('INVALID_CREDENTIALS', 'email or password is wrong');
    }
    await this.throttle.recordSuccess(email);
    return this.sessions.issue(user);
  }

  refresh = (refreshToken: string, client: string) => this.sessions.refresh(refreshToken, client);
  logout = (refreshToken: string) => this.sessions.revoke(refreshToken);
  logoutEverywhere = (userId: string) => this.sessions.revokeAll(userId);

  async me(userId: string): Promise<Session['user']> {
    const user = await this.users.findById(userId);
    if (!user) throw notFound('user');
    return publicUser(user);
  }

  async changeNickname(userId: string, nickname: string): Promise<Session['user']> {
    const claim = claimableNickname(nickname);
    const holdUntil = new Date(Date.now() + this.policy.nicknameHoldSeconds * 1000);
    const user = await this.uniqueNickname(() => this.users.updateNickname(userId, claim, holdUntil));
    if (!user) throw notFound('user');
    return publicUser(user);
  }

  /**
   * A guest becomes an account with an email and a password: same id, so the same nickname, rating
   * and history. The new session carries the new role.
   */
  async upgradeGuest(userId: string, email: string, password: string): Promise<Session> {
    const passwordHash = await hashPassword(password);
    const user = await this.uniqueNickname(() => this.users.upgradeGuest(userId, { email, passwordHash }));
    if (!user) throw new AppError('NOT_A_GUEST', 'only a guest can become an account');
    return this.sessions.issue(user);
  }

  /**
   * Step 1 of OIDC: where to send the browser. `returnTo` is a path of ours, never another site.
   * With `upgradeUserId` (a signed-in guest), the provider's identity is linked to that guest.
   */
  async startOidc(returnTo: string, upgradeUserId?: string): Promise<URL> {
    const client = this.requireOidc();
    if (upgradeUserId) {
      const user = await this.users.findById(upgradeUserId);
      if (user?.role !== 'GUEST') throw new AppError('NOT_A_GUEST', 'only a guest can become an account');
    }
    const checks = OidcClient.newChecks();
    await this.oidcStore.saveAuthorization(
      hashSecret(checks.state),
      {
        nonce: checks.nonce,
        codeVerifier: checks.codeVerifier,
        returnTo: safeReturnPath(returnTo),
        upgradeUserId: upgradeUserId ?? null,
      },
      new Date(Date.now() + AUTHORIZATION_TTL_MS),
    );
    return client.authorizationUrl(checks);
  }

  /**
   * Step 2: the provider sent the browser back. Verifies state, nonce and PKCE, then hands the web
   * app a single-use ticket (never tokens in a URL) and says where to send the browser.
   */
  async completeOidc(callbackQuery: URLSearchParams): Promise<{ ticket: string; returnTo: string }> {
    const client = this.requireOidc();
    const state = callbackQuery.get('state');
    const pending = state ? await this.oidcStore.takeAuthorization(hashSecret(state)) : undefined;
    if (!state || !pending)
      throw new AppError('OIDC_STATE_INVALID', 'this sign-in link expired or was already used');
    if (callbackQuery.get('error')) {
      throw new AppError('OIDC_FAILED', `the provider refused: ${callbackQuery.get('error')}`);
    }
    const profile = await client.complete(callbackQuery, {
      state,
      nonce: pending.nonce,
      codeVerifier: pending.codeVerifier,
    });
    const identity = { provider: OIDC_PROVIDER, subject: profile.subject, email: profile.email };
    const existing = await this.users.findByIdentity(OIDC_PROVIDER, profile.subject);
    let ticket: Ticket;
    if (pending.upgradeUserId) {
      if (existing)
        throw new AppError('IDENTITY_TAKEN', 'that Google account already belongs to another account');
      const upgraded = await this.uniqueNickname(() =>
        this.users.upgradeGuest(pending.upgradeUserId!, identity),
      );
      if (!upgraded) throw new AppError('NOT_A_GUEST', 'only a guest can become an account');
      ticket = { userId: upgraded.id };
    } else {
      ticket = existing
        ? { userId: existing.id }
        : { identity, suggestedNickname: suggestNickname(profile.name ?? profile.email?.split('@')[0]) };
    }
    const { secret, hash } = newSecret();
    await this.oidcStore.saveSecret(hash, 'ticket', ticket, new Date(Date.now() + TICKET_TTL_MS));
    return { ticket: secret, returnTo: pending.returnTo };
  }

  /** Step 3: the web app trades the ticket for tokens, or, for a new user, for a signup token. */
  async exchangeTicket(ticket: string): Promise<OidcExchangeResponse> {
    const payload = (await this.oidcStore.takeSecret(hashSecret(ticket), 'ticket')) as Ticket | undefined;
    if (!payload) throw new AppError('OIDC_STATE_INVALID', 'this sign-in ticket expired or was already used');
    if ('userId' in payload) {
      const user = await this.users.findById(payload.userId);
      if (!user) throw new AppError('OIDC_STATE_INVALID', 'the account of this ticket is gone');
      return { status: 'SIGNED_IN', session: await this.sessions.issue(user) };
    }
    const signup = newSecret();
    await this.oidcStore.saveSecret(
      signup.hash,
      'signup',
      payload.identity,
      new Date(Date.now() + SIGNUP_TOKEN_TTL_SECONDS * 1000),
    );
    return {
      status: 'NICKNAME_REQUIRED',
      signupToken: signup.secret,
      expiresIn: SIGNUP_TOKEN_TTL_SECONDS,
      suggestedNickname: payload.suggestedNickname,
    };
  }

  /**
   * Step 4, new users only: the chosen nickname creates the account. The token is used up only when
   * the account is made, so a taken nickname can be corrected within the five minutes.
   */
  async signUpWithToken(signupToken: string, nickname: string): Promise<Session> {
    const hash = hashSecret(signupToken);
    const identity = (await this.oidcStore.peekSecret(hash, 'signup')) as ExternalIdentity | undefined;
    if (!identity) throw new AppError('SIGNUP_TOKEN_INVALID', 'the signup token expired or was already used');
    const user = await this.uniqueNickname(() =>
      this.users.createWithIdentity(claimableNickname(nickname), identity),
    );
    if (!(await this.oidcStore.takeSecret(hash, 'signup'))) {
      // Another request redeemed the same token in the meantime and made its own account.
      throw new AppError('SIGNUP_TOKEN_INVALID', 'the signup token was already used');
    }
    return this.sessions.issue(user);
  }

  providers(): AuthProviders {
    return { google: this.oidcClient !== undefined };
  }

  private requireOidc(): OidcClient {
    if (!this.oidcClient)
      throw new AppError('OIDC_NOT_CONFIGURED', 'sign-in with Google is not configured here');
    return this.oidcClient;
  }

  private createUser(user: NewUser) {
    return this.uniqueNickname(() => this.users.create(user));
  }

  private async uniqueNickname<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof NicknameTakenError) throw new AppError('NICKNAME_TAKEN', 'that nickname is taken');
      if (error instanceof EmailTakenError)
        throw new AppError('EMAIL_TAKEN', 'an account with that email exists');
      if (error instanceof IdentityTakenError)
        throw new AppError('IDENTITY_TAKEN', 'that external account already belongs to an account');
      throw error;
    }
  }
}

/** Only same-site paths: an open redirect would let a phishing link bounce through our sign-in. */
export function safeReturnPath(returnTo: string): string {
  return /^\/(?![/\\])[\w\-./?=&%#]*$/.test(returnTo) ? returnTo : '/lobby';
}

function suggestNickname(name: string | undefined): string | null {
  if (!name) return null;
  const cleaned = name.replace(/[^가-힣a-zA-Z0-9_]/gu, '').slice(0, 20);
  return Nickname.safeParse(cleaned).success ? cleaned : null;
}
