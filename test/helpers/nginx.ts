import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { httpGet } from './http_get.js';

export interface RunningNginx {
  readonly url: string;
  readonly port: number;
  /** Folder of the configuration, logs and cache; removed by stop(). */
  readonly dir: string;
  stop(): Promise<void>;
}

/** The nginx binary, or undefined when it is not installed (`.ci/run` installs it). */
export function nginxBinary(): string | undefined {
  return ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((candidate) => spawnSync(candidate, ['-v']).status === 0);
}

/**
 * Starts a real nginx in the foreground on a free loopback port with a temporary configuration. `http` is the body of
 * the `http {}` block after the temp paths; `{{PORT}}` and `{{DIR}}` in it are replaced. Resolves once nginx answers
 * `probePath` (any status). `main` goes before the `http {}` block (e.g. `load_module`).
 */
export async function startNginx(http: string, probePath = '/', main = ''): Promise<RunningNginx> {
  const binary = nginxBinary();
  if (!binary) throw new Error('nginx is not installed: apt-get install nginx (.ci/run does)');
  const dir = mkdtempSync(path.join(tmpdir(), 'safemap-nginx-'));
  // Workers drop to an unprivileged user when the master runs as root: they must be able to write the cache.
  chmodSync(dir, 0o777);
  for (const sub of ['cache', 'body', 'proxy']) {
    mkdirSync(path.join(dir, sub));
    chmodSync(path.join(dir, sub), 0o777);
  }
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `${main}
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/proxy;
  uwsgi_temp_path ${dir}/proxy;
  scgi_temp_path ${dir}/proxy;
${http.replaceAll('{{PORT}}', String(port)).replaceAll('{{DIR}}', dir)}
}
`,
  );
  const child = spawn(binary, ['-c', conf, '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGQUIT');
    }).finally(() => rmSync(dir, { recursive: true, force: true }));
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) break;
    if (await httpGet(url, probePath).then(() => true, () => false)) return { url, port, dir, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  const log = (() => {
    try {
      return readFileSync(path.join(dir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  })();
  throw new Error(`nginx did not start: ${stderr}${log}`);
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
