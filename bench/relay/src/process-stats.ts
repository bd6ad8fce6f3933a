import { readdir, readFile } from 'node:fs/promises';

const TICKS_PER_SECOND = 100;

export interface ProcessSample {
  cpuSeconds: number;
  rssMb: number;
}

/** CPU time (user + system) and resident memory of a process, from /proc. */
export async function sampleProcess(pid: number): Promise<ProcessSample> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may hold spaces, start after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuSeconds: ticks / TICKS_PER_SECOND, rssMb: Math.round(rssKb / 1024) };
}

/** CPU use between two samples, as a share of one core (1 = one core busy the whole time). */
export const coresUsed = (before: ProcessSample, after: ProcessSample, seconds: number) =>
  Math.round(((after.cpuSeconds - before.cpuSeconds) / seconds) * 100) / 100;

/** The first process whose command name is `name` (e.g. redis-server on this machine), if any. */
export async function findProcess(name: string): Promise<number | undefined> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === name) return Number(entry);
  }
  return undefined;
}

/** Busy and total jiffies of the whole machine, to tell this run's load from everything else's. */
export async function sampleMachine(): Promise<{ busy: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  const total = values.reduce((sum, v) => sum + v, 0);
  return { busy: total - idle, total };
}
