import type { PackageProblem } from './package-error.js';

/**
 * A LaTeX problem statement (`problem.<lang>.tex`, the problemtools dialect) turned into the
 * project's Markdown + KaTeX. Only what is listed here is understood; anything else is reported with
 * its line, never passed through raw, so a player never sees `\foo{…}` in a statement.
 */
export interface LatexStatement {
  /** From `\problemname{…}`, when the statement names the problem. */
  title: string | undefined;
  markdown: string;
}

export type LatexResult = { ok: true; statement: LatexStatement } | { ok: false; problems: PackageProblem[] };

/** Macros that wrap their one argument in Markdown. */
const WRAPPERS: Record<string, (text: string) => string> = {
  textbf: (text) => `**${text}**`,
  emph: (text) => `*${text}*`,
  textit: (text) => `*${text}*`,
  textsl: (text) => `*${text}*`,
  texttt: (text) => `\`${text}\``,
  underline: (text) => text,
  textrm: (text) => text,
  textsf: (text) => text,
  textsc: (text) => text,
  textnormal: (text) => text,
  textup: (text) => text,
  mbox: (text) => text,
  text: (text) => text,
  footnote: (text) => ` (${text})`,
  url: (text) => `\`${text}\``,
};

const HEADINGS: Record<string, string> = {
  section: '##',
  subsection: '###',
  subsubsection: '####',
};

/** Macros without arguments, by what they become. */
const SYMBOLS: Record<string, string> = {
  ldots: '…',
  dots: '…',
  textellipsis: '…',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
  textbackslash: '\\',
  textasciitilde: '~',
  textasciicircum: '^',
  textendash: '–',
  textemdash: '—',
  textquoteleft: '‘',
  textquoteright: '’',
  textquotedblleft: '“',
  textquotedblright: '”',
  quad: ' ',
  qquad: ' ',
  newline: '\n',
  par: '\n\n',
  bigskip: '\n\n',
  medskip: '\n\n',
  smallskip: '\n\n',
  noindent: '',
  centering: '',
  hfill: '',
  raggedright: '',
  small: '',
  footnotesize: '',
  scriptsize: '',
  tiny: '',
  normalsize: '',
  large: '',
  Large: '',
  LARGE: '',
  huge: '',
  Huge: '',
  clearpage: '',
  newpage: '',
};

/** Macros whose one argument only concerns layout: dropped with it. */
const LAYOUT_WITH_ARGUMENT = new Set(['vspace', 'hspace', 'label']);

/** Control symbols (`\` + one character) that stand for the character. */
const ESCAPED: Record<string, string> = {
  '&': '&',
  '%': '%',
  $: '\\$',
  '#': '#',
  _: '_',
  '{': '{',
  '}': '}',
  ' ': ' ',
  ',': ' ',
  ';': ' ',
  '!': '',
  '/': '',
  '-': '',
};

const DISPLAY_MATH_ENVIRONMENTS: Record<string, (body: string) => string> = {
  equation: (body) => body,
  'equation*': (body) => body,
  displaymath: (body) => body,
  'align*': (body) => `\\begin{aligned}${body}\\end{aligned}`,
  align: (body) => `\\begin{aligned}${body}\\end{aligned}`,
  'eqnarray*': (body) => `\\begin{aligned}${body}\\end{aligned}`,
};

/** Environments whose content is ordinary text (alignment and floats mean nothing in Markdown). */
const TRANSPARENT_ENVIRONMENTS = new Set([
  'center',
  'flushleft',
  'flushright',
  'figure',
  'table',
  'minipage',
]);

export function latexToMarkdown(source: string, file: string): LatexResult {
  const converter = new Converter(stripComments(source.replace(/\r\n?/g, '\n')), file);
  const markdown = converter.blocks(converter.text(() => false));
  if (converter.problems.length > 0) return { ok: false, problems: converter.problems };
  return { ok: true, statement: { title: converter.title, markdown } };
}

/** `%` to the end of the line, unless escaped; newlines stay, so line numbers keep their meaning. */
function stripComments(source: string): string {
  return source.replace(/(^|[^\\])((?:\\\\)*)%.*$/gm, '$1$2');
}

class Converter {
  readonly problems: PackageProblem[] = [];
  title: string | undefined;
  private position = 0;

  constructor(
    private readonly source: string,
    private readonly file: string,
  ) {}

  /** Tidy blank lines: paragraphs and blocks separated by exactly one blank line. */
  blocks(text: string): string {
    return text
      .split(/\n[ \t]*\n(?:[ \t]*\n)*/)
      .map((paragraph) =>
        paragraph
          .split('\n')
          .map((line) => {
            // A nested list item keeps its indentation; other lines are tidied like TeX spaces.
            const indent = /^( +)(?:-|\d+\.) /.exec(line)?.[1] ?? '';
            return indent + line.replace(/[ \t]+/g, ' ').trim();
          })
          .filter((line, index, lines) => line !== '' || (index > 0 && index < lines.length - 1))
          .join('\n'),
      )
      .filter((paragraph) => paragraph !== '')
      .join('\n\n');
  }

  /** Text until `stop` says so (or the end), as Markdown. */
  text(stop: () => boolean): string {
    let out = '';
    while (this.position < this.source.length && !stop()) {
      const char = this.source[this.position]!;
      if (char === '\\') out += this.command();
      else if (char === '{') out += this.group();
      else if (char === '}') {
        this.report('an unmatched }');
        this.position++;
      } else if (char === '$') out += this.dollarMath();
      else if (char === '~') {
        out += ' ';
        this.position++;
      } else out += this.plain();
    }
    return out;
  }

  /** A run of ordinary characters, with TeX's ligatures for quotes and dashes. */
  private plain(): string {
    const rest = this.source.slice(this.position);
    for (const [tex, text] of [
      ['``', '“'],
      ["''", '”'],
      ['---', '—'],
      ['--', '–'],
    ] as const) {
      if (rest.startsWith(tex)) {
        this.position += tex.length;
        return text;
      }
    }
    const char = this.source[this.position++]!;
    if (char === '`') return '‘';
    return char;
  }

  private group(): string {
    this.position++; // {
    const content = this.text(() => this.source[this.position] === '}');
    if (this.source[this.position] === '}') this.position++;
    else this.report('a { is never closed');
    return content;
  }

  /** A required `{…}` argument, converted; spaces before it are skipped as TeX does. */
  private argument(macro: string): string {
    this.skipSpaces();
    if (this.source[this.position] !== '{') {
      this.report(`\\${macro} needs an argument in { }`, `\\${macro}`);
      return '';
    }
    return this.group();
  }

  /** A required argument taken literally (URLs, environment names, column specifications). */
  private rawArgument(macro: string): string {
    this.skipSpaces();
    if (this.source[this.position] !== '{') {
      this.report(`\\${macro} needs an argument in { }`, `\\${macro}`);
      return '';
    }
    let depth = 0;
    const start = this.position + 1;
    for (; this.position < this.source.length; this.position++) {
      const char = this.source[this.position];
      if (char === '\\') this.position++;
      else if (char === '{') depth++;
      else if (char === '}' && --depth === 0) {
        this.position++;
        return this.source.slice(start, this.position - 1);
      }
    }
    this.report(`the argument of \\${macro} is never closed`, `\\${macro}`);
    return this.source.slice(start);
  }

  private optionalArgument(): string | undefined {
    this.skipSpaces();
    if (this.source[this.position] !== '[') return undefined;
    const end = this.source.indexOf(']', this.position);
    if (end < 0) return undefined;
    const value = this.source.slice(this.position + 1, end);
    this.position = end + 1;
    return value;
  }

  private skipSpaces() {
    while (/[ \t\n]/.test(this.source[this.position] ?? '')) this.position++;
  }

  private command(): string {
    const at = this.position;
    this.position++; // backslash
    const next = this.source[this.position];
    if (next === undefined) {
      this.report('a lone \\ at the end');
      return '';
    }
    if (!/[A-Za-z]/.test(next)) {
      this.position++;
      if (next === '\\') {
        this.optionalArgument(); // \\[2pt]
        return '\n';
      }
      if (next === '(') return this.delimitedMath('\\)', false, at);
      if (next === '[') return this.delimitedMath('\\]', true, at);
      const symbol = ESCAPED[next];
      if (symbol !== undefined) return symbol;
      this.report(`unknown LaTeX control symbol \\${next}`, `\\${next}`, at);
      return '';
    }
    const name = /^[A-Za-z]+\*?/.exec(this.source.slice(this.position))![0];
    this.position += name.length;
    const bare = name.replace(/\*$/, '');
    // A macro without argument swallows the spaces after it, as in TeX ("\LaTeX{} is").
    const swallowSpaces = () => {
      if (this.source.startsWith('{}', this.position)) this.position += 2;
      else while (this.source[this.position] === ' ') this.position++;
    };

    if (bare === 'problemname') {
      this.title = this.blocks(this.argument(name)).replace(/\n/g, ' ');
      return '';
    }
    if (HEADINGS[bare]) return `\n\n${HEADINGS[bare]} ${this.oneLine(this.argument(name))}\n\n`;
    if (bare === 'paragraph') return `\n\n**${this.oneLine(this.argument(name))}** `;
    const wrap = WRAPPERS[bare];
    if (wrap && name === bare) {
      if (bare === 'url') return wrap(this.rawArgument(name));
      return wrap(this.argument(name));
    }
    if (bare === 'href') {
      const url = this.rawArgument(name);
      return `${this.argument(name)} (\`${url}\`)`;
    }
    if (LAYOUT_WITH_ARGUMENT.has(bare)) {
      this.rawArgument(name);
      return '';
    }
    if (name === bare && SYMBOLS[bare] !== undefined) {
      swallowSpaces();
      return SYMBOLS[bare];
    }
    if (bare === 'begin') return this.environment(at);
    if (bare === 'includegraphics' || bare === 'illustration') {
      this.report(
        `images (\\${bare}) are not supported in statements yet; describe the figure in text`,
        `\\${bare}`,
        at,
      );
      this.optionalArgument();
      this.rawArgument(name);
      if (bare === 'illustration') {
        this.rawArgument(name);
        this.rawArgument(name);
      }
      return '';
    }
    this.report(`unknown LaTeX macro \\${name}`, `\\${name}`, at);
    return '';
  }

  private environment(at: number): string {
    const name = this.rawArgument('begin');
    const end = `\\end{${name}}`;
    const close = this.matchingEnd(name);
    if (close < 0) {
      this.report(`\\begin{${name}} is never ended`, `\\begin{${name}}`, at);
      this.position = this.source.length;
      return '';
    }
    const bodyStart = this.position;
    const finish = () => {
      this.position = close + end.length;
    };
    if (name === 'verbatim') {
      const body = this.source.slice(bodyStart, close).replace(/^\n/, '').replace(/\n$/, '');
      finish();
      return `\n\n\`\`\`\n${body}\n\`\`\`\n\n`;
    }
    const math = DISPLAY_MATH_ENVIRONMENTS[name];
    if (math) {
      const body = this.source.slice(bodyStart, close).trim();
      finish();
      return `\n\n$$${math(body)}$$\n\n`;
    }
    if (name === 'itemize' || name === 'enumerate') {
      const list = this.list(name === 'enumerate', close);
      finish();
      return list;
    }
    if (name === 'tabular') {
      const table = this.tabular(close);
      finish();
      return table;
    }
    if (TRANSPARENT_ENVIRONMENTS.has(name)) {
      this.optionalArgument(); // [h] of a float
      if (name === 'minipage') this.rawArgument('begin');
      const body = this.text(() => this.position >= close);
      finish();
      return `\n\n${body}\n\n`;
    }
    if (name === 'quote' || name === 'quotation') {
      const body = this.blocks(this.text(() => this.position >= close));
      finish();
      return `\n\n${body}\n\n`;
    }
    this.report(`unknown LaTeX environment ${name}`, `\\begin{${name}}`, at);
    finish();
    return '';
  }

  /** Where the `\end{name}` of the environment just begun is, past any nested one of the same name. */
  private matchingEnd(name: string): number {
    const begin = `\\begin{${name}}`;
    const end = `\\end{${name}}`;
    let depth = 1;
    for (let at = this.position; at < this.source.length; at++) {
      if (this.source.startsWith(begin, at)) depth++;
      else if (this.source.startsWith(end, at) && --depth === 0) return at;
    }
    return -1;
  }

  /** `\item`s as Markdown list lines; a nested list stays in its item, indented. */
  private list(ordered: boolean, close: number): string {
    const items: string[] = [];
    this.skipSpaces();
    while (this.position < close) {
      if (!this.source.startsWith('\\item', this.position)) {
        this.report('text before the first \\item of a list', '\\item');
        this.text(() => this.position >= close || this.source.startsWith('\\item', this.position));
        continue;
      }
      this.position += '\\item'.length;
      const label = this.optionalArgument();
      const body = this.text(
        () => this.position >= close || /^\\item(?![A-Za-z])/.test(this.source.slice(this.position)),
      );
      const lines = this.blocks(body).split('\n');
      const first = lines.shift() ?? '';
      const nested = lines.filter((line) => line !== '').map((line) => `  ${line}`);
      const marker = ordered ? `${items.length + 1}.` : '-';
      items.push([`${marker} ${label ? `**${label}** ` : ''}${first}`.trimEnd(), ...nested].join('\n'));
    }
    return `\n\n${items.join('\n')}\n\n`;
  }

  /** A tabular as a pipe table: the first row is the header; rules and the column spec are dropped. */
  private tabular(close: number): string {
    this.rawArgument('tabular'); // the column specification
    const rows: string[][] = [];
    let row: string[] = [];
    const isRule = () =>
      /^\\(hline|cline|toprule|midrule|bottomrule)(?![A-Za-z])/.exec(this.source.slice(this.position));
    for (;;) {
      this.skipSpaces();
      const rule = isRule();
      if (rule) {
        this.position += rule[0].length;
        if (rule[1] === 'cline') this.rawArgument('cline');
        continue;
      }
      if (this.position >= close) break;
      const cell = this.text(
        () =>
          this.position >= close ||
          this.source[this.position] === '&' ||
          this.source.startsWith('\\\\', this.position),
      );
      row.push(this.oneLine(this.blocks(cell)).replace(/\|/g, '\\|'));
      if (this.source[this.position] === '&') this.position++;
      else {
        if (this.source.startsWith('\\\\', this.position)) this.position += 2;
        if (row.some((value) => value !== '')) rows.push(row);
        row = [];
      }
    }
    if (rows.length === 0) return '';
    const width = Math.max(...rows.map((cells) => cells.length));
    const line = (cells: string[]) =>
      `| ${Array.from({ length: width }, (_, index) => cells[index] ?? '').join(' | ')} |`;
    const [header, ...body] = rows;
    return `\n\n${[line(header!), line(Array<string>(width).fill('---')), ...body.map(line)].join('\n')}\n\n`;
  }

  private dollarMath(): string {
    const at = this.position;
    const display = this.source.startsWith('$$', this.position);
    this.position += display ? 2 : 1;
    return this.delimitedMath(display ? '$$' : '$', display, at);
  }

  /** Math is KaTeX's business: passed on as written, on one line when inline. */
  private delimitedMath(closer: string, display: boolean, at: number): string {
    let end = this.position;
    for (; end < this.source.length; end++) {
      if (this.source[end] === '\\' && !this.source.startsWith(closer, end)) end++;
      else if (this.source.startsWith(closer, end)) break;
    }
    if (end >= this.source.length) {
      this.report(
        `math opened with ${display ? 'display' : 'inline'} delimiter is never closed`,
        undefined,
        at,
      );
      this.position = this.source.length;
      return '';
    }
    const tex = this.source.slice(this.position, end).trim();
    this.position = end + closer.length;
    if (display) return `\n\n$$${tex}$$\n\n`;
    return `$${tex.replace(/\s*\n\s*/g, ' ')}$`;
  }

  private oneLine(text: string): string {
    return text.replace(/\s+/g, ' ').trim();
  }

  private report(message: string, key?: string, at = this.position) {
    const line = this.source.slice(0, at).split('\n').length;
    this.problems.push({ file: this.file, ...(key && { key }), message: `${message} (line ${line})` });
  }
}
