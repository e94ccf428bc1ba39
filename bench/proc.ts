// Server CPU time and memory from /proc (Linux): utime+stime for CPU seconds, VmHWM/VmRSS for memory.
import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on every Linux we run on). */
const CLOCK_TICKS = 100;

export interface ProcSnapshot {
  /** User + system CPU seconds since the process started. */
  cpuSeconds: number;
  /** Resident set size now, bytes. */
  rssBytes: number;
  /** Peak resident set size since start (or the last reset), bytes. */
  peakRssBytes: number;
}

/** Reads CPU and memory of a live process; throws when it is gone. */
export function readProc(pid: number): ProcSnapshot {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; fields after the closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    cpuSeconds: (utime + stime) / CLOCK_TICKS,
    rssBytes: statusKb(status, 'VmRSS') * 1024,
    peakRssBytes: statusKb(status, 'VmHWM') * 1024,
  };
}

function statusKb(status: string, key: string): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

/** Resets a process's peak RSS (VmHWM) to its current RSS; false where the kernel refuses. */
export function resetPeakRss(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** CPU seconds this (the load generator's) process has used. */
export function selfCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/**
 * Measures a phase of a scenario on the server process: CPU seconds used during it, and the
 * peak RSS reached during it (VmHWM reset at the start, and sampled in case the reset is refused).
 */
export class PhaseMeter {
  private readonly startCpu: number;
  private readonly startSelfCpu: number;
  private readonly startedAt = performance.now();
  private peakSampled = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly resetWorked: boolean;

  constructor(
    private readonly pid: number,
    private readonly marks: { start?: () => void; end?: () => void } = {},
  ) {
    marks.start?.();
    this.resetWorked = resetPeakRss(pid);
    const snapshot = readProc(pid);
    this.startCpu = snapshot.cpuSeconds;
    this.startSelfCpu = selfCpuSeconds();
    this.peakSampled = snapshot.rssBytes;
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
  }

  private sample(): void {
    try {
      this.peakSampled = Math.max(this.peakSampled, readProc(this.pid).rssBytes);
    } catch {
      // The process ended; the last sample stands.
    }
  }

  /** Stops sampling and returns the phase's figures. */
  end(): PhaseFigures {
    clearInterval(this.timer);
    this.marks.end?.();
    const snapshot = readProc(this.pid);
    const peak = this.resetWorked ? Math.max(snapshot.peakRssBytes, this.peakSampled) : Math.max(this.peakSampled, snapshot.rssBytes);
    return {
      serverCpuSeconds: snapshot.cpuSeconds - this.startCpu,
      peakRssBytes: peak,
      rssBytes: snapshot.rssBytes,
      wallSeconds: (performance.now() - this.startedAt) / 1000,
      benchCpuSeconds: selfCpuSeconds() - this.startSelfCpu,
    };
  }
}

export interface PhaseFigures {
  serverCpuSeconds: number;
  peakRssBytes: number;
  rssBytes: number;
  wallSeconds: number;
  /** CPU seconds of the load generator (all clients) in the same phase. */
  benchCpuSeconds: number;
}
