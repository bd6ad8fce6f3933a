import type { DictationKeystroke } from '@corazy/contracts';

/**
 * Dictation scoring, the same rules the relay replays a run with (PRODUCT.md §3): lines advance only on
 * an exact match, indentation is pre-filled, input is capped at the reference's length, CPM is
 * correct non-indent characters per minute (clock from the first keystroke to the last), accuracy is
 * correct character keystrokes over all character keystrokes (Backspace and Enter are neither).
 */
export interface DictationRun {
  readonly lines: readonly string[];
  /** The line being typed; `lines.length` when finished. */
  readonly line: number;
  readonly typed: string;
  readonly correct: number;
  readonly charKeys: number;
  readonly keystrokes: readonly DictationKeystroke[];
  /** Clock time of the first keystroke (ms, performance.now()), null before it. */
  readonly startedAt: number | null;
  readonly finished: boolean;
}

export type DictationKey = string; // a character, 'Backspace' or 'Enter'

export const indentOf = (line: string) => line.length - line.trimStart().length;

export function referenceLines(code: string): string[] {
  const lines = code
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

const prefill = (line: string | undefined) => (line === undefined ? '' : line.slice(0, indentOf(line)));

export function startRun(code: string): DictationRun {
  const lines = referenceLines(code);
  return {
    lines,
    line: 0,
    typed: prefill(lines[0]),
    correct: 0,
    charKeys: 0,
    keystrokes: [],
    startedAt: null,
    finished: lines.length === 0,
  };
}

export type PressOutcome = 'typed' | 'advanced' | 'mismatch' | 'overflow' | 'ignored' | 'finished';

/** Applies one key at clock time `now` (ms); answers the new run and what the key did. */
export function press(run: DictationRun, key: DictationKey, now: number): [DictationRun, PressOutcome] {
  if (run.finished) return [run, 'ignored'];
  const isChar = key !== 'Backspace' && key !== 'Enter';
  if (isChar && [...key].length !== 1) return [run, 'ignored'];
  const startedAt = run.startedAt ?? now;
  const keystrokes = [...run.keystrokes, { t: Math.max(0, Math.round(now - startedAt)), k: key }];
  const reference = run.lines[run.line]!;
  const next = { ...run, startedAt, keystrokes };
  if (key === 'Backspace') {
    return [
      { ...next, typed: run.typed.length > indentOf(reference) ? run.typed.slice(0, -1) : run.typed },
      'typed',
    ];
  }
  if (key === 'Enter') {
    if (run.typed !== reference) return [next, 'mismatch'];
    const line = run.line + 1;
    const finished = line === run.lines.length;
    return [{ ...next, line, typed: prefill(run.lines[line]), finished }, finished ? 'finished' : 'advanced'];
  }
  const charKeys = run.charKeys + 1;
  if (run.typed.length >= reference.length) return [{ ...next, charKeys }, 'overflow'];
  const right = key === reference[run.typed.length] && run.typed === reference.slice(0, run.typed.length);
  return [{ ...next, charKeys, correct: run.correct + (right ? 1 : 0), typed: run.typed + key }, 'typed'];
}

const nonIndent = (line: string) => line.length - indentOf(line);

/** Correct non-indent characters so far: finished lines, plus the right prefix of the current one. */
export function correctCharacters(run: DictationRun): number {
  let sum = 0;
  for (let i = 0; i < run.line && i < run.lines.length; i++) sum += nonIndent(run.lines[i]!);
  const reference = run.lines[run.line];
  if (reference !== undefined) {
    let prefix = 0;
    while (prefix < run.typed.length && run.typed[prefix] === reference[prefix]) prefix++;
    sum += Math.max(0, prefix - indentOf(reference));
  }
  return sum;
}

export function accuracy(run: DictationRun): number {
  return Math.round((run.correct / Math.max(1, run.charKeys)) * 1000) / 10;
}

/** Live CPM at clock time `now`. */
export function liveCpm(run: DictationRun, now: number): number {
  if (run.startedAt === null) return 0;
  const elapsed = (run.finished ? (run.keystrokes.at(-1)?.t ?? 0) : now - run.startedAt) / 60_000;
  return elapsed > 0 ? Math.round(correctCharacters(run) / elapsed) : 0;
}

/** The totals of a finished run, as the server computes them. */
export function finalScore(run: DictationRun): { cpm: number; accuracy: number; durationMs: number } {
  const durationMs = (run.keystrokes.at(-1)?.t ?? 0) - (run.keystrokes[0]?.t ?? 0);
  const characters = run.lines.reduce((sum, line) => sum + nonIndent(line), 0);
  return {
    cpm: durationMs > 0 ? Math.round(characters / (durationMs / 60_000)) : 0,
    accuracy: accuracy(run),
    durationMs,
  };
}
