import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

/** wrk when installed: a C load generator takes far less of a small machine's CPU than one written in JavaScript. */
export const wrkBinary = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((candidate) => spawnSync(candidate, ['--version']).error === undefined);

const tasksetBinary = ['/usr/bin/taskset', '/bin/taskset'].find((candidate) => spawnSync(candidate, ['--version']).error === undefined);

/** The file and arguments that run `command args` on the CPUs of `cpus` (a taskset list), or as they are without it. */
export function pinned(command, args, cpus) {
  return cpus === undefined ? [command, args] : [tasksetBinary, ['-c', cpus, command, ...args]];
}

/**
 * Where a one-process comparison runs: every server on the last CPU, the load generator on the others. On a small
 * machine a load generator and a server sharing cores made rounds differ by half; pinned, each server has the same
 * one core, which is what "one process" means. Undefined (unpinned) without taskset, wrk or a second CPU.
 */
export function cpuPinning() {
  const cpus = availableParallelism();
  if (!tasksetBinary || !wrkBinary || cpus < 2) return undefined;
  return { server: String(cpus - 1), load: cpus === 2 ? '0' : `0-${cpus - 2}` };
}

/**
 * Loads `url` with GETs cycling through `paths` (gzip accepted) for `seconds` at `connections`; resolves with
 * requests per second, p50/p99 latency in ms and the count of failed answers (errors, timeouts, non-2xx/3xx).
 */
export function runLoad({ url, paths, connections, seconds, threads = 1, cpus = undefined }) {
  return wrkBinary ? runWrk(url, paths, connections, seconds, threads, cpus) : runAutocannon(url, paths, connections, seconds);
}

export function loadGenerator() {
  return wrkBinary ? `wrk (${wrkBinary})` : 'autocannon (install wrk for a lighter load generator)';
}

async function runAutocannon(url, paths, connections, seconds) {
  const result = await autocannon({ url, connections, duration: seconds, requests: paths.map((p) => ({ method: 'GET', path: p, headers: { 'accept-encoding': 'gzip' } })) });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failures: result.errors + result.timeouts + result.non2xx };
}

function runWrk(url, paths, connections, seconds, threads, cpus) {
  const dir = mkdtempSync(path.join(tmpdir(), 'safemap-wrk-'));
  const script = path.join(dir, 'paths.lua');
  writeFileSync(
    script,
    `local paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Accept-Encoding"] = "gzip" })
end
`,
  );
  return new Promise((resolve, reject) => {
    const args = ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--latency', '-s', script, url];
    const [file, argv] = pinned(wrkBinary, args, cpus);
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`wrk exited with ${code}:\n${out}`));
      const ms = (label) => {
        const match = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(out);
        if (!match) return NaN;
        return Number(match[1]) * { us: 0.001, ms: 1, s: 1000 }[match[2]];
      };
      const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
      resolve({
        rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
        p50: ms('50'),
        p99: ms('99'),
        failures: (errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0) + (non2xx ? Number(non2xx[1]) : 0),
      });
    });
  });
}
