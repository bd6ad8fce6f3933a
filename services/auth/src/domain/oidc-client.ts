import * as oidc from 'openid-client';
import { AppError } from '@corazy/service-kit';

export interface OidcClientOptions {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  /** For a provider on plain http, such as a test provider on localhost. */
  allowHttp: boolean;
}

export interface ExternalProfile {
  subject: string;
  email: string | null;
  name: string | null;
}

/**
 * The authorization-code flow with PKCE, state and nonce against any OpenID Connect provider
 * (Google in production), on top of openid-client. The provider's metadata is discovered on first use.
 */
export class OidcClient {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(private readonly options: OidcClientOptions) {}

  async authorizationUrl(checks: { state: string; nonce: string; codeVerifier: string }): Promise<URL> {
    const config = await this.config();
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUri,
      scope: 'openid email profile',
      response_type: 'code',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Trades the callback's code for verified ID-token claims. */
  async complete(
    callbackQuery: URLSearchParams,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<ExternalProfile> {
    const config = await this.config();
    const callbackUrl = new URL(this.options.redirectUri);
    callbackUrl.search = callbackQuery.toString();
    try {
      const tokens = await oidc.authorizationCodeGrant(
        config,
        callbackUrl,
        {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        },
        { redirect_uri: this.options.redirectUri },
      );
      const claims = tokens.claims();
      if (!claims) throw new Error('no ID token');
      // Providers may keep profile claims out of the ID token and serve them from userinfo instead.
      const profile =
        typeof claims.email === 'string' && typeof claims.name === 'string'
          ? claims
          : { ...claims, ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)) };
      const verifiedEmail =
        typeof profile.email === 'string' && profile.email_verified !== false ? profile.email : null;
      return {
        subject: claims.sub,
        email: verifiedEmail?.toLowerCase() ?? null,
        name: typeof profile.name === 'string' ? profile.name : null,
      };
    } catch (error) {
      throw new AppError('OIDC_FAILED', `sign-in with the provider failed: ${(error as Error).message}`);
    }
  }

  static newChecks() {
    return {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
  }

  private config(): Promise<oidc.Configuration> {
    this.configuration ??= oidc
      .discovery(new URL(this.options.issuer), this.options.clientId, this.options.clientSecret, undefined, {
        execute: this.options.allowHttp ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        this.configuration = undefined; // try discovery again on the next sign-in
        throw new AppError(
          'OIDC_FAILED',
          `the identity provider did not answer: ${(error as Error).message}`,
        );
      });
    return this.configuration;
  }
}
