import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, for paths to the built server and the CLI. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const serverBin = path.join(repoRoot, 'packages/tile-server/dist/bin/safemap-server.js');
export const cliBin = path.join(repoRoot, 'packages/tile-server/bin/safemap.js');

/** Builds the server once if `dist` is missing (npm test builds it first in `pretest`). */
export function ensureServerBuilt(): void {
  if (!existsSync(serverBin)) spawnSync('npx', ['tsc', '-b', 'packages/tile-server'], { cwd: repoRoot, stdio: 'inherit' });
}

/** A real `safemap-server` process on 127.0.0.1 with an ephemeral port, its log collected line by line. */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything the process wrote to stdout and stderr so far (pino JSON lines and the banner). */
  output(): string;
  /** Resolves with the exit code, or the signal name when killed. */
  readonly exited: Promise<number | string | null>;
  /** True until the process exits. */
  alive(): boolean;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<number | string | null>;
}

export function startServerProcess(
  catalog: string,
  extraArgs: readonly string[] = [],
  env: Record<string, string> = {},
  /** Time to wait for the banner; several processes starting at once on a busy machine need more. */
  startTimeoutMs = 20_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [serverBin, '--config', catalog, '--port', '0', ...extraArgs], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  let running = true;
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => {
      running = false;
      resolve(signal ?? code);
    }),
  );
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    // A tile set nothing published is built before the server reports it is serving; allow for a busy machine.
    const timer = setTimeout(() => reject(new Error(`the server did not start within ${startTimeoutMs / 1000} s:\n${output}`)), startTimeoutMs);
    const onData = () => {
      const match = /localhost:(\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({
        child,
        url: `http://127.0.0.1:${match[1]}`,
        output: () => output,
        exited,
        alive: () => running,
        stop: async () => {
          if (running) child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${String(code)} before listening:\n${output}`));
    });
  });
}
