import { spawn } from 'node:child_process';
import { pinned } from './load_runner.mjs';

/**
 * Starts a server process and resolves with its base URL once it prints its port; with `cpus` (a taskset list) the
 * process and its threads run on those CPUs only.
 */
export function startChild(command, args, pattern, env = {}, cpus = undefined) {
  // SafeMap keeps its default log level, access log included, as `safemap serve` runs for its users; what it logs
  // is read and dropped here.
  const [file, argv] = pinned(command, args, cpus);
  const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      if (output === undefined) return;
      output += chunk;
      const match = pattern.exec(output);
      if (!match) return;
      output = undefined;
      resolve({ url: `http://127.0.0.1:${match[1]}`, stop: () => new Promise((done) => { child.once('exit', done); child.kill('SIGTERM'); }) });
    });
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
