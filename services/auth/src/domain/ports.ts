import type { Role } from '@corazy/contracts';

/** What the sign-in logic needs from storage; the SQL adapter implements it. */

export interface UserRecord {
  id: string;
  nickname: string;
  role: Role;
  email: string | null;
  passwordHash: string | null;
  createdAt: string;
}

export class NicknameTakenError extends Error {
  constructor() {
    super('nickname taken');
  }
}
export class EmailTakenError extends Error {
  constructor() {
    super('email taken');
  }
}
export class IdentityTakenError extends Error {
  constructor() {
    super('external identity already linked');
  }
}

/** A nickname as shown, with the key it clashes by (see nicknames.ts). */
export interface Nickname {
  nickname: string;
  nicknameKey: string;
}

export interface NewUser extends Nickname {
  role: Role;
  email?: string;
  passwordHash?: string;
}

export interface ExternalIdentity {
  provider: string;
  subject: string;
  email: string | null;
}

export interface UserRepository {
  /** Throws NicknameTakenError / EmailTakenError on a clash. */
  create(user: NewUser): Promise<UserRecord>;
  /** Creates the user and links the external identity in one step. */
  createWithIdentity(nickname: Nickname, identity: ExternalIdentity): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | undefined>;
  findByEmail(email: string): Promise<UserRecord | undefined>;
  findByIdentity(provider: string, subject: string): Promise<UserRecord | undefined>;
  /**
   * Throws NicknameTakenError on a clash; undefined when there is no such user. The old name stays
   * held for this user until `holdUntil`.
   */
  updateNickname(id: string, nickname: Nickname, holdUntil: Date): Promise<UserRecord | undefined>;
  /**
   * Makes a guest an account with a password or an external identity, keeping everything else.
   * Undefined when `id` is not a guest; EmailTakenError / IdentityTakenError on a clash.
   */
  upgradeGuest(
    id: string,
    credentials: { email: string; passwordHash: string } | ExternalIdentity,
  ): Promise<UserRecord | undefined>;
  /** Gives users from before nickname keys their key (the first of a clashing pair keeps it). */
  claimUnclaimedNicknames(keyOf: (nickname: string) => string): Promise<void>;
  /** By nickname or email; false when nobody matches. */
  setRole(nicknameOrEmail: string, role: Role): Promise<boolean>;
}

export interface GuestExpiryPolicy {
  /** A guest with no token issued for this long is gone. */
  inactiveDays: number;
  /** How long the names of removed guests stay held: the life of their last access token. */
  holdSeconds: number;
}

export interface GuestRepository {
  /**
   * Removes guests who can never come back (no live refresh token, nothing issued for the hold time)
   * or have been inactive too long, holding their names for `holdSeconds`. Returns how many.
   */
  expireGuests(policy: GuestExpiryPolicy): Promise<number>;
  /** Deletes refresh tokens past their expiry, revoked ones, ended holds and stale OIDC secrets. */
  deleteDeadRecords(): Promise<number>;
}

export type RotationOutcome =
  | { status: 'rotated'; userId: string; familyId: string }
  | {
      status: 'reused';
      familyId: string;
      /** By the database's clock, so replicas' clocks do not matter. */
      rotatedSecondsAgo: number;
      /** The fingerprint of the client that rotated it (see Sessions.refresh). */
      rotatedBy: string | null;
      /** The pair that rotation issued, sealed with the rotated token; null until it is stored. */
      successorSealed: string | null;
    }
  | { status: 'revoked' }
  | { status: 'expired' }
  | { status: 'unknown' };

export interface RefreshTokenRepository {
  insert(token: { hash: string; familyId: string; userId: string; expiresAt: Date }): Promise<void>;
  /**
   * Marks the token rotated (by `client`) if it is live; a token already rotated is a reuse. Atomic:
   * of two concurrent rotations of one token, one wins and the other sees a reuse.
   */
  rotate(hash: string, client: string): Promise<RotationOutcome>;
  /** Keeps the pair a rotation issued, sealed, with the token it rotated. */
  saveSuccessor(hash: string, sealed: string): Promise<void>;
  revokeFamily(familyId: string): Promise<void>;
  /** Revokes every family of the user not revoked yet, and returns them. */
  revokeAllOf(userId: string): Promise<string[]>;
  /** The family of a token, live or not. */
  familyOf(hash: string): Promise<string | undefined>;
}

/** Where ended sign-ins are announced, so that their access tokens stop working at once. */
export interface SessionRevoker {
  revoke(sessionIds: readonly string[], ttlSeconds: number): Promise<void>;
}

export interface SigningKeyRecord {
  kid: string;
  algorithm: string;
  publicJwk: Record<string, unknown>;
  privateJwk: Record<string, unknown>;
  createdAt: Date;
  activatesAt: Date;
  retiresAt: Date | null;
}

export interface SigningKeyRepository {
  /** Keys not yet retired, newest first. */
  listPublished(now: Date): Promise<SigningKeyRecord[]>;
  insert(key: SigningKeyRecord): Promise<void>;
  /** Schedules the end of every published key other than `keepKid`, and of none that ends sooner. */
  retireAllExcept(keepKid: string, at: Date): Promise<void>;
  /** Serialises rotations across replicas: `work` runs holding the lock, with keys read under it. */
  withRotationLock<T>(work: (keys: SigningKeyRepository) => Promise<T>): Promise<T>;
}

export interface PendingAuthorization {
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** The guest this sign-in makes an account of, if it is an upgrade. */
  upgradeUserId: string | null;
}

export type OneTimePurpose = 'ticket' | 'signup';

export interface OidcRepository {
  saveAuthorization(stateHash: string, pending: PendingAuthorization, expiresAt: Date): Promise<void>;
  /** Removes and returns a live pending authorization: a state works once. */
  takeAuthorization(stateHash: string): Promise<PendingAuthorization | undefined>;
  saveSecret(hash: string, purpose: OneTimePurpose, payload: unknown, expiresAt: Date): Promise<void>;
  /** Removes and returns a live secret of that purpose. */
  takeSecret(hash: string, purpose: OneTimePurpose): Promise<unknown>;
  /** Returns a live secret without using it up. */
  peekSecret(hash: string, purpose: OneTimePurpose): Promise<unknown>;
}
