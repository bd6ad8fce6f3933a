import { ChangeSet, Text } from '@codemirror/state';
import { MAX_CODE_CHARS, type ChangeSetJson, type CodeOperation } from '@corazy/contracts';
import { refuse } from './errors.js';

/** The shared editor's document, in CodeMirror's model, so the server and the clients agree to the character. */
export const textOf = (doc: string): Text => Text.of(doc.split('\n'));

/**
 * Parses an operation without its document: the structure and the size it leaves. The store checks
 * the length it was made for against the document's, atomically with the append.
 */
export function parseOperation(changes: ChangeSetJson): ChangeSet {
  let changeSet: ChangeSet;
  try {
    changeSet = ChangeSet.fromJSON(changes);
  } catch (error) {
    throw refuse('VALIDATION_FAILED', `not a change set: ${(error as Error).message}`);
  }
  if (changeSet.newLength > MAX_CODE_CHARS) {
    throw refuse('PAYLOAD_TOO_LARGE', `the code may hold at most ${MAX_CODE_CHARS} characters`);
  }
  return changeSet;
}

/** The document after `operations`, applied in order from `initial`. */
export function replay(initial: string | Text, operations: readonly Pick<CodeOperation, 'changes'>[]): Text {
  let doc = typeof initial === 'string' ? textOf(initial) : initial;
  for (const op of operations) doc = ChangeSet.fromJSON(op.changes).apply(doc);
  return doc;
}
