import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'packages/tile-server/dist/bin/safemap-server.js');
const catalog = path.join(root, 'test/fixtures/mini/catalog.json');
/** Errors a client sees when it reaches a server that has already closed its listener: expected after SIGTERM. */
const refusedAtSocket = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'socket hang up']);

beforeAll(() => {
  if (!existsSync(bin)) spawnSync('npx', ['tsc', '-b', 'packages/tile-server'], { cwd: root, stdio: 'inherit' });
}, 120_000);

interface Outcome {
  beforeSigterm: boolean;
  status?: number;
  error?: string;
}

function startServer(): Promise<{ child: ChildProcess; port: number; exit: Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, '--config', catalog, '--port', '0', '--drain-delay', '300', '--drain-timeout', '3000'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /localhost:(\d+)/.exec(output);
      if (match) resolve({ child, port: Number(match[1]), exit });
    });
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}: ${output}`)));
  });
}

function get(port: number, path: string, agent: Agent | false): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function oneRun(run: number) {
  const { child, port, exit } = await startServer();
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const outcomes: Outcome[] = [];
  let signalled = false;
  let exited = false;
  void exit.then(() => (exited = true));
  const worker = async (w: number) => {
    for (let i = 0; !exited; i++) {
      const z = 6 + ((i + w + run) % 9);
      const tilePath = i % 5 === 0 ? '/catalog' : `/tiles/mini/${z}/${(i * 7 + w) % 2 ** z}/${(i * 3 + run) % 2 ** z}.mvt`;
      const outcome: Outcome = { beforeSigterm: !signalled };
      try {
        outcome.status = await get(port, tilePath, agent);
      } catch (error) {
        outcome.error = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      outcomes.push(outcome);
    }
  };
  const workers = Array.from({ length: 8 }, (_, w) => worker(w));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const readyBefore = await get(port, '/readyz', false);
  signalled = true;
  child.kill('SIGTERM');
  // The signal reaches the process asynchronously: poll until readiness changes; its first other answer must be 503.
  // Liveness is asked at the same moment on its own connection: while readiness says 503, the process is still alive.
  let readyDuringDrain = 200;
  let healthDuringDrain = 0;
  for (let i = 0; i < 200 && readyDuringDrain === 200; i++) {
    [readyDuringDrain, healthDuringDrain] = await Promise.all([get(port, '/readyz', false).catch(() => 0), get(port, '/healthz', false).catch(() => 0)]);
  }
  const code = await exit;
  await Promise.all(workers);
  agent.destroy();
  return { code, outcomes, readyBefore, readyDuringDrain, healthDuringDrain };
}

describe('graceful shutdown of the real server process', () => {
  it('on SIGTERM: readiness 503 first, in-flight requests complete, exit 0 — 0 failed requests over 10 runs', async () => {
    let totalBefore = 0;
    for (let run = 0; run < 10; run++) {
      const { code, outcomes, readyBefore, readyDuringDrain, healthDuringDrain } = await oneRun(run);
      expect(code, `run ${run}: exit code`).toBe(0);
      expect(readyBefore).toBe(200);
      expect(readyDuringDrain, `run ${run}: /readyz while draining`).toBe(503);
      expect(healthDuringDrain, `run ${run}: /healthz while draining`).toBe(200);
      const before = outcomes.filter((outcome) => outcome.beforeSigterm);
      const failedBefore = before.filter((outcome) => outcome.status === undefined || outcome.status >= 400);
      expect(failedBefore, `run ${run}: requests started before SIGTERM`).toEqual([]);
      const after = outcomes.filter((outcome) => !outcome.beforeSigterm);
      const unexpectedAfter = after.filter((outcome) => (outcome.status !== undefined ? outcome.status >= 400 : !refusedAtSocket.has(outcome.error!)));
      expect(unexpectedAfter, `run ${run}: requests started after SIGTERM`).toEqual([]);
      totalBefore += before.length;
    }
    expect(totalBefore).toBeGreaterThan(100);
  }, 120_000);
});
