import { describe, expect, it } from 'vitest';
import { EditorSelection, EditorState, type Transaction } from '@codemirror/state';
import { insertNewlineAndIndent } from '@codemirror/commands';
import { ensureSyntaxTree } from '@codemirror/language';
import type { Language } from '@corazy/contracts';
import { INDENT_WIDTH, languageSupport } from './languages.js';

const starters = import.meta.glob<string>('../../../../services/compile/catalogue/problems/*/starter/*', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const snippets = import.meta.glob<string>(
  '../../../../services/compile/catalogue/dictations/*/*.{py,java,c,cpp,js}',
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);

const LANGUAGE_OF: Record<string, Language> = {
  py: 'python',
  java: 'java',
  c: 'c',
  cpp: 'cpp',
  js: 'javascript',
};

/** Presses Enter at the end of the line that contains `marker`, as a player would. */
function enterAfter(language: Language, doc: string, marker: string): string {
  let state = EditorState.create({ doc, extensions: languageSupport(language) });
  const end = doc.indexOf('\n', doc.indexOf(marker));
  // Parsed to the end whatever the machine's load (indentation reads the syntax tree), and carried
  // into the state Enter is pressed in by the next transaction.
  ensureSyntaxTree(state, state.doc.length, 10_000);
  state = state.update({ selection: EditorSelection.cursor(end) }).state;
  insertNewlineAndIndent({ state, dispatch: (tr: Transaction) => (state = tr.state) });
  return state.doc.lineAt(state.selection.main.head).text;
}

describe('each language’s indentation', () => {
  it('indents a new block by the language’s unit, in every language', () => {
    const blocks: Record<Language, string> = {
      python: 'def f():\n',
      java: 'class A {\n',
      c: 'int f(void) {\n',
      cpp: 'int f() {\n',
      javascript: 'function f() {\n',
    };
    for (const [language, doc] of Object.entries(blocks) as [Language, string][]) {
      const opener = doc.trimEnd();
      expect(enterAfter(language, `${opener}\n`, opener), language).toBe(' '.repeat(INDENT_WIDTH[language]));
    }
  });

  it('is the one the catalogue’s starters and dictation snippets are written in (dictation pre-fills theirs)', () => {
    const files = Object.entries({ ...starters, ...snippets }).filter(([path]) => !path.endsWith('.json'));
    expect(files.length).toBeGreaterThan(40);
    for (const [path, source] of files) {
      const language = LANGUAGE_OF[path.split('.').at(-1)!];
      if (!language) continue;
      const indents = source
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('*'))
        .map((line) => line.length - line.trimStart().length);
      for (const indent of indents) expect(indent % INDENT_WIDTH[language], path).toBe(0);
    }
  });
});
