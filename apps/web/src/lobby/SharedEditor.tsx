import { useEffect, useRef } from 'react';
import { Compartment, EditorState, type Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { collab, getSyncedVersion, receiveUpdates, sendableUpdates } from '@codemirror/collab';
import type { Language } from '@corazy/contracts';
import { ApiError } from '../api/client.js';
import { baseExtensions } from '../editor/CodeEditor.js';
import { languageSupport } from '../editor/languages.js';
import { presence, setPresence, type PresenceMark } from '../editor/presence.js';
import type { SharedCode } from './shared-code.js';

export interface SharedEditorProps {
  language: Language;
  /** The room's confirmed code: the editor starts from it as it is at mount, then follows it. */
  code: SharedCode;
  userId: string;
  canEdit: boolean;
  label: string;
  push: (version: number, changes: unknown, cursor: { anchor: number; head: number }) => Promise<unknown>;
  onPing?: (pos: number) => void;
  /** The others drawn in the code: the active player's cursor, pings (src/editor/presence.ts). */
  presence?: readonly PresenceMark[];
}

const editability = (canEdit: boolean) => [
  EditorState.readOnly.of(!canEdit),
  EditorView.editable.of(canEdit),
];

/**
 * The relay's one editor in the @codemirror/collab model: local changes go out one operation at a
 * time with the version they are based on; every operation, own ones included, comes back as
 * `code.op` through the room's SharedCode and is applied (own ones confirm, others rebase what is
 * still unconfirmed).
 */
export default function SharedEditor(props: SharedEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const editable = useRef(new Compartment());
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const { code } = latest.current;
    let inFlight = false;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const stateAt = (doc: Text, version: number) =>
      EditorState.create({
        doc,
        extensions: [
          baseExtensions(latest.current.label),
          languageSupport(latest.current.language),
          collab({ startVersion: version, clientID: latest.current.userId }),
          presence(),
          editable.current.of(editability(latest.current.canEdit)),
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
      });
    /** Starts over from the confirmed code; the presence marks, kept in the state, go along. */
    const restart = (editor: EditorView, doc: Text, version: number) => {
      editor.setState(stateAt(doc, version));
      editor.dispatch({ effects: setPresence.of(latest.current.presence ?? []) });
    };
    const flush = () => {
      const editor = view.current;
      if (!editor || inFlight) return;
      const first = sendableUpdates(editor.state)[0];
      if (!first) return;
      if (!latest.current.canEdit) {
        // The turn ended with edits the relay never took: drop them, back to the confirmed code.
        restart(editor, code.doc, code.version);
        return;
      }
      inFlight = true;
      const selection = editor.state.selection.main;
      latest.current
        .push(getSyncedVersion(editor.state), first.changes.toJSON(), {
          anchor: selection.anchor,
          head: selection.head,
        })
        .catch((error: unknown) => {
          // Refused (stale base, turn over…): the missing operations are on their way; try again after them.
          inFlight = false;
          if (error instanceof ApiError && error.code === 'NOT_YOUR_TURN') flush();
          else retry = setTimeout(flush, 200);
        });
    };
    const editor = new EditorView({ parent: host.current!, state: stateAt(code.doc, code.version) });
    view.current = editor;
    // Subscribed in the same task as the state above was read: no operation falls in between.
    const stop = code.follow((update) => {
      if (update.kind === 'reset') {
        inFlight = false;
        restart(editor, update.doc, update.version);
        return;
      }
      editor.dispatch(
        receiveUpdates(editor.state, [{ changes: update.changes, clientID: update.op.userId }]),
      );
      if (update.op.userId === latest.current.userId) inFlight = false;
      flush();
    });
    return () => {
      stop();
      if (retry) clearTimeout(retry);
      editor.destroy();
      view.current = null;
    };
    // Props are read through `latest`; the document comes from `code`, which outlives this editor.
  }, []);

  useEffect(() => {
    view.current?.dispatch({
      effects: editable.current.reconfigure(editability(props.canEdit)),
    });
    if (props.canEdit) view.current?.focus();
  }, [props.canEdit]);

  useEffect(() => {
    view.current?.dispatch({ effects: setPresence.of(props.presence ?? []) });
  }, [props.presence]);

  return <div className="code-editor" ref={host} data-testid="shared-editor" />;
}
