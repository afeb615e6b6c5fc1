/** CPU time per part of the system, from /proc (Linux): where the cores went during a run. */
import { readdirSync, readFileSync } from 'node:fs';

const ticksPerSecond = 100;

function cpuSeconds(pid: number): { comm: string; ppid: number; seconds: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // utime and stime are fields 14 and 15 (1-based) of the whole line: 12 and 13 after the command.
    return { comm, ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond };
  } catch {
    return undefined;
  }
}

/**
 * Seconds of CPU used so far, grouped: named pids as themselves, the processes under each of `trees` (a root pid and
 * its descendants, e.g. one Postgres cluster) as that group, and the remaining `postgres` and `temporal*` processes
 * by command. Only this process's descendants are counted, so servers of other runs on the machine are not.
 */
export function cpuSnapshot(named: Record<string, number | undefined>, trees: Record<string, number | undefined> = {}): Record<string, number> {
  const byPid = new Map<number, string>();
  for (const [name, pid] of Object.entries(named)) if (pid) byPid.set(pid, name);
  const roots = new Map<number, string>();
  for (const [name, pid] of Object.entries(trees)) if (pid) roots.set(pid, name);
  const stats = new Map<number, { comm: string; ppid: number; seconds: number }>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const s = cpuSeconds(pid);
    if (s) stats.set(pid, s);
  }
  /** The tree group of the nearest listed ancestor, '' for another descendant of this process, undefined for others. */
  const lineage = (pid: number): string | undefined => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = stats.get(p)?.ppid ?? 0, hops++) {
      const root = roots.get(p);
      if (root) return root;
      if (p === process.pid) return '';
    }
    return undefined;
  };
  const totals: Record<string, number> = {};
  for (const [pid, s] of stats) {
    const tree = lineage(pid);
    const group =
      byPid.get(pid) ??
      (tree === undefined ? undefined : tree || (s.comm === 'postgres' ? 'postgres' : s.comm.startsWith('temporal') ? 'temporal' : undefined));
    if (group) totals[group] = (totals[group] ?? 0) + s.seconds;
  }
  return totals;
}

/** The postmaster's pid of the Postgres cluster in `dataDir` (first line of its `postmaster.pid`). */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]) || undefined;
  } catch {
    return undefined;
  }
}

/** Cores used by each group between two snapshots (1.0 = one core busy the whole time). */
export function coresUsed(before: Record<string, number>, after: Record<string, number>, seconds: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) out[k] = Math.round(((v - (before[k] ?? 0)) / seconds) * 100) / 100;
  return out;
}

/** Resident set size of a process in MiB. */
export function rssMiB(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return NaN;
  }
}
