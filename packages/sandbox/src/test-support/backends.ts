import { readdirSync, readFileSync } from 'node:fs';
import { NAMESPACE_ENGINES, type NamespaceEngineName } from '../namespace-engines.js';
import { NamespaceSandbox } from '../namespace-sandbox.js';
import type { Sandbox } from '../types.js';

/**
 * The first of this test process's own uids (slot k runs as NAMESPACE_TEST_UID + k; 64 per process, so up to 64
 * slots): other suites (the compile worker's, the browser tests) run sandboxes as the default uids from 60000 on
 * the same host at the same time, and their programs are not this suite's leftovers.
 */
const NAMESPACE_TEST_UID = 61000 + (process.pid % 60) * 64;

/** Host processes running as a uid in [first, first + count): after a run, the sandbox's uids must own none. */
function hostProcessesOwnedBy(first: number, count: number): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const realUid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
      if (Number(realUid) >= first && Number(realUid) < first + count)
        found.push(`${entry} ${/^Name:\s+(.*)$/m.exec(status)?.[1] ?? ''}`);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

export interface TestBackend {
  name: 'namespace' | 'namespace/bubblewrap' | 'docker';
  /** Resolves to a ready sandbox, or to the reason this backend cannot be tested here. */
  open(): Promise<{ sandbox: Sandbox } | { skip: string }>;
  /** Whether RunResult.limitHit can say 'processes' (the namespace backend reads pids.events; Docker cannot). */
  reportsProcessLimit: boolean;
  /** Whatever of a finished run is still alive on the host; must be empty between runs. */
  leftovers(): Promise<string[]>;
}

function namespaceEngineBackend(engine: NamespaceEngineName): TestBackend {
  let slots = 64;
  return {
    name: engine === 'native' ? 'namespace' : `namespace/${engine}`,
    reportsProcessLimit: true,
    async open() {
      const sandbox = new NamespaceSandbox({ sandboxUid: NAMESPACE_TEST_UID, engine });
      slots = sandbox.concurrency;
      const probe = await sandbox.probe();
      // The namespace backend is the default: a machine that cannot run it is a failed test, not a skip.
      if (!probe.available)
        throw new Error(`namespace sandbox (${engine}) unavailable: ${probe.problems.join('; ')}`);
      return { sandbox };
    },
    async leftovers() {
      return hostProcessesOwnedBy(NAMESPACE_TEST_UID, slots);
    },
  };
}

/** Every engine of the namespace backend: each suite that runs for 'namespace' runs for all of them. */
export const namespaceBackends: TestBackend[] = NAMESPACE_ENGINES.map(namespaceEngineBackend);
