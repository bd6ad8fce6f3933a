import type { Locale, ProblemTexts } from '@corazy/contracts';

/**
 * A package carries one statement document per language; the project keeps three parts (statement,
 * input, output). The document is split at its Input and Output headings and joined back with the
 * locale's own headings, so a document written by `joinStatement` splits into the same three parts.
 */
export type StatementParts = Omit<ProblemTexts, 'title'>;

const HEADING_WORDS = {
  input: ['input', '입력'],
  output: ['output', '출력'],
};

const HEADING_OF: Record<Locale, { input: string; output: string }> = {
  en: { input: 'Input', output: 'Output' },
  ko: { input: '입력', output: '출력' },
};

export function splitStatement(markdown: string): StatementParts | { missing: 'input' | 'output' } {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const headingAt = (words: string[], from: number) =>
    lines.findIndex(
      (line, index) =>
        index >= from && words.includes(/^#{1,4}\s+(.*?)\s*#*\s*$/.exec(line)?.[1]?.toLowerCase() ?? ''),
    );
  const input = headingAt(HEADING_WORDS.input, 0);
  if (input < 0) return { missing: 'input' };
  const output = headingAt(HEADING_WORDS.output, input + 1);
  if (output < 0) return { missing: 'output' };
  const part = (from: number, to: number) => lines.slice(from, to).join('\n').trim();
  return {
    statement: part(0, input),
    input: part(input + 1, output),
    output: part(output + 1, lines.length),
  };
}

export function joinStatement(parts: StatementParts, locale: Locale): string {
  const heading = HEADING_OF[locale];
  return `${parts.statement}\n\n## ${heading.input}\n\n${parts.input}\n\n## ${heading.output}\n\n${parts.output}\n`;
}
