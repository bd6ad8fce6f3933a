import type { GradingEvent } from '@corazy/contracts';
import { applyEvent, mergeRecords } from './job-state.js';
import type { JobRecord } from './ports.js';

type Listener = (event: GradingEvent) => void;

/**
 * This process's view of grading events as they happen, by job: fed by the queue's watch stream
 * (every event reaches every replica), read by the event streams and the long polls open here.
 */
export class LiveResults {
  private readonly listeners = new Map<string, Set<Listener>>();

  deliver(event: GradingEvent): void {
    for (const listener of this.listeners.get(event.jobId) ?? []) listener(event);
  }

  subscribe(jobId: string, listener: Listener): () => void {
    let set = this.listeners.get(jobId);
    if (!set) this.listeners.set(jobId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(jobId);
    };
  }

  get followed(): number {
    return this.listeners.size;
  }
}

export interface FollowOptions {
  jobId: string;
  live: LiveResults;
  load: () => Promise<JobRecord | undefined>;
  /** Re-read the store this often: the safety net for events this process did not see live. */
  refreshMs: number;
  signal: AbortSignal;
  /** With the first record read; throwing here refuses (nothing was sent yet). */
  onStart: (record: JobRecord) => void | Promise<void>;
  /** After every change of what is known, the first read included. */
  onUpdate: (record: JobRecord) => void;
}

/**
 * Follows a job until it is done or `signal` aborts; resolves with the last record, or undefined when
 * the job does not exist. Subscribes to live events *before* reading the store, so an event is
 * either in the store when read or arrives live afterwards: no gap. Events already in the store are
 * applied idempotently, so no duplicate. Periodic re-reads cover what the watch stream can miss (an
 * event published before the subscription but stored after the read, a broker reconnect, a result
 * stored by the stuck-job watchdog of another replica).
 */
export async function followJob(options: FollowOptions): Promise<JobRecord | undefined> {
  const pending: GradingEvent[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = options.live.subscribe(options.jobId, (event) => {
    pending.push(event);
    wake?.();
  });
  const onAbort = () => wake?.();
  options.signal.addEventListener('abort', onAbort);
  try {
    if (options.signal.aborted) return undefined;
    const first = await options.load();
    if (!first) return undefined;
    await options.onStart(first);
    let record = first;
    options.onUpdate(record);
    let nextRefresh = Date.now() + options.refreshMs;
    while (record.status !== 'done' && !options.signal.aborted) {
      if (pending.length === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => done(), Math.max(0, nextRefresh - Date.now()));
          const done = () => {
            clearTimeout(timer);
            wake = undefined;
            resolve();
          };
          wake = done;
        });
      }
      let changed = false;
      for (const event of pending.splice(0)) {
        const next = applyEvent(record, event);
        changed ||= next !== record;
        record = next;
      }
      if (Date.now() >= nextRefresh && record.status !== 'done' && !options.signal.aborted) {
        nextRefresh = Date.now() + options.refreshMs;
        // A failed re-read (the database briefly away) is not the end of the stream: live events
        // still arrive, and the next re-read may work.
        const stored = await options.load().catch(() => undefined);
        if (stored) {
          const next = mergeRecords(record, stored);
          changed ||= next !== record;
          record = next;
        }
      }
      if (changed) options.onUpdate(record);
    }
    return record;
  } finally {
    unsubscribe();
    options.signal.removeEventListener('abort', onAbort);
  }
}
