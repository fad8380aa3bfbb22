import { execFileSync } from 'node:child_process';

/** The child processes of `pid` (a cluster primary's workers), by asking the kernel, not the server. */
export function childPids(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Whether a process with this id still runs (or is a zombie not yet waited for). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Probes until `ok` holds or `timeoutMs` passes, and returns the last value either way (the caller asserts on it). */
export async function until<T>(probe: () => T | Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000, pauseMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}
