import { ChangeSet, Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { CodeOperation } from '@corazy/contracts';
import { SharedCode, type CodeUpdate } from './shared-code.js';

/** The operation that inserts `text` at `at` into `doc`, as the relay numbers it. */
function insert(doc: Text, version: number, at: number, text: string): CodeOperation {
  const changes = ChangeSet.of({ from: at, insert: text }, doc.length);
  return {
    version,
    changes: changes.toJSON() as CodeOperation['changes'],
    cursor: null,
    userId: 'u1',
    at: 0,
  };
}

describe('the shared code of a room', () => {
  it('keeps the operations that arrive before any editor follows, so a late editor starts from them', () => {
    const code = new SharedCode();
    code.reset({ doc: 'ab', version: 0 });
    expect(code.apply(insert(code.doc, 1, 2, 'c'))).toBe('applied');
    expect(code.apply(insert(code.doc, 2, 0, '>'))).toBe('applied');
    // The editor mounts now: it starts from what the room holds, then sees only what follows.
    const start = { doc: code.doc.toString(), version: code.version };
    const updates: CodeUpdate[] = [];
    code.follow((update) => updates.push(update));
    code.apply(insert(code.doc, 3, 4, '!'));
    expect(start).toEqual({ doc: '>abc', version: 2 });
    expect(updates.map((u) => u.kind === 'op' && u.op.version)).toEqual([3]);
    expect(code.doc.toString()).toBe('>abc!');
  });

  it('skips an operation the snapshot already had and reports a gap instead of applying out of order', () => {
    const code = new SharedCode();
    code.reset({ doc: 'abc', version: 5 });
    expect(code.apply(insert(Text.of(['ab']), 5, 2, 'c'))).toBe('seen');
    expect(code.apply(insert(code.doc, 7, 0, 'x'))).toBe('gap');
    expect({ doc: code.doc.toString(), version: code.version }).toEqual({ doc: 'abc', version: 5 });
  });

  it('tells followers to start over on a different snapshot, and not on the one it holds', () => {
    const code = new SharedCode();
    code.reset({ doc: 'a\nb', version: 1 });
    const updates: CodeUpdate[] = [];
    code.follow((update) => updates.push(update));
    code.reset({ doc: 'a\nb', version: 1 });
    code.reset({ doc: 'new game', version: 0 });
    expect(updates).toHaveLength(1);
    expect(updates[0]!.kind === 'reset' && [updates[0]!.doc.toString(), updates[0]!.version]).toEqual([
      'new game',
      0,
    ]);
  });
});
