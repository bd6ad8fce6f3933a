import { useEffect, useState, type ReactNode } from 'react';
import type katexModule from 'katex';
import { parseMarkdown, type Block, type Inline } from './markdown.js';

type Katex = typeof katexModule;
let katexLoad: Promise<Katex> | null = null;
/** KaTeX and its stylesheet load on the first statement with math, not with the app. */
function loadKatex(): Promise<Katex> {
  katexLoad ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(
    ([module]) => module.default,
  );
  return katexLoad;
}

function Math({ tex, display }: { tex: string; display: boolean }) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadKatex().then(
      (katex) => {
        if (live)
          setHtml(katex.renderToString(tex, { displayMode: display, throwOnError: false, trust: false }));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [tex, display]);
  // KaTeX escapes the TeX it is given and emits only its own markup (trust: false).
  if (html !== null)
    return <span className={display ? 'math-display' : 'math'} dangerouslySetInnerHTML={{ __html: html }} />;
  return <code className="math-pending">{tex}</code>;
}

function inlines(items: Inline[]): ReactNode[] {
  return items.map((item, index) => {
    switch (item.kind) {
      case 'text':
        return item.text;
      case 'code':
        return <code key={index}>{item.text}</code>;
      case 'math':
        return <Math key={index} tex={item.tex} display={item.display} />;
      case 'strong':
        return <strong key={index}>{inlines(item.children)}</strong>;
      case 'em':
        return <em key={index}>{inlines(item.children)}</em>;
    }
  });
}

function block(item: Block, index: number): ReactNode {
  switch (item.kind) {
    case 'paragraph':
      return <p key={index}>{inlines(item.inlines)}</p>;
    case 'heading':
      return <h4 key={index}>{inlines(item.inlines)}</h4>;
    case 'list': {
      const Tag = item.ordered ? 'ol' : 'ul';
      return (
        <Tag key={index}>
          {item.items.map((entry, n) => (
            <li key={n}>{inlines(entry)}</li>
          ))}
        </Tag>
      );
    }
    case 'code':
      return (
        <pre key={index}>
          <code>{item.text}</code>
        </pre>
      );
    case 'math':
      return (
        <div key={index}>
          <Math tex={item.tex} display />
        </div>
      );
  }
}

export function Markdown({ source }: { source: string }) {
  return <div className="markdown">{parseMarkdown(source).map(block)}</div>;
}
