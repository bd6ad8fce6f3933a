import type { RateDecision } from './shared-state.js';

/** The decision for a fixed window that has counted `count` requests, `resetInMs` before it ends. */
export function windowDecision(points: number, count: number, resetInMs: number): RateDecision {
  const allowed = count <= points;
  return {
    allowed,
    remaining: Math.max(0, points - count),
    consumed: count,
    retryAfterMs: allowed ? 0 : Math.max(1, resetInMs),
  };
}
