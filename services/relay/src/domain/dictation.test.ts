import { describe, expect, it } from 'vitest';
import type { DictationKeystroke } from '@corazy/contracts';
import { checkClaim, referenceLines, scoreDictation } from './dictation.js';

const SNIPPET = 'def f(x):\n    return x\n';

/** Types every line after its pre-filled indentation, one key every `gapMs`, Enter after each line. */
function typeAll(code: string, gapMs: number, mistakes = 0): DictationKeystroke[] {
  const keys: DictationKeystroke[] = [];
  let t = 0;
  const press = (k: string) => {
    keys.push({ t, k });
    t += gapMs;
  };
  for (const line of referenceLines(code)) {
    const body = line.trimStart();
    for (let i = 0; i < body.length; i++) {
      if (i === 0 && keys.length < mistakes * 100) {
        press('#');
        press('Backspace');
      }
      press(body[i]!);
    }
    press('Enter');
  }
  return keys;
}

const codeOf = (action: () => unknown) => {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'accepted';
};

describe('dictation scoring', () => {
  it('counts correct non-indent characters per minute and accuracy over character keys', () => {
    // 9 + 8 characters, 19 keys with the two Enters, 100 ms apart: 1.8 s.
    const score = scoreDictation(SNIPPET, typeAll(SNIPPET, 100));
    expect(score).toEqual({ cpm: Math.round(17 / (1_800 / 60_000)), accuracy: 100, durationMs: 1_800 });
    const withMistakes = scoreDictation(SNIPPET, typeAll(SNIPPET, 100, 1));
    expect(withMistakes.accuracy).toBeLessThan(100);
  });

  it('refuses an unfinished run, times that go backwards, and impossible speeds', () => {
    const keys = typeAll(SNIPPET, 100);
    expect(codeOf(() => scoreDictation(SNIPPET, keys.slice(0, 10)))).toBe('DICTATION_REJECTED');
    expect(
      codeOf(() =>
        scoreDictation(
          SNIPPET,
          keys.map((k, i) => (i === 5 ? { ...k, t: 0 } : k)),
        ),
      ),
    ).toBe('DICTATION_REJECTED');
    const long = 'x'.repeat(300);
    expect(codeOf(() => scoreDictation(long, typeAll(long, 5)))).toBe('DICTATION_REJECTED');
    expect(codeOf(() => scoreDictation(long, typeAll(long, 60)))).toBe('accepted');
  });

  it('refuses totals that are not the ones the keystrokes give', () => {
    const score = scoreDictation(SNIPPET, typeAll(SNIPPET, 100));
    expect(codeOf(() => checkClaim(score, { cpm: score.cpm, accuracy: 100 }))).toBe('accepted');
    expect(codeOf(() => checkClaim(score, { cpm: score.cpm * 2, accuracy: 100 }))).toBe('DICTATION_REJECTED');
  });
});
