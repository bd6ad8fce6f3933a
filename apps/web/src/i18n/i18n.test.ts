import { describe, expect, it } from 'vitest';
import { translate } from './i18n.js';

describe('translate', () => {
  it('counts in the singular for one and in the plural otherwise', () => {
    const figures = (solved: number) =>
      translate('en', 'profile.challenge.figures', { submissions: 1, accepted: 1, solved });
    expect(figures(1)).toBe('1 submission · 1 accepted · 1 problem solved');
    expect(figures(0)).toContain('0 problems solved');
    expect(figures(2)).toContain('2 problems solved');
    expect(translate('en', 'challenge.hiddenTests', { count: 1 })).toBe('1 hidden test');
    expect(translate('ko', 'challenge.hiddenTests', { count: 1 })).toBe('숨은 테스트 1개');
  });
});
