import { describe, expect, it } from 'vitest';
import { latexToMarkdown } from './latex-statement.js';

/** Asymmetric matchers typed as the strings they stand for. */
const containing = (text: string) => expect.stringContaining(text) as string;

const FILE = 'statement/problem.en.tex';

function markdown(tex: string): string {
  const result = latexToMarkdown(tex, FILE);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.statement.markdown;
}

function problems(tex: string) {
  const result = latexToMarkdown(tex, FILE);
  if (result.ok) throw new Error(`converted: ${result.statement.markdown}`);
  return result.problems;
}

describe('LaTeX statements become Markdown', () => {
  const cases: [string, string, string][] = [
    ['paragraphs split at blank lines, lines kept', 'One\ntwo.\n\n\nThree.', 'One\ntwo.\n\nThree.'],
    [
      'sections become headings',
      '\\section*{Input}\nText\n\\subsection{Limits}\nMore',
      '## Input\n\nText\n\n### Limits\n\nMore',
    ],
    ['bold, italic and monospace', '\\textbf{a} \\emph{b} \\textit{c} \\texttt{d}', '**a** *b* *c* `d`'],
    ['nested formatting', '\\textbf{very \\emph{much}}', '**very *much***'],
    ['inline math with dollars', 'Let $1 \\le N \\le 10^5$ hold.', 'Let $1 \\le N \\le 10^5$ hold.'],
    ['inline math with parentheses', 'Let \\(x^2\\) be.', 'Let $x^2$ be.'],
    [
      'display math with brackets',
      'So\n\\[ \\sum_{i=1}^n i \\]\nends.',
      'So\n\n$$\\sum_{i=1}^n i$$\n\nends.',
    ],
    ['display math with double dollars', '$$a+b$$', '$$a+b$$'],
    ['math spanning lines stays on one line', '$a +\n b$', '$a + b$'],
    ['math keeps its own braces and escapes', '$\\{1, \\ldots, n\\}$', '$\\{1, \\ldots, n\\}$'],
    ['an equation* environment', '\\begin{equation*}x=1\\end{equation*}', '$$x=1$$'],
    [
      'align* becomes aligned',
      '\\begin{align*}a&=b\\\\c&=d\\end{align*}',
      '$$\\begin{aligned}a&=b\\\\c&=d\\end{aligned}$$',
    ],
    ['itemize', '\\begin{itemize}\n\\item one\n\\item two\n\\end{itemize}', '- one\n- two'],
    ['enumerate numbers its items', '\\begin{enumerate}\\item a \\item b\\end{enumerate}', '1. a\n2. b'],
    [
      'a nested list stays inside its item',
      '\\begin{itemize}\\item outer\\begin{itemize}\\item inner\\end{itemize}\\item last\\end{itemize}',
      '- outer\n  - inner\n- last',
    ],
    ['an item with a label', '\\begin{itemize}\\item[Note] read\\end{itemize}', '- **Note** read'],
    [
      'verbatim is kept exactly, in a code block',
      '\\begin{verbatim}\n3\n1 2 $x$ \\foo\n\\end{verbatim}',
      '```\n3\n1 2 $x$ \\foo\n```',
    ],
    [
      'tabular becomes a pipe table, rules dropped',
      '\\begin{tabular}{|l|r|}\\hline\nGroup & Points \\\\ \\hline\n$1$ & 20 \\\\\n2 & 80 \\\\ \\hline\n\\end{tabular}',
      '| Group | Points |\n| --- | --- |\n| $1$ | 20 |\n| 2 | 80 |',
    ],
    [
      'a pipe inside a table cell is escaped',
      '\\begin{tabular}{l}a|b \\\\ c\\end{tabular}',
      '| a\\|b |\n| --- |\n| c |',
    ],
    ['center is transparent', '\\begin{center}middle\\end{center}', 'middle'],
    ['TeX quotes and dashes', "``quoted'' -- and --- so", '“quoted” – and — so'],
    ['escaped specials', '50\\% \\& \\#1 \\_ \\{\\}', '50% & #1 _ {}'],
    ['an escaped dollar stays literal in Markdown', 'costs \\$5', 'costs \\$5'],
    ['comments are dropped, escaped percent kept', 'a % hidden\nb 5\\% c', 'a\nb 5% c'],
    ['tilde is a space', 'Figure~1', 'Figure 1'],
    [
      'symbols without arguments swallow the space after them',
      '\\LaTeX{} and \\ldots{} done',
      'LaTeX and … done',
    ],
    [
      'layout commands disappear',
      '\\noindent\\vspace{1em}Text\\hspace*{2cm}\\medskip\n\nMore',
      'Text\n\nMore',
    ],
    ['size switches disappear', '{\\small tiny text}', 'tiny text'],
    [
      'url and href keep the address',
      '\\url{https://a.b/c} \\href{https://x.y}{site}',
      '`https://a.b/c` site (`https://x.y`)',
    ],
    ['footnotes go in parentheses', 'Word\\footnote{note}.', 'Word (note).'],
    ['a line break inside a paragraph', 'a\\\\b', 'a\nb'],
    [
      'non-ASCII text passes',
      '\\section*{입력}\n첫 줄에 $N$이 주어진다.',
      '## 입력\n\n첫 줄에 $N$이 주어진다.',
    ],
  ];
  for (const [what, tex, expected] of cases) {
    it(what, () => {
      expect(markdown(tex)).toBe(expected);
    });
  }

  it('takes the title from \\problemname and leaves it out of the text', () => {
    const result = latexToMarkdown('\\problemname{Odd \\emph{Echo}}\nBody', FILE);
    expect(result).toEqual({ ok: true, statement: { title: 'Odd *Echo*', markdown: 'Body' } });
  });

  it('has no title when the statement does not name the problem', () => {
    const result = latexToMarkdown('Body', FILE);
    expect(result).toEqual({ ok: true, statement: { title: undefined, markdown: 'Body' } });
  });

  it('reads Windows line endings', () => {
    expect(markdown('a\r\n\r\nb')).toBe('a\n\nb');
  });
});

describe('LaTeX it does not understand is refused, never passed through', () => {
  it('names an unknown macro, the file and the line', () => {
    expect(problems('Line one\n\\weird{x} here')).toEqual([
      { file: FILE, key: '\\weird', message: 'unknown LaTeX macro \\weird (line 2)' },
    ]);
  });

  it('names an unknown environment', () => {
    expect(problems('\\begin{tikzpicture}\\draw;\\end{tikzpicture}')).toEqual([
      expect.objectContaining({
        key: '\\begin{tikzpicture}',
        message: containing('tikzpicture'),
      }),
    ]);
  });

  it('refuses images until statements can carry them', () => {
    expect(problems('\\illustration{0.3}{cave.jpg}{A cave}')).toEqual([
      expect.objectContaining({ key: '\\illustration', message: containing('images') }),
    ]);
    expect(problems('\\includegraphics[width=3cm]{a.png}')).toEqual([
      expect.objectContaining({ key: '\\includegraphics' }),
    ]);
  });

  it('reports every unknown macro at once', () => {
    expect(problems('\\one \\two{} \\three').map((problem) => problem.key)).toEqual([
      '\\one',
      '\\two',
      '\\three',
    ]);
  });

  it('refuses unbalanced braces, unclosed math and unended environments', () => {
    expect(problems('a } b')[0]!.message).toContain('unmatched }');
    expect(problems('{a b')[0]!.message).toContain('never closed');
    expect(problems('$x + y')[0]!.message).toContain('never closed');
    expect(problems('\\begin{itemize}\\item a')[0]!.message).toContain('never ended');
  });

  it('refuses a macro that needs an argument without one', () => {
    expect(problems('\\textbf')[0]).toMatchObject({ key: '\\textbf' });
  });

  it('refuses text before the first item of a list', () => {
    expect(problems('\\begin{itemize} stray \\item a\\end{itemize}')[0]).toMatchObject({ key: '\\item' });
  });

  it('refuses an unknown starred macro by its full name', () => {
    expect(problems('\\emph*{x}')[0]).toMatchObject({ key: '\\emph*' });
  });
});
