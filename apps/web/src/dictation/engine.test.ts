import { describe, expect, it } from 'vitest';
import {
  accuracy,
  correctCharacters,
  finalScore,
  liveCpm,
  press,
  startRun,
  type DictationRun,
} from './engine.js';

const code = 'def f(x):\n    return x\n\nprint(f(1))\n';

let now = 1000;
function typeAll(run: DictationRun, keys: string[], step = 100): DictationRun {
  for (const key of keys) {
    [run] = press(run, key, now);
    now += step;
  }
  return run;
}

const keysOf = (line: string) => [...line];

describe('dictation scoring', () => {
  it('pre-fills indentation, advances only on an exact match, and scores like the server', () => {
    let run = startRun(code);
    expect(run.lines).toEqual(['def f(x):', '    return x', '', 'print(f(1))']);
    run = typeAll(run, [...keysOf('def f(x)'), 'Enter']); // mismatch: stays on line 1
    expect(run.line).toBe(0);
    run = typeAll(run, [':', 'Enter']);
    expect(run.line).toBe(1);
    expect(run.typed).toBe('    '); // indentation pre-filled
    run = typeAll(run, ['Backspace']); // cannot delete the indentation
    expect(run.typed).toBe('    ');
    run = typeAll(run, [
      ...keysOf('retrun'),
      'Backspace',
      'Backspace',
      'Backspace',
      'Backspace',
      ...keysOf('turn x'),
      'Enter',
    ]);
    expect(run.line).toBe(2);
    run = typeAll(run, ['Enter', ...keysOf('print(f(1))'), 'Enter']);
    expect(run.finished).toBe(true);
    const charKeys = 'def f(x):'.length + 'retrun'.length + 'turn x'.length + 'print(f(1))'.length;
    expect(run.charKeys).toBe(charKeys);
    // retrun against return: r, e, t right; r, u, n wrong (after a wrong character nothing counts)
    expect(run.correct).toBe(charKeys - 3);
    expect(accuracy(run)).toBe(Math.round(((charKeys - 3) / charKeys) * 1000) / 10);
    const score = finalScore(run);
    const characters = 'def f(x):'.length + 'return x'.length + 'print(f(1))'.length;
    expect(score.durationMs).toBe((run.keystrokes.length - 1) * 100);
    expect(score.cpm).toBe(Math.round(characters / (score.durationMs / 60_000)));
    expect(run.keystrokes[0]).toEqual({ t: 0, k: 'd' });
  });

  it('caps input at the reference length and counts live CPM from correct non-indent characters', () => {
    let run = startRun('ab\n  cd');
    run = typeAll(run, ['a', 'b', 'x']); // x overflows: a wrong key, not typed
    expect(run.typed).toBe('ab');
    expect(run.charKeys).toBe(3);
    run = typeAll(run, ['Enter', 'c', 'z']);
    expect(correctCharacters(run)).toBe(3); // ab + c
    expect(liveCpm(run, (run.startedAt ?? 0) + 60_000)).toBe(3);
  });
});
