// Runs one command as a child process and measures it from outside: wall time, CPU time and peak RSS. Peak RSS is
// the process's own high-water mark, which covers all of its threads (a Node.js process's worker threads included).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const gnuTime = '/usr/bin/time';
const probe = fileURLToPath(new URL('./rss_probe.mjs', import.meta.url));

/** How peak RSS is measured here: GNU time (Debian package `time`) when installed, else from inside or /proc. */
export const rssMethod = existsSync(gnuTime) ? 'gnu-time' : 'fallback';

/**
 * Runs `command args`; resolves { wallSeconds, cpuSeconds, peakRssMB } or rejects with the command's last lines of
 * output. With `node: true` the fallback preloads a module into the Node.js
 * process that records its own peak RSS at exit; other commands fall back to sampling /proc/PID/status (Linux).
 */
export async function measureProcess(command, args, { node = false, env = process.env } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'safemap-bench-measure-'));
  const usageFile = path.join(dir, 'usage');
  let file = command;
  let argv = args;
  const childEnv = { ...env };
  if (rssMethod === 'gnu-time') {
    file = gnuTime;
    argv = ['-f', '%e %M %U %S', '-o', usageFile, command, ...args];
  } else if (node) {
    argv = ['--import', probe, ...args];
    childEnv.SAFEMAP_BENCH_USAGE_FILE = usageFile;
  }
  const started = performance.now();
  const child = spawn(file, argv, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (data) => {
    output = (output + data).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const sampled = rssMethod === 'fallback' && !node ? sampleHighWaterMark(child.pid) : undefined;
  const status = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(signal ?? code));
  });
  const wallSeconds = (performance.now() - started) / 1000;
  sampled?.stop();
  try {
    if (status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${status}:\n${output.trim().split('\n').slice(-20).join('\n')}`);
    if (sampled) return { wallSeconds, cpuSeconds: null, peakRssMB: sampled.peakKB() / 1024 || null };
    // GNU time writes "Command exited with non-zero status" lines before the figures; the figures are the last line.
    const [, maxRssKB, user, system] = readFileSync(usageFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
    return { wallSeconds, cpuSeconds: user + system, peakRssMB: maxRssKB / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** VmHWM (the kernel's peak RSS of the process) read every 50 ms; it only grows, so the last read is near the peak. */
function sampleHighWaterMark(pid) {
  let peakKB = 0;
  const read = () => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) peakKB = Math.max(peakKB, Number(match[1]));
    } catch {
      // The process has exited or there is no /proc; keep the last reading.
    }
  };
  const timer = setInterval(read, 50);
  return { stop: () => clearInterval(timer), peakKB: () => peakKB };
}
