import { ChangeSet, Text } from '@codemirror/state';
import type { CodeOperation, CodeSnapshot } from '@corazy/contracts';

/** What a follower of the shared code is told: the next operation, or a new starting point. */
export type CodeUpdate =
  { kind: 'op'; op: CodeOperation; changes: ChangeSet } | { kind: 'reset'; doc: Text; version: number };

/**
 * A room's shared code as the relay confirmed it: the last snapshot (`room.snapshot`, or the
 * `phase.changed` that starts a game) and every `code.op` after it, fed straight from the socket.
 *
 * It lives beside the socket listener, not in the editor, because the editor is not always there to
 * listen: its chunk loads lazily and React mounts it after a render, so operations that arrive in
 * between used to be lost, and the next one hit a document of the wrong length. An editor instead
 * starts from `doc` at `version` as they are when it mounts and follows from there.
 */
export class SharedCode {
  doc: Text = Text.empty;
  version = 0;
  private readonly followers = new Set<(update: CodeUpdate) => void>();

  /** A snapshot from the server: becomes the document unless it is the one held already. */
  reset(snapshot: CodeSnapshot): void {
    if (snapshot.version === this.version && snapshot.doc === this.doc.toString()) return;
    // Split as the relay does (services/relay/src/domain/code.ts), so lengths agree to the character.
    this.doc = Text.of(snapshot.doc.split('\n'));
    this.version = snapshot.version;
    this.notify({ kind: 'reset', doc: this.doc, version: this.version });
  }

  /**
   * The next `code.op` in seq order: `seen` when the last snapshot already had it, `gap` when
   * operations are missing (a fresh snapshot is needed; nothing changes until it comes).
   */
  apply(op: CodeOperation): 'applied' | 'seen' | 'gap' {
    if (op.version <= this.version) return 'seen';
    if (op.version > this.version + 1) return 'gap';
    const changes = ChangeSet.fromJSON(op.changes);
    this.doc = changes.apply(this.doc);
    this.version = op.version;
    this.notify({ kind: 'op', op, changes });
    return 'applied';
  }

  /** Calls `follower` with every update after the current `doc` and `version`; returns the unsubscription. */
  follow(follower: (update: CodeUpdate) => void): () => void {
    this.followers.add(follower);
    return () => this.followers.delete(follower);
  }

  private notify(update: CodeUpdate) {
    for (const follower of this.followers) follower(update);
  }
}
