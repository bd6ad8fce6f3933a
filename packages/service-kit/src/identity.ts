import type { FastifyRequest } from 'fastify';
import { IdentityHeader, Role } from '@corazy/contracts';
import { unauthenticated } from './errors.js';

export interface Identity {
  userId: string;
  nickname: string;
  role: Role;
  /** The sign-in the access token belongs to (its `sid`); absent for tokens issued before sessions had ids. */
  sessionId?: string;
  /** When the access token expires, in seconds since the epoch. */
  expiresAt?: number;
}

/**
 * The caller as the gateway vouched for it. Services sit behind the gateway (network policies keep
 * everything else out), which strips client-sent identity headers before setting its own.
 */
export function identityOf(request: FastifyRequest): Identity | undefined {
  const userId = request.headers[IdentityHeader.userId];
  const nickname = request.headers[IdentityHeader.nickname];
  const role = Role.safeParse(request.headers[IdentityHeader.role]);
  if (typeof userId !== 'string' || typeof nickname !== 'string' || !role.success) return undefined;
  const sessionId = request.headers[IdentityHeader.sessionId];
  const expiresAt = Number(request.headers[IdentityHeader.expiresAt]);
  return {
    userId,
    nickname: decodeURIComponent(nickname),
    role: role.data,
    ...(typeof sessionId === 'string' && { sessionId }),
    ...(Number.isSafeInteger(expiresAt) && expiresAt > 0 && { expiresAt }),
  };
}

export function requireIdentity(request: FastifyRequest): Identity {
  const identity = identityOf(request);
  if (!identity) throw unauthenticated();
  return identity;
}

/**
 * The caller's address. Services are reached only through the gateway, which replaces
 * `X-Forwarded-For` with the one address it determined; directly, it is the socket's peer.
 */
export function clientAddress(request: FastifyRequest): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
  return first || request.ip;
}
