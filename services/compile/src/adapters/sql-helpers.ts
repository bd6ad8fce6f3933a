import type { Language } from '@corazy/contracts';
import { AlreadyExistsError } from '../domain/ports.js';

/** Small pieces that the compile service's SQL repositories share (tables in the `compile` schema it alone owns). */

export const ALL_LANGUAGES: Language[] = ['python', 'java', 'c', 'cpp', 'javascript'];
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const iso = (value: Date | string) => new Date(value).toISOString();
export const json = (value: unknown) => JSON.stringify(value);

export function translateUniqueViolation(what: string) {
  return (error: unknown): never => {
    if ((error as { code?: string }).code === '23505') throw new AlreadyExistsError(what);
    throw error;
  };
}
