import type { ProbeResult } from './types.js';

/** Thrown instead of ever running untrusted code without the sandbox's defences. */
export class SandboxUnavailableError extends Error {
  readonly probe: ProbeResult;

  constructor(probe: ProbeResult) {
    super(
      `The ${probe.backend} sandbox cannot run here: ${probe.problems.join('; ')}` +
        (probe.remedies.length > 0 ? `. To fix: ${probe.remedies.join('; ')}` : ''),
    );
    this.name = 'SandboxUnavailableError';
    this.probe = probe;
  }
}

/** The sandbox itself failed (not the user's program): a setup step, a cgroup write, the engine. */
export class SandboxInternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SandboxInternalError';
  }
}

export class InvalidWorkspaceFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidWorkspaceFileError';
  }
}
