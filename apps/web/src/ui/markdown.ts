/**
 * The Markdown of problem statements, parsed into blocks and inline runs (rendered by React, never as
 * HTML): paragraphs, headings, lists, fenced code, `code`, **bold**, *italic* and `$…$` math.
 */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'math'; tex: string; display: boolean }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] };

export type Block =
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'heading'; level: number; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'code'; text: string }
  | { kind: 'math'; tex: string };

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ kind: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    let match: RegExpMatchArray | null;
    if (rest.startsWith('\\$')) {
      plain += '$';
      i += 2;
    } else if ((match = /^\$\$([^$]+)\$\$/.exec(rest))) {
      flush();
      out.push({ kind: 'math', tex: match[1]!, display: true });
      i += match[0].length;
    } else if ((match = /^\$((?:\\.|[^$\\])+)\$/.exec(rest))) {
      flush();
      out.push({ kind: 'math', tex: match[1]!, display: false });
      i += match[0].length;
    } else if ((match = /^`([^`]+)`/.exec(rest))) {
      flush();
      out.push({ kind: 'code', text: match[1]! });
      i += match[0].length;
    } else if ((match = /^\*\*(.+?)\*\*/.exec(rest))) {
      flush();
      out.push({ kind: 'strong', children: parseInline(match[1]!) });
      i += match[0].length;
    } else if ((match = /^\*([^*\s][^*]*)\*/.exec(rest))) {
      flush();
      out.push({ kind: 'em', children: parseInline(match[1]!) });
      i += match[0].length;
    } else {
      plain += text[i];
      i++;
    }
  }
  flush();
  return out;
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (line.startsWith('```')) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.startsWith('```')) body.push(lines[i++]!);
      i++;
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    if (line.trim().startsWith('$$')) {
      const body: string[] = [line.trim().slice(2)];
      let closed = body[0]!.endsWith('$$') && body[0]!.length >= 2;
      if (closed) body[0] = body[0]!.slice(0, -2);
      i++;
      while (!closed && i < lines.length) {
        const next = lines[i++]!;
        if (next.trim().endsWith('$$')) {
          body.push(next.trim().slice(0, -2));
          closed = true;
        } else body.push(next);
      }
      blocks.push({ kind: 'math', tex: body.join('\n').trim() });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length, inlines: parseInline(heading[2]!) });
      i++;
      continue;
    }
    const bullet = /^\s*([-*]|\d+[.)])\s+/;
    if (bullet.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: Inline[][] = [];
      while (i < lines.length && bullet.test(lines[i]!)) {
        items.push(parseInline(lines[i]!.replace(bullet, '')));
        i++;
      }
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() !== '' &&
      !lines[i]!.startsWith('```') &&
      !/^#{1,6}\s/.test(lines[i]!) &&
      !bullet.test(lines[i]!)
    ) {
      para.push(lines[i++]!);
    }
    blocks.push({ kind: 'paragraph', inlines: parseInline(para.join('\n')) });
  }
  return blocks;
}
