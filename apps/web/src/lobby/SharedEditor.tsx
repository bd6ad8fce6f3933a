import { useEffect, useRef } from 'react';
import { ChangeSet, Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { collab, getSyncedVersion, receiveUpdates, sendableUpdates } from '@codemirror/collab';
import type { CodeOperation, Language } from '@corazy/contracts';
import { ApiError } from '../api/client.js';
import { baseExtensions } from '../editor/CodeEditor.js';
import { languageSupport } from '../editor/languages.js';

export interface SharedEditorProps {
  language: Language;
  doc: string;
  version: number;
  userId: string;
  canEdit: boolean;
  label: string;
  /** Registers for the room's `code.op` events (in seq order); returns the unregistration. */
  onOperations: (listener: (op: CodeOperation) => void) => () => void;
  push: (version: number, changes: unknown, cursor: { anchor: number; head: number }) => Promise<unknown>;
  onPing?: (pos: number) => void;
}

/**
 * The relay's one editor in the @codemirror/collab model: local changes go out one operation at a
 * time with the version they are based on; every operation, own ones included, comes back as
 * `code.op` and is applied (own ones confirm, others rebase what is still unconfirmed).
 */
export default function SharedEditor(props: SharedEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    let inFlight = false;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      const editor = view.current;
      if (!editor || inFlight || !latest.current.canEdit) return;
      const updates = sendableUpdates(editor.state);
      const first = updates[0];
      if (!first) return;
      inFlight = true;
      const selection = editor.state.selection.main;
      latest.current
        .push(getSyncedVersion(editor.state), first.changes.toJSON(), { anchor: selection.anchor, head: selection.head })
        .catch((error: unknown) => {
          // Refused (stale base, turn over…): the missing operations are on their way; try again after them.
          inFlight = false;
          if (error instanceof ApiError && error.code === 'NOT_YOUR_TURN') return;
          retry = setTimeout(flush, 200);
        });
    };
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: props.doc,
        extensions: [
          baseExtensions(props.label),
          languageSupport(props.language),
          collab({ startVersion: props.version, clientID: props.userId }),
          editable.current.of([EditorState.readOnly.of(!props.canEdit), EditorView.editable.of(props.canEdit)]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) setTimeout(flush, 0);
          }),
          EditorView.domEventHandlers({
            mousedown: (event, target) => {
              if (!event.altKey || !latest.current.onPing) return false;
              const pos = target.posAtCoords({ x: event.clientX, y: event.clientY });
              if (pos !== null) latest.current.onPing(pos);
              event.preventDefault();
              return true;
            },
          }),
        ],
      }),
    });
    view.current = editor;
    const off = props.onOperations((op) => {
      const current = view.current;
      if (!current || op.version <= getSyncedVersion(current.state)) return;
      const changes = ChangeSet.fromJSON(op.changes);
      current.dispatch(receiveUpdates(current.state, [{ changes, clientID: op.userId }]));
      if (op.userId === latest.current.userId) inFlight = false;
      flush();
    });
    return () => {
      off();
      if (retry) clearTimeout(retry);
      editor.destroy();
      view.current = null;
    };
    // A new document (a new game) remounts the editor through its key; props are read through `latest`.
  }, []);

  useEffect(() => {
    view.current?.dispatch({
      effects: editable.current.reconfigure([EditorState.readOnly.of(!props.canEdit), EditorView.editable.of(props.canEdit)]),
    });
    if (props.canEdit) view.current?.focus();
  }, [props.canEdit]);

  return <div className="code-editor" ref={host} data-testid="shared-editor" />;
}
