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

export interface ExternalIdentity {
  provider: string;
  subject: string;
  email: string | null;
}

export interface UserRepository {
  /** Throws NicknameTakenError / EmailTakenError on a clash. */
  create(user: { nickname: string; role: Role; email?: string; passwordHash?: string }): Promise<UserRecord>;
  /** Creates the user and links the external identity in one step. */
  createWithIdentity(nickname: string, identity: ExternalIdentity): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | undefined>;
  findByEmail(email: string): Promise<UserRecord | undefined>;
  findByIdentity(provider: string, subject: string): Promise<UserRecord | undefined>;
  /** Throws NicknameTakenError on a clash; undefined when there is no such user. */
  updateNickname(id: string, nickname: string): Promise<UserRecord | undefined>;
  /** By nickname or email; false when nobody matches. */
  setRole(nicknameOrEmail: string, role: Role): Promise<boolean>;
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
