import { spawn } from 'node:child_process';
import {
  accessSync,
  copyFileSync,
  constants as fsConstants,
  mkdtempSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { PYTHON_PATH } from '../languages.js';
import { ensureHelper } from '../native-helper.js';
import { GUEST_CGROUP_ROOT, GUEST_RESULT_MARKER, GUEST_WORKER_CGROUP } from './cgroup-v2-protocol.js';

/**
 * Boots a User-Mode Linux guest (a Linux kernel that runs as an ordinary process, no /dev/kvm needed) whose only
 * cgroup hierarchy is cgroup v2 with the memory and pids controllers, and runs cgroup-v2-guest.ts in it. The guest's
 * root is this host's file system through hostfs, read-only, so it runs this checkout's node, python and native
 * helper; its /tmp and /run are its own tmpfs, so nothing it does reaches the host's sandboxes. A 64 MiB swap device
 * (a sparse file behind the guest's ubd block driver) makes "no swap" a claim that can fail. See
 * docs/sandbox-cgroup-v2.md.
 */

export interface UmlKernel {
  label: string;
  path: string;
  /** How to get it, for the failure message when it is missing. */
  install: string;
  /** Linux 5.19+: memory.peak; before it the sandbox samples memory.current. */
  hasMemoryPeak: boolean;
  /** Linux 5.14+: cgroup.kill; before it the sandbox kills the listed processes. */
  hasCgroupKill: boolean;
}

/** Debian bullseye's UML kernel; not installable next to bookworm's package, so unpacked into its own directory. */
const LEGACY_UML_DEB = 'user-mode-linux_5.10um3+b1_amd64.deb';
const LEGACY_UML_DIR = '/opt/user-mode-linux-5.10';

export const UML_KERNELS: readonly UmlKernel[] = [
  {
    label: 'Linux 6.1 (Debian bookworm user-mode-linux)',
    path: '/usr/bin/linux.uml',
    install: 'install the Debian package user-mode-linux (apt-get install -y user-mode-linux)',
    hasMemoryPeak: true,
    hasCgroupKill: true,
  },
  {
    label: 'Linux 5.10 (Debian bullseye user-mode-linux: no memory.peak, no cgroup.kill)',
    path: `${LEGACY_UML_DIR}/usr/bin/linux.uml`,
    install:
      `unpack Debian bullseye's user-mode-linux there: curl -fsSLO ` +
      `http://deb.debian.org/debian/pool/main/u/user-mode-linux/${LEGACY_UML_DEB} && echo ` +
      `'2cf4c2b2b36272b0b42c973d1239b4e73ad24c53d1a041a227f28bbee9b7082b  ${LEGACY_UML_DEB}' | sha256sum -c && ` +
      `dpkg-deb -x ${LEGACY_UML_DEB} ${LEGACY_UML_DIR}`,
    hasMemoryPeak: false,
    hasCgroupKill: false,
  },
];

/** Where the host's temporary directory appears inside the guest (bound there before /tmp gets its own tmpfs). */
const GUEST_SHARE = '/run/corazy-guest';
const HELPER_NAME = 'corazy-sandbox-helper';

export interface GuestReport {
  /** The guest's findings by name (see cgroup-v2-guest.ts), in the order it reported them. */
  findings: Map<string, unknown>;
  /** Everything the guest's console printed: kernel messages, stderr, the findings; for failure messages. */
  console: string;
  bootMs: number;
}

function requireUml(kernel: UmlKernel): void {
  try {
    accessSync(kernel.path, fsConstants.X_OK);
  } catch {
    throw new Error(
      `${kernel.path} is missing: the cgroup v2 test boots ${kernel.label} as a User-Mode Linux guest; ${kernel.install}`,
    );
  }
}

/** The guest's init: mounts what a cgroup-v2-only machine has, then starts the worker in a non-root cgroup. */
function initScript(share: string): string {
  return `#!/bin/sh
export PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
set -e
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs -o mode=0755 run /run
mkdir ${GUEST_SHARE}
mount --bind ${share} ${GUEST_SHARE}
mount -t tmpfs -o mode=1777 tmp /tmp
mount -t cgroup2 cgroup2 ${GUEST_CGROUP_ROOT}
mkswap /dev/ubda >/dev/null 2>&1
swapon /dev/ubda
echo '+memory +pids' > ${GUEST_CGROUP_ROOT}/cgroup.subtree_control
mkdir ${GUEST_WORKER_CGROUP}
echo $$ > ${GUEST_WORKER_CGROUP}/cgroup.procs
set +e
${process.execPath} ${GUEST_SHARE}/guest.mjs ${GUEST_SHARE}/${HELPER_NAME} ${PYTHON_PATH}
echo "guest worker exited with $?"
poweroff -f
`;
}

/** The guest script with the sandbox's sources in one file: node alone starts in ~3 s under UML, tsx in ~20 s. */
async function bundleGuest(outfile: string): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL('./cgroup-v2-guest.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    outfile,
    logLevel: 'error',
  });
}

function parseFindings(output: string): Map<string, unknown> {
  const findings = new Map<string, unknown>();
  for (const line of output.split(/\r?\n/)) {
    const at = line.indexOf(GUEST_RESULT_MARKER);
    if (at < 0) continue;
    try {
      const { name, data } = JSON.parse(line.slice(at + GUEST_RESULT_MARKER.length)) as {
        name: string;
        data: unknown;
      };
      findings.set(name, data);
    } catch {
      // A kernel message written into the middle of the line; the finding then counts as missing.
    }
  }
  return findings;
}

export interface GuestOptions {
  /** The guest is killed after this long. */
  timeoutMs: number;
  kernel: UmlKernel;
  /** The native helper the guest's sandbox runs (default: the package's, built when missing or stale). */
  helperPath?: string;
}

/** Boots the guest, waits for it to power off (or kills it after timeoutMs) and returns what it reported. */
export async function runCgroupV2Guest({
  timeoutMs,
  kernel,
  helperPath,
}: GuestOptions): Promise<GuestReport> {
  requireUml(kernel);
  const helper = await ensureHelper(helperPath);
  if (helper.problem) throw new Error(`the native helper is unavailable: ${helper.problem}`);
  const share = mkdtempSync(join(tmpdir(), 'corazy-cgroup-v2-'));
  try {
    await bundleGuest(join(share, 'guest.mjs'));
    // A copy in the share: the guest's /tmp is not the host's, and a rebuild on the host must not change it mid-run.
    copyFileSync(helper.path, join(share, HELPER_NAME));
    writeFileSync(join(share, 'init.sh'), initScript(share), { mode: 0o755 });
    writeFileSync(join(share, 'swap.img'), '');
    truncateSync(join(share, 'swap.img'), 64 * 1024 * 1024);
    const started = performance.now();
    const uml = spawn(
      kernel.path,
      [
        'mem=512M',
        'rootfstype=hostfs',
        'rootflags=/',
        'ro',
        // Warnings (the OOM killer's reports) would interleave with the findings on the one console.
        'loglevel=4',
        `init=${join(share, 'init.sh')}`,
        `ubd0=${join(share, 'swap.img')}`,
        // UML's pid file and management socket go to the share, so a killed guest leaves nothing behind.
        `uml_dir=${share}`,
        `umid=guest`,
        'con=null',
        'con0=fd:0,fd:1',
      ],
      // Its own process group: UML runs every guest process as a host process, and all of them must die with it.
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let output = '';
    uml.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    uml.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const killGuest = () => {
      try {
        if (uml.pid !== undefined) process.kill(-uml.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(killGuest, timeoutMs);
    try {
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
        uml.once('error', reject);
        uml.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
      });
      if (signal === 'SIGKILL' && performance.now() - started >= timeoutMs) {
        throw new Error(`the cgroup v2 guest did not finish within ${timeoutMs} ms; its console:\n${output}`);
      }
      if (code !== 0 && !output.includes('guest worker exited'))
        throw new Error(`the cgroup v2 guest failed (exit ${code ?? signal}); its console:\n${output}`);
    } finally {
      clearTimeout(timer);
      killGuest();
    }
    return { findings: parseFindings(output), console: output, bootMs: performance.now() - started };
  } finally {
    rmSync(share, { recursive: true, force: true });
  }
}
