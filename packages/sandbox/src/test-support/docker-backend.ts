import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { DockerSandbox, OWNER_LABEL } from '../docker-sandbox.js';
import type { TestBackend } from './backends.js';

const execFileAsync = promisify(execFile);
const BUILD_SCRIPT = fileURLToPath(new URL('../../docker/build-test-images.sh', import.meta.url));

/**
 * The Docker backend against a real engine. Skips only when no engine answers (CI provides one); missing images
 * are built from the host toolchains, since nothing can be pulled here.
 */
let opened: DockerSandbox | undefined;

export const dockerBackend: TestBackend = {
  name: 'docker',
  reportsProcessLimit: false,
  async open() {
    const sandbox = new DockerSandbox();
    let probe = await sandbox.probe();
    if (
      !probe.available &&
      probe.problems.some((problem) => problem.startsWith('no Docker engine answers'))
    ) {
      return {
        skip: `no Docker engine answers (start dockerd or set DOCKER_HOST): ${probe.problems.join('; ')}`,
      };
    }
    if (!probe.available) {
      await execFileAsync(BUILD_SCRIPT, [], { maxBuffer: 16 * 1024 * 1024 });
      await sandbox.close();
      const rebuilt = new DockerSandbox();
      probe = await rebuilt.probe();
      if (!probe.available)
        throw new Error(`docker sandbox unavailable after building images: ${probe.problems.join('; ')}`);
      opened = rebuilt;
      return { sandbox: rebuilt };
    }
    opened = sandbox;
    return { sandbox };
  },
  async leftovers() {
    // Run and file-writer containers must be gone after each call; workspace holders live until destroyWorkspace.
    // Only this test's sandbox counts: other processes may be using the same engine.
    const containers = await new Docker().listContainers({
      all: true,
      filters: { label: [`${OWNER_LABEL}=${opened?.instanceId ?? 'none'}`] },
    });
    return containers
      .filter((container) => container.Labels['dev.corazy.sandbox'] !== 'workspace-holder')
      .map((container) => `${container.Id.slice(0, 12)} ${container.State}`);
  },
};
