import { z } from 'zod';
import { Role } from './identity.js';

/** 2–20 characters of Hangul syllables, Latin letters, digits and `_`. */
export const Nickname = z
  .string()
  .trim()
  .regex(
    /^[가-힣a-zA-Z0-9_]{2,20}$/u,
    'nickname must be 2–20 characters of Hangul, Latin letters, digits or _',
  );

export const Email = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const Password = z.string().min(8, 'password must be at least 8 characters').max(128);

export const User = z.object({
  id: z.uuid(),
  nickname: z.string(),
  role: Role,
  email: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const Session = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  user: User,
});
export type Session = z.infer<typeof Session>;

export const GuestSignInRequest = z.object({ nickname: Nickname });
export type GuestSignInRequest = z.infer<typeof GuestSignInRequest>;

export const RegisterRequest = z.object({ email: Email, password: Password, nickname: Nickname });
export type RegisterRequest = z.infer<typeof RegisterRequest>;

export const LoginRequest = z.object({ email: Email, password: z.string().min(1).max(128) });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(200) });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const LogoutRequest = RefreshRequest;
export type LogoutRequest = RefreshRequest;

/** A guest becomes an account with an email and password, keeping id, nickname, rating and history. */
export const UpgradeGuestRequest = z.object({ email: Email, password: Password });
export type UpgradeGuestRequest = z.infer<typeof UpgradeGuestRequest>;

/** Where to send the browser to make a guest an account with the OIDC provider. */
export const OidcUpgradeStartResponse = z.object({ url: z.string() });
export type OidcUpgradeStartResponse = z.infer<typeof OidcUpgradeStartResponse>;

export const UpdateMeRequest = z.object({ nickname: Nickname });
export type UpdateMeRequest = z.infer<typeof UpdateMeRequest>;

/** The ways to sign in this deployment offers beyond guest and email (the web app hides the others). */
export const AuthProviders = z.object({ google: z.boolean() });
export type AuthProviders = z.infer<typeof AuthProviders>;

/** The single-use ticket the OIDC callback hands to the web app, traded here for the outcome. */
export const OidcExchangeRequest = z.object({ ticket: z.string().min(1).max(200) });
export type OidcExchangeRequest = z.infer<typeof OidcExchangeRequest>;

export const OidcExchangeResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('SIGNED_IN'), session: Session }),
  z.object({
    status: z.literal('NICKNAME_REQUIRED'),
    signupToken: z.string(),
    expiresIn: z.number().int().positive(),
    suggestedNickname: z.string().nullable(),
  }),
]);
export type OidcExchangeResponse = z.infer<typeof OidcExchangeResponse>;

export const OidcSignupRequest = z.object({ signupToken: z.string().min(1).max(200), nickname: Nickname });
export type OidcSignupRequest = z.infer<typeof OidcSignupRequest>;
