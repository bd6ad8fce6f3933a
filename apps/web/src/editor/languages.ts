import { EditorState, type Extension } from '@codemirror/state';
import { indentUnit } from '@codemirror/language';
import type { Language } from '@corazy/contracts';
import { python } from '@codemirror/lang-python';
import { java } from '@codemirror/lang-java';
import { cpp } from '@codemirror/lang-cpp';
import { javascript } from '@codemirror/lang-javascript';

/**
 * Each language's indentation convention, the one the catalogue's starters and dictation snippets are
 * written in (services/compile/catalogue/README.md): 4 spaces (PEP 8, Java, C, C++), 2 in JavaScript.
 * An editor indenting otherwise breaks Python: a 2-space line under a 4-space one does not compile.
 */
export const INDENT_WIDTH: Record<Language, number> = {
  python: 4,
  java: 4,
  c: 4,
  cpp: 4,
  javascript: 2,
};

function syntax(language: Language): Extension {
  switch (language) {
    case 'python':
      return python();
    case 'java':
      return java();
    case 'c':
    case 'cpp':
      return cpp();
    case 'javascript':
      return javascript();
  }
}

/** Highlighting, language-aware editing and the language's indentation, for every editor of code. */
export function languageSupport(language: Language): Extension {
  const width = INDENT_WIDTH[language];
  return [syntax(language), indentUnit.of(' '.repeat(width)), EditorState.tabSize.of(width)];
}
