import { ChangeSet, Text } from '@codemirror/state';
import type { CodeOperation, GameRecord, TurnView } from '@corazy/contracts';

/** A document is kept every this many operations, so a seek replays at most this many. */
const CHECKPOINT_EVERY = 200;

/**
 * A finished game's code over time, from its record: the first document and every operation with
 * its server time. Positions are ms since the game started; `version` n is the document after the
 * first n operations. Seeking rebuilds from the nearest checkpoint before the target, never from the
 * start, so scrubbing a long game stays instant.
 */
export class ReplayTimeline {
  readonly duration: number;
  readonly operations: readonly CodeOperation[];
  readonly turns: readonly TurnView[];
  private readonly startedAt: number;
  private readonly changes: ChangeSet[];
  private readonly checkpoints: Text[];

  constructor(record: Pick<GameRecord, 'initialCode' | 'operations' | 'turns' | 'startedAt' | 'endedAt'>) {
    this.startedAt = record.startedAt;
    this.operations = record.operations;
    this.turns = record.turns;
    this.changes = record.operations.map((op) => ChangeSet.fromJSON(op.changes));
    this.duration = Math.max(record.endedAt, record.operations.at(-1)?.at ?? 0) - record.startedAt;
    let doc = Text.of(record.initialCode.split('\n'));
    this.checkpoints = [doc];
    this.changes.forEach((change, index) => {
      doc = change.apply(doc);
      if ((index + 1) % CHECKPOINT_EVERY === 0) this.checkpoints.push(doc);
    });
  }

  get versions(): number {
    return this.operations.length;
  }

  /** ms since the start at which operation `version` was applied (0 for the first document). */
  timeOf(version: number): number {
    return version === 0 ? 0 : this.operations[version - 1]!.at - this.startedAt;
  }

  /** How many operations had been applied at `position` (binary search over their times). */
  versionAt(position: number): number {
    let low = 0;
    let high = this.operations.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.operations[middle]!.at - this.startedAt <= position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  docAt(version: number): Text {
    const index = Math.min(Math.floor(version / CHECKPOINT_EVERY), this.checkpoints.length - 1);
    let doc = this.checkpoints[index]!;
    for (let v = index * CHECKPOINT_EVERY; v < version; v++) doc = this.changes[v]!.apply(doc);
    return doc;
  }

  /** The change sets that take `from` to `to` (from < to), for stepping forward without a rebuild. */
  changesBetween(from: number, to: number): ChangeSet[] {
    return this.changes.slice(from, to);
  }

  /** The turn being played at `position`, if any. */
  turnAt(position: number): TurnView | null {
    const at = this.startedAt + position;
    let current: TurnView | null = null;
    for (const turn of this.turns) if (turn.startedAt <= at) current = turn;
    return current;
  }
}
