import type { FastifyRequest } from 'fastify';
import { IdentityHeader, Role } from '@corazy/contracts';
import { unauthenticated } from './errors.js';

export interface Identity {
  userId: string;
  nickname: string;
  role: Role;
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
  return { userId, nickname: decodeURIComponent(nickname), role: role.data };
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
