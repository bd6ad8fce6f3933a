import { MAX_PLAUSIBLE_CPM, type DictationKeystroke } from '@corazy/contracts';
import { refuse } from './errors.js';

/**
 * Dictation scoring, recomputed on the server from the keystroke timeline (PRODUCT.md §3): lines
 * advance only on an exact match, indentation is pre-filled, CPM is correct non-indent characters per
 * minute, accuracy is correct character keystrokes over all character keystrokes (Backspace and
 * Enter are neither, as in Monkeytype). The clock runs from the first keystroke to the last.
 */

/** Keys closer together than this are a machine's, when they are more than a few. */
export const MIN_HUMAN_INTERVAL_MS = 10;
export const MAX_MACHINE_INTERVAL_SHARE = 0.2;
/** Client totals may differ from the server's by rounding only. */
const CPM_TOLERANCE = 1;
const ACCURACY_TOLERANCE = 0.5;

export interface DictationScore {
  cpm: number;
  accuracy: number;
  durationMs: number;
}

const indentOf = (line: string) => line.length - line.trimStart().length;

export function referenceLines(code: string): string[] {
  const lines = code
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

/** Replays a run; refuses an unfinished, impossible or mistimed one. */
export function scoreDictation(code: string, keystrokes: readonly DictationKeystroke[]): DictationScore {
  const lines = referenceLines(code);
  if (lines.length === 0) throw refuse('DICTATION_REJECTED', 'the snippet is empty');
  let line = 0;
  let typed = indentOf(lines[0]!) > 0 ? lines[0]!.slice(0, indentOf(lines[0]!)) : '';
  let correct = 0;
  let charKeys = 0;
  let machineIntervals = 0;
  let previous = keystrokes[0]!.t;

  for (const { t, k } of keystrokes) {
    if (t < previous) throw refuse('DICTATION_REJECTED', 'keystroke times go backwards');
    if (t - previous < MIN_HUMAN_INTERVAL_MS && t !== keystrokes[0]!.t) machineIntervals++;
    previous = t;
    if (line >= lines.length) throw refuse('DICTATION_REJECTED', 'keystrokes after the last line');
    const reference = lines[line]!;
    if (k === 'Backspace') {
      if (typed.length > indentOf(reference)) typed = typed.slice(0, -1);
    } else if (k === 'Enter') {
      if (typed === reference) {
        line++;
        const next = lines[line];
        typed = next === undefined ? '' : next.slice(0, indentOf(next));
      }
    } else {
      charKeys++;
      // Input is capped at the reference's length: an extra character is a wrong key, not typed.
      if (typed.length < reference.length) {
        if (k === reference[typed.length] && typed === reference.slice(0, typed.length)) correct++;
        typed += k;
      }
    }
  }
  // The last line counts as done when it matches, with or without a final Enter.
  const finished = line === lines.length || (line === lines.length - 1 && typed === lines[line]);
  if (!finished)
    throw refuse('DICTATION_REJECTED', 'the snippet was not typed to the end', { line: line + 1 });

  const durationMs = keystrokes.at(-1)!.t - keystrokes[0]!.t;
  if (durationMs < 1_000) throw refuse('DICTATION_REJECTED', 'a run lasts at least a second');
  const characters = lines.reduce((sum, l) => sum + l.length - indentOf(l), 0);
  const cpm = Math.round(characters / (durationMs / 60_000));
  const accuracy = Math.round((correct / Math.max(1, charKeys)) * 1000) / 10;
  if (cpm > MAX_PLAUSIBLE_CPM) throw refuse('DICTATION_REJECTED', 'faster than humanly possible', { cpm });
  if (keystrokes.length > 20 && machineIntervals / keystrokes.length > MAX_MACHINE_INTERVAL_SHARE) {
    throw refuse('DICTATION_REJECTED', 'keystrokes come too evenly fast to be typed by hand');
  }
  return { cpm, accuracy, durationMs };
}

/** Refuses a run whose client-side totals are not the ones its keystrokes give. */
export function checkClaim(score: DictationScore, claimed: { cpm: number; accuracy: number }) {
  if (
    Math.abs(score.cpm - claimed.cpm) > CPM_TOLERANCE ||
    Math.abs(score.accuracy - claimed.accuracy) > ACCURACY_TOLERANCE
  ) {
    throw refuse('DICTATION_REJECTED', 'the totals do not match the keystrokes', { server: score, claimed });
  }
}
