/**
 * How busy the machine was while a figure was measured, from /proc/stat (Linux).
 *
 * A shared machine's other jobs take CPU from the bench's processes, so a ratio measured then says
 * little. The bench's own processes (this one and every child it has waited for: /proc/self/stat
 * utime, stime, cutime, cstime) are busy by design, so they are counted as idle: `othersIdle` is
 * the share of the machine's CPU time that neither other jobs used. `idle` is the raw figure.
 */
import fs from 'node:fs';

export interface CpuSnapshot {
  /** Jiffies of all CPUs since boot, and of them idle (idle + iowait). */
  total: number;
  idle: number;
  /** Jiffies of this process and of its children it has waited for. */
  ours: number;
}

export interface IdleFigure {
  /** Share of all CPUs' time idle during the measurement. */
  idle: number;
  /** Share of all CPUs' time idle or used by the bench itself: 1 − other jobs' share. */
  othersIdle: number;
  seconds: number;
}

/** Below this `othersIdle`, a goal line says "too busy to tell" instead of met / not met. */
export const IDLE_NEEDED = 0.8;

export function snapshot(): CpuSnapshot | null {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal guest guest_nice; guest time is inside user.
    const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = cpu[3] + (cpu[4] ?? 0);
    const self = fs.readFileSync('/proc/self/stat', 'utf8');
    const f = self.slice(self.lastIndexOf(')') + 2).split(' ').map(Number);
    // Fields 14–17 of the file (utime stime cutime cstime); f[0] is field 3.
    const ours = f[11] + f[12] + f[13] + f[14];
    return { total, idle, ours };
  } catch {
    return null;
  }
}

export function idleBetween(a: CpuSnapshot | null, b: CpuSnapshot | null, seconds: number): IdleFigure | null {
  if (!a || !b || b.total <= a.total) return null;
  const total = b.total - a.total;
  const idle = (b.idle - a.idle) / total;
  const others = Math.min(1, (b.idle - a.idle + (b.ours - a.ours)) / total);
  return { idle: Math.round(idle * 1000) / 1000, othersIdle: Math.round(others * 1000) / 1000, seconds: Math.round(seconds * 10) / 10 };
}

/** Runs `f` and returns its result with the idle fraction measured while it ran. */
export async function measured<T>(f: () => Promise<T> | T): Promise<{ value: T; idle: IdleFigure | null }> {
  const a = snapshot();
  const t = process.hrtime.bigint();
  const value = await f();
  const b = snapshot();
  return { value, idle: idleBetween(a, b, Number(process.hrtime.bigint() - t) / 1e9) };
}

/** CPU milliseconds of children this process has waited for, so far (null off Linux). */
export function childrenCpuMs(): number | null {
  try {
    const self = fs.readFileSync('/proc/self/stat', 'utf8');
    const f = self.slice(self.lastIndexOf(')') + 2).split(' ').map(Number);
    return ((f[13] + f[14]) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

export type Verdict = 'met' | 'not met' | 'too busy to tell';

export function verdict(met: boolean, idle: IdleFigure | null): Verdict {
  if (idle && idle.othersIdle < IDLE_NEEDED) return 'too busy to tell';
  return met ? 'met' : 'not met';
}
