import { spawn } from 'node:child_process';

/**
 * glibc raises its mmap threshold each time a large block is freed, up to 32 MB. From then on a build's big
 * short-lived buffers (file chunks, growing columns, tiles in flight, most of them in worker threads) come from malloc
 * arenas, which keep freed memory instead of returning it: at 10 million points about 300 MB of the peak RSS was
 * memory already freed. Fixed thresholds of 1 MB return it, at no measurable cost in time. glibc reads them only when
 * a process starts.
 */
export const mallocThresholds: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '1048576', MALLOC_TRIM_THRESHOLD_: '1048576' };

/** Set in a command run again by `rerunWithMallocThresholds`, to the process id of the command that waits for it. */
const waitingParent = 'SAFEMAP_WAITING_PARENT';

/** The environment for a child process that builds tiles. */
export function buildProcessEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return process.platform === 'linux' ? { ...mallocThresholds, ...env } : env;
}

/**
 * Runs this command again in a child process with the thresholds set, when they are not set yet, and resolves to its
 * exit code; resolves to undefined when this process should do the work itself: it already has them, or is not on
 * Linux. The two stand for one command:
 * - the child shares the terminal, so Ctrl-C reaches it directly, and SIGTERM or SIGHUP sent to the parent are passed
 *   on: a build stopped either way still removes its staging files;
 * - a child ended by a signal ends the parent by the same signal;
 * - a parent killed outright (SIGKILL) cannot pass that on, so the child ends itself the same way when the parent's
 *   channel closes, rather than finishing, and perhaps publishing, unseen.
 */
export function rerunWithMallocThresholds(): Promise<number | undefined> {
  if (process.env[waitingParent] === String(process.ppid) && process.channel) {
    delete process.env[waitingParent];
    process.channel.unref();
    process.once('disconnect', () => process.kill(process.pid, 'SIGKILL'));
    return Promise.resolve(undefined);
  }
  if (process.platform !== 'linux' || Object.keys(mallocThresholds).every((name) => process.env[name] !== undefined)) return Promise.resolve(undefined);
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...buildProcessEnv(), [waitingParent]: String(process.pid) },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  // The terminal sends SIGINT to the child as well; the parent only waits for it.
  const ignore = () => {};
  process.on('SIGTERM', forward).on('SIGHUP', forward).on('SIGINT', ignore);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGTERM', forward).off('SIGHUP', forward).off('SIGINT', ignore);
      if (signal) process.kill(process.pid, signal);
      else resolve(code ?? 1);
    });
  });
}
