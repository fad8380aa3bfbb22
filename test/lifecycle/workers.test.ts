import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tileForPosition } from '../../packages/tile-server/src/index.js';
import { httpGet } from '../helpers/http_get.js';
import { childPids, until } from '../helpers/process_tree.js';
import { ensureServerBuilt, type ServerProcess } from '../helpers/server_process.js';
import { startWorkersWithMetrics } from '../helpers/workers_server.js';
import { createSecurityFixture } from '../security/security_fixture.js';

describe('safemap serve --workers', () => {
  const fixture = createSecurityFixture();
  let server: ServerProcess;
  let metricsUrl: string;
  const { x, y } = tileForPosition(129.045, 35.115, 12);
  const tile = `/tiles/city/12/${x}/${y}.mvt`;

  beforeAll(async () => {
    ensureServerBuilt();
    ({ server, metricsUrl } = await startWorkersWithMetrics(fixture.catalogPath));
  }, 120_000);
  afterAll(async () => {
    if (server?.alive()) await server.stop();
  });

  it('serves from two stateless worker processes on one port, with one /metrics for both', async () => {
    const pid = server.child.pid!;
    expect(childPids(pid)).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: 40 }, () => httpGet(server.url, tile)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    // Every worker cut or read the same bytes: answers agree whichever worker served them.
    expect(new Set(answers.map((answer) => String(answer.headers.etag))).size).toBe(1);
    // Workers push their series to the primary every second: the total appears within about that.
    const served = (text: string) => [...text.matchAll(/^safemap_http_requests_total\{route="tile",status="200"\} (\d+)$/gm)].map((m) => Number(m[1]));
    const scrape = await until(() => httpGet(metricsUrl, '/metrics'), (answer) => answer.status === 200 && served(answer.body.toString())[0] === 40, 10_000);
    const text = scrape.body.toString();
    expect(served(text)).toEqual([40]);
    // The aggregated event-loop lag comes from both workers; the public port still has no /metrics.
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect((await httpGet(server.url, '/metrics')).status).toBe(404);
  });

  it('replaces a worker that dies, and keeps serving', async () => {
    const pid = server.child.pid!;
    const [victim] = childPids(pid);
    process.kill(victim!, 'SIGKILL');
    const workers = await until(() => childPids(pid), (list) => list.length === 2 && !list.includes(victim!));
    expect(workers).toHaveLength(2);
    expect(workers).not.toContain(victim);
    const answers = await Promise.all(Array.from({ length: 20 }, () => httpGet(server.url, '/catalog')));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
  });

  it('drains every worker on SIGTERM and exits 0', async () => {
    const pid = server.child.pid!;
    const workers = childPids(pid);
    expect(await server.stop()).toBe(0);
    for (const worker of workers) expect(() => process.kill(worker, 0)).toThrow();
  });
});
