import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tileForPosition } from '../../packages/tile-server/src/index.js';
import { startNginx, type RunningNginx } from '../helpers/nginx.js';
import { ensureServerBuilt, startServerProcess, type ServerProcess } from '../helpers/server_process.js';
import { createSecurityFixture } from '../security/security_fixture.js';

/**
 * The replicas recipe of docs/operations.md: two stateless `safemap serve` processes over one catalogue behind an nginx
 * upstream. One replica is killed with SIGKILL under load; clients must not see a single error.
 */
const fixture = createSecurityFixture();
const replicas: ServerProcess[] = [];
let nginx: RunningNginx;

const paths: string[] = ['/catalog', '/tiles/city.json'];
for (let z = 10; z <= 14; z++) {
  const { x, y } = tileForPosition(129.045, 35.115, z);
  for (let dx = -1; dx <= 1; dx++) paths.push(`/tiles/city/${z}/${x + dx}/${y}.mvt`);
}

beforeAll(async () => {
  ensureServerBuilt();
  for (let i = 0; i < 2; i++) {
    // The load below comes from one client; limits are not what this test is about.
    replicas.push(await startServerProcess(fixture.catalogPath, ['--tile-rate', '0', '--rate-limit', '0', '--public-url', 'http://maps.example'], { LOG_LEVEL: 'warn' }, 60_000));
  }
  nginx = await startNginx(`
  upstream safemap {
${replicas.map((replica) => `    server ${new URL(replica.url).host} max_fails=1 fail_timeout=10s;`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:{{PORT}};
    location / {
      proxy_pass http://safemap;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout http_502 http_503;
    }
  }`, '/healthz');
}, 150_000);
afterAll(async () => {
  await nginx?.stop();
  await Promise.all(replicas.map((replica) => (replica.alive() ? replica.stop() : undefined)));
});

function get(agent: Agent, path: string): Promise<number> {
  const { port } = new URL(nginx.url);
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(-1));
    });
    req.on('error', () => resolve(-1));
    req.end();
  });
}

describe('replicas behind nginx', () => {
  it('a replica killed with SIGKILL under load costs clients 0 errors over 10,000 requests', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const total = 10_000;
    const statuses = new Map<number, number>();
    let sent = 0;
    let killedAt = -1;
    const worker = async () => {
      while (sent < total) {
        const index = sent++;
        if (index === 2_000) {
          killedAt = index;
          replicas[0]!.child.kill('SIGKILL');
        }
        const status = await get(agent, paths[index % paths.length]!);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    agent.destroy();
    expect(killedAt).toBe(2_000);
    expect(await replicas[0]!.exited).toBe('SIGKILL');
    const ok = (statuses.get(200) ?? 0) + (statuses.get(204) ?? 0);
    expect(Object.fromEntries(statuses)).toEqual(Object.fromEntries([...statuses].filter(([status]) => status === 200 || status === 204)));
    expect(ok).toBe(total);
  }, 120_000);
});
