import type { IncomingMessage } from 'node:http';

/**
 * The client's address: the socket's peer, or, behind `trustedHops` proxies (an ingress), the entry
 * of X-Forwarded-For that the outermost trusted proxy saw. Entries further left are the client's own
 * claims and are never trusted.
 */
export function clientAddressOf(request: IncomingMessage, trustedHops: number): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (trustedHops === 0) return peer;
  const forwarded = request.headers['x-forwarded-for'];
  const chain = (typeof forwarded === 'string' ? forwarded.split(',') : [])
    .map((entry) => entry.trim())
    .filter(Boolean);
  chain.push(peer);
  return chain[Math.max(0, chain.length - 1 - trustedHops)]!;
}
