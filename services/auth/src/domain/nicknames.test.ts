import { describe, expect, it } from 'vitest';
import { isReservedNickname, nicknameKey, skeleton } from './nicknames.js';

describe('nickname keys', () => {
  it('follow the TR39 skeleton for letters that look alike', () => {
    expect(skeleton('bar_aIice')).toBe(skeleton('bar_alice'));
    expect(skeleton('m')).toBe('rn');
  });

  it.each([
    ['bar_aIice', 'bar_alice'],
    ['BAR_ALICE', 'bar_alice'],
    ['bar_a1ice', 'bar_alice'],
    ['ADMIN', 'admin'],
    ['corn', 'com'],
    ['b0b', 'BOB'],
    ['김코딩', '김코딩'],
  ])('give %j and %j one key', (one, other) => {
    expect(nicknameKey(one)).toBe(nicknameKey(other));
  });

  it.each([
    ['alice', 'bob'],
    ['김코딩', '김코드'],
    ['player_1', 'player_2'],
  ])('tell %j and %j apart', (one, other) => {
    expect(nicknameKey(one)).not.toBe(nicknameKey(other));
  });
});

describe('reserved nicknames', () => {
  it.each([
    'admin',
    'Admin',
    'ADMlN',
    'adm1n',
    'admin_1',
    'the_admin',
    'SuperAdmin',
    'system',
    'SYSTEM',
    'moderator',
    'operator7',
    'corazy_official',
    'root',
    'r00t',
    'root_1',
    'Staff',
    'support',
    '관리자',
    '관리자님',
    '운영자',
    '운영진_1',
    '시스템',
    '공식계정',
    '매니저',
    'GM',
    'bob_mod',
  ])('%j is refused', (name) => {
    expect(isReservedNickname(name)).toBe(true);
  });

  it.each(['alice', 'rooted', 'modern', 'staffan', 'supporter', '김코딩', 'player_1', 'gmail_fan', '관리왕'])(
    '%j is free to take',
    (name) => {
      expect(isReservedNickname(name)).toBe(false);
    },
  );
});
