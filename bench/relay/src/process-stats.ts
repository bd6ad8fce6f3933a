import { readFile } from 'node:fs/promises';

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
