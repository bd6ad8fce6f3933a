import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';

/**
 * Other people inside the code: the active player's cursor, and the spots spectators pinged. The
 * owner of the editor dispatches `setPresence` with the current marks; the field keeps them on their
 * characters while the document changes, until the next `setPresence`.
 */
export interface PresenceMark {
  kind: 'cursor' | 'ping';
  pos: number;
  /** Who: shown beside the mark and read by screen readers. */
  label: string;
  key: string | number;
}

export const setPresence = StateEffect.define<readonly PresenceMark[]>();

class MarkWidget extends WidgetType {
  constructor(readonly mark: PresenceMark) {
    super();
  }
  override eq(other: MarkWidget) {
    return (
      other.mark.kind === this.mark.kind &&
      other.mark.label === this.mark.label &&
      other.mark.key === this.mark.key
    );
  }
  toDOM() {
    const wrap = document.createElement('span');
    wrap.className = `cm-presence cm-presence-${this.mark.kind}`;
    wrap.setAttribute('role', 'img');
    wrap.setAttribute('aria-label', this.mark.label);
    wrap.dataset.testid = `presence-${this.mark.kind}`;
    const tag = document.createElement('span');
    tag.className = 'cm-presence-tag';
    // Drawn by CSS from an attribute, so the label is never part of the code's text (copying, tests).
    tag.dataset.label = this.mark.kind === 'ping' ? `📍 ${this.mark.label}` : this.mark.label;
    tag.setAttribute('aria-hidden', 'true');
    wrap.append(tag);
    return wrap;
  }
  override ignoreEvent() {
    return true;
  }
}

const decorate = (marks: readonly PresenceMark[], length: number): DecorationSet =>
  Decoration.set(
    marks.map((mark) =>
      Decoration.widget({ widget: new MarkWidget(mark), side: 1 }).range(
        Math.min(Math.max(0, mark.pos), length),
      ),
    ),
    true,
  );

const presenceField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, transaction) {
    let next = decorations.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (effect.is(setPresence)) next = decorate(effect.value, transaction.state.doc.length);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const presenceTheme = EditorView.baseTheme({
  '.cm-presence': { position: 'relative' },
  '.cm-presence-cursor': { borderLeft: '2px solid #d9480f', marginLeft: '-1px', marginRight: '-1px' },
  '.cm-presence-tag': {
    // Right of the mark on its own line: a typist is usually at the end of a line, so the tag
    // rarely hides code, and the first line needs no room above it.
    position: 'absolute',
    top: '0',
    left: '4px',
    padding: '0 4px',
    borderRadius: '4px',
    fontSize: '0.75em',
    lineHeight: '1.4',
    whiteSpace: 'nowrap',
    pointerEvents: 'none',
    zIndex: '5',
    fontFamily: 'system-ui, sans-serif',
  },
  '.cm-presence-tag::after': { content: 'attr(data-label)' },
  // Contrast: white on #b8390b is 5.6:1, black on #ffd43b is 14:1.
  '.cm-presence-cursor .cm-presence-tag': { background: '#b8390b', color: '#ffffff' },
  '.cm-presence-ping .cm-presence-tag': { background: '#ffd43b', color: '#111111' },
  '.cm-presence-ping': { borderLeft: '2px dashed #e67700' },
});

export const presence = (): Extension => [presenceField, presenceTheme];
