import { DockerSandbox, type DockerSandboxOptions } from './docker-sandbox.js';
import { SandboxUnavailableError } from './errors.js';
import { NamespaceSandbox, type NamespaceSandboxOptions } from './namespace-sandbox.js';
import type { Sandbox } from './types.js';

export type SandboxKind = 'namespace' | 'docker' | 'auto';

/**
 * Returns a sandbox that probed available, or throws SandboxUnavailableError with what to install: the worker
 * never falls back to running untrusted code without one. 'auto' prefers the namespace backend (milliseconds per
 * run) and uses Docker only where the helper cannot set up namespaces or cgroups (not root, no CAP_SYS_ADMIN).
 */
export async function createSandbox(
  kind: SandboxKind,
  options: { namespace?: NamespaceSandboxOptions; docker?: DockerSandboxOptions } = {},
): Promise<Sandbox> {
  const candidates: Sandbox[] =
    kind === 'namespace'
      ? [new NamespaceSandbox(options.namespace)]
      : kind === 'docker'
        ? [new DockerSandbox(options.docker)]
        : [new NamespaceSandbox(options.namespace), new DockerSandbox(options.docker)];
  let lastProbe = null;
  for (const candidate of candidates) {
    const probe = await candidate.probe();
    if (probe.available) return candidate;
    lastProbe = probe;
    await candidate.close();
  }
  throw new SandboxUnavailableError(
    lastProbe ?? {
      backend: 'namespace',
      available: false,
      problems: ['no backend'],
      remedies: [],
      details: {},
    },
  );
}
