import { ChangeSet, Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { CodeOperation } from '@corazy/contracts';
import { ReplayTimeline } from './timeline.js';

/** A game that types `text` one character a second at the end of `initial`. */
function typedGame(initial: string, text: string) {
  const operations: CodeOperation[] = [];
  let doc = Text.of(initial.split('\n'));
  for (const [index, char] of [...text].entries()) {
    const changes = ChangeSet.of({ from: doc.length, insert: char }, doc.length);
    operations.push({
      version: index + 1,
      changes: changes.toJSON() as CodeOperation['changes'],
      cursor: { anchor: doc.length + 1, head: doc.length + 1 },
      userId: index < text.length / 2 ? 'ann' : 'bob',
      at: 10_000 + (index + 1) * 1000,
    });
    doc = changes.apply(doc);
  }
  const turns = [
    { number: 1, userId: 'ann', startedAt: 10_000, endsAt: 70_000 },
    { number: 2, userId: 'bob', startedAt: 10_000 + (text.length / 2) * 1000 + 500, endsAt: 200_000 },
  ];
  return {
    initialCode: initial,
    operations,
    turns,
    startedAt: 10_000,
    endedAt: 10_000 + text.length * 1000 + 2000,
  };
}

describe('replay timeline', () => {
  const text = 'print(sum(map(int, input().split())))\n'.repeat(15); // 570 operations: three checkpoints
  const game = typedGame('# go\n', text);
  const timeline = new ReplayTimeline(game);

  it('rebuilds the document at any point, from a checkpoint, to the final code', () => {
    expect(timeline.versions).toBe(text.length);
    expect(timeline.docAt(0).toString()).toBe('# go\n');
    expect(timeline.docAt(1).toString()).toBe('# go\np');
    expect(timeline.docAt(401).toString()).toBe(`# go\n${text.slice(0, 401)}`);
    expect(timeline.docAt(timeline.versions).toString()).toBe(`# go\n${text}`);
    // Seeking back and forth answers the same documents in any order.
    expect(timeline.docAt(200).toString()).toBe(`# go\n${text.slice(0, 200)}`);
    expect(timeline.docAt(199).toString()).toBe(`# go\n${text.slice(0, 199)}`);
  });

  it('maps times to versions and back, and knows whose turn it is', () => {
    expect(timeline.duration).toBe(text.length * 1000 + 2000);
    expect(timeline.versionAt(0)).toBe(0);
    expect(timeline.versionAt(999)).toBe(0);
    expect(timeline.versionAt(1000)).toBe(1);
    expect(timeline.versionAt(2500)).toBe(2);
    expect(timeline.versionAt(timeline.duration)).toBe(timeline.versions);
    expect(timeline.timeOf(2)).toBe(2000);
    expect(timeline.turnAt(0)?.userId).toBe('ann');
    expect(timeline.turnAt(timeline.duration)?.userId).toBe('bob');
  });

  it('steps forward by applying only the operations in between', () => {
    let doc = timeline.docAt(10);
    for (const change of timeline.changesBetween(10, 250)) doc = change.apply(doc);
    expect(doc.toString()).toBe(timeline.docAt(250).toString());
  });
});
