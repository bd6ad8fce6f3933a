import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * One instance per embedded data folder. Two processes on one PGlite folder each believe they own
 * it: the second migrated and seeded under the first, and what the first wrote was lost at its next
 * crash. A lock file next to the folder (`<folder>.lock`, created exclusively) names the holder's
 * PID and address; one whose process is gone is stale and taken over.
 */
export class DataFolderInUseError extends Error {
  constructor(
    readonly folder: string,
    readonly holder: LockHolder,
  ) {
    super(
      `${folder} is in use by another Corazy Arcade (pid ${holder.pid}${holder.address ? `, ${holder.address}` : ''}): ` +
        'stop it first, or give this one its own folder with CORAZY_DATA_DIR',
    );
    this.name = 'DataFolderInUseError';
  }
}

export interface LockHolder {
  pid: number;
  /** Where the holder serves, once it knows (`http://127.0.0.1:8080`), or what it is doing. */
  address?: string;
}

export interface DataFolderLock {
  /** Records where the holder serves, for the message a second instance prints. */
  describe(address: string): void;
  release(): void;
}

export const lockFileOf = (folder: string) => `${folder}.lock`;

/** Takes the folder's lock, or throws DataFolderInUseError naming the live process that has it. */
export function lockDataFolder(folder: string, purpose?: string): DataFolderLock {
  const file = lockFileOf(folder);
  mkdirSync(dirname(file), { recursive: true });
  // Written whole to a file of its own, then linked into place (which fails if the lock exists): a
  // reader never sees a half-written lock.
  const write = (holder: LockHolder, into: string) => writeFileSync(into, `${JSON.stringify(holder)}\n`);
  const draft = `${file}.${process.pid}`;
  write({ pid: process.pid, ...(purpose && { address: purpose }) }, draft);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(draft, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
        const holder = lockHolder(folder);
        if (holder && isAlive(holder.pid)) throw new DataFolderInUseError(folder, holder);
        rmSync(file, { force: true }); // stale: its process is gone
      }
    }
  } finally {
    rmSync(draft, { force: true });
  }
  let held = true;
  return {
    describe(address) {
      if (!held) return;
      write({ pid: process.pid, address }, draft);
      renameSync(draft, file);
    },
    release() {
      if (!held) return;
      held = false;
      if (lockHolder(folder)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}

/** Who holds the folder's lock, if anyone wrote one (a process that died may still be named). */
export function lockHolder(folder: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(lockFileOf(folder), 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) ? holder : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
