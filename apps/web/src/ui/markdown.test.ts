import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './markdown.js';

describe('statement Markdown', () => {
  it('keeps $…$ math, code and emphasis apart from text, and splits paragraphs and lists', () => {
    const blocks = parseMarkdown('두 정수 $A$와 $B$, `int` **굵게**\n\n- one $x_1$\n- two\n\n```\n1 2\n```');
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        inlines: [
          { kind: 'text', text: '두 정수 ' },
          { kind: 'math', tex: 'A', display: false },
          { kind: 'text', text: '와 ' },
          { kind: 'math', tex: 'B', display: false },
          { kind: 'text', text: ', ' },
          { kind: 'code', text: 'int' },
          { kind: 'text', text: ' ' },
          { kind: 'strong', children: [{ kind: 'text', text: '굵게' }] },
        ],
      },
      {
        kind: 'list',
        ordered: false,
        items: [
          [
            { kind: 'text', text: 'one ' },
            { kind: 'math', tex: 'x_1', display: false },
          ],
          [{ kind: 'text', text: 'two' }],
        ],
      },
      { kind: 'code', text: '1 2' },
    ]);
  });
});
