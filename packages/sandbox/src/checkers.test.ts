import { describe, expect, it } from 'vitest';
import { check, normalizeExact } from './checkers.js';

describe('exact checker', () => {
  it('ignores CRLF, trailing spaces per line and trailing blank lines', () => {
    expect(normalizeExact('1 2  \r\n3\t\r\n\r\n\n')).toBe('1 2\n3');
    expect(check({ kind: 'exact' }, '1 2  \r\n3\r\n\r\n', '1 2\n3\n').accepted).toBe(true);
  });

  it('rejects a difference inside a line and points at the line', () => {
    const result = check(undefined, '1 2\n4\n', '1 2\n3\n');
    expect(result.accepted).toBe(false);
    expect(result.message).toContain('line 2');
  });

  it('keeps leading whitespace and blank lines in the middle significant', () => {
    expect(check(undefined, ' 1\n', '1\n').accepted).toBe(false);
    expect(check(undefined, '1\n\n2\n', '1\n2\n').accepted).toBe(false);
  });

  it('rejects missing output', () => {
    expect(check(undefined, '', '1\n').accepted).toBe(false);
  });
});

describe('tokens checker', () => {
  it('accepts any whitespace layout of the same tokens', () => {
    expect(check({ kind: 'tokens' }, '1\n2   3\n', '1 2 3').accepted).toBe(true);
  });

  it('rejects extra or different tokens', () => {
    expect(check({ kind: 'tokens' }, '1 2 3 4', '1 2 3').accepted).toBe(false);
    expect(check({ kind: 'tokens' }, '1 2 4', '1 2 3').message).toContain('token 3');
  });
});

describe('float checker', () => {
  it('accepts numbers within the absolute error', () => {
    expect(
      check({ kind: 'float', absoluteError: 1e-6, relativeError: 0 }, '0.3333334', '0.333333333').accepted,
    ).toBe(true);
  });

  it('accepts large numbers within the relative error but not outside it', () => {
    const checker = { kind: 'float' as const, absoluteError: 1e-6, relativeError: 1e-6 };
    expect(check(checker, '1000000.5', '1000000').accepted).toBe(true);
    expect(check(checker, '1000002', '1000000').accepted).toBe(false);
  });

  it('rejects numbers outside both errors and compares words exactly', () => {
    expect(check({ kind: 'float' }, '0.3334', '0.3333').accepted).toBe(false);
    expect(check({ kind: 'float' }, 'YES 1.0', 'YES 1').accepted).toBe(true);
    expect(check({ kind: 'float' }, 'NO 1.0', 'YES 1').accepted).toBe(false);
  });

  it('does not accept nan or infinity for a finite answer', () => {
    expect(check({ kind: 'float' }, 'nan', '1.5').accepted).toBe(false);
    expect(check({ kind: 'float' }, 'inf', '1.5').accepted).toBe(false);
  });
});
