// `/metrics` of `safemap serve --workers 2` is answered by the primary from what the workers last pushed: the totals
// must equal what both workers served, never go down when a worker dies, and a scrape must not wait for any worker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tileForPosition } from '../../packages/tile-server/src/index.js';
import { httpGet } from '../helpers/http_get.js';
import { childPids, until } from '../helpers/process_tree.js';
import { ensureServerBuilt, type ServerProcess } from '../helpers/server_process.js';
import { startWorkersWithMetrics } from '../helpers/workers_server.js';
import { createSecurityFixture } from '../security/security_fixture.js';

/** The sum of every sample of `name` whose labels include `labels`. */
function value(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const match of text.matchAll(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/gm)) {
    if (match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    if (Object.entries(labels).every(([key, wanted]) => found[key] === wanted)) sum += Number(match[3]);
  }
  return sum;
}

describe('/metrics across two workers', () => {
  const fixture = createSecurityFixture();
  let server: ServerProcess;
  let metricsUrl: string;
  const { x, y } = tileForPosition(129.045, 35.115, 12);
  const tile = `/tiles/city/12/${x}/${y}.mvt`;
  const scrape = async () => {
    const answer = await httpGet(metricsUrl, '/metrics');
    expect(answer.status).toBe(200);
    return answer.body.toString();
  };
  const tiles200 = (text: string) => value(text, 'safemap_http_requests_total', { route: 'tile', status: '200' });

  beforeAll(async () => {
    ensureServerBuilt();
    ({ server, metricsUrl } = await startWorkersWithMetrics(fixture.catalogPath));
  }, 120_000);
  afterAll(async () => {
    if (server?.alive()) await server.stop();
  });

  it('sums both workers: every request counted once, histograms consistent, one version gauge', async () => {
    // Each request opens its own connection, and the primary hands connections to the workers in turn.
    const answers = await Promise.all(Array.from({ length: 30 }, () => httpGet(server.url, tile)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const started = Date.now();
    const text = await until(scrape, (body) => tiles200(body) >= 30, 10_000);
    // Staleness bound: one push interval (1 s) plus delivery, with room for a busy machine.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(tiles200(text)).toBe(30);
    expect(value(text, 'safemap_http_request_duration_seconds_count', { route: 'tile' })).toBe(30);
    expect(value(text, 'safemap_http_request_duration_seconds_bucket', { route: 'tile', le: '+Inf' })).toBe(30);
    expect(value(text, 'safemap_tile_cache_requests_total', { result: 'hit' }) + value(text, 'safemap_tile_cache_requests_total', { result: 'miss' })).toBe(30);
    const versions = [...text.matchAll(/^safemap_tileset_version_info\{tileset="city",version="[0-9a-f]+"\} (\S+)$/gm)].map((m) => Number(m[1]));
    expect(versions).toEqual([1]);
  });

  it('answers from the state the primary holds, even while every worker is stopped', async () => {
    const before = await scrape();
    const workers = childPids(server.child.pid!);
    expect(workers).toHaveLength(2);
    for (const pid of workers) process.kill(pid, 'SIGSTOP');
    try {
      const started = Date.now();
      const during = await scrape();
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(tiles200(during)).toBe(tiles200(before));
    } finally {
      for (const pid of workers) process.kill(pid, 'SIGCONT');
    }
  });

  it('keeps what a killed worker counted: totals never go down, and its replacement adds to them', async () => {
    const before = tiles200(await scrape());
    const [victim] = childPids(server.child.pid!);
    process.kill(victim!, 'SIGKILL');
    const workers = await until(() => childPids(server.child.pid!), (list) => list.length === 2 && !list.includes(victim!));
    expect(workers).not.toContain(victim);
    expect(tiles200(await scrape())).toBe(before);
    const answers = await Promise.all(Array.from({ length: 10 }, () => httpGet(server.url, tile)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(tiles200(await until(scrape, (body) => tiles200(body) >= before + 10, 10_000))).toBe(before + 10);
  });

  it('keeps the counts of a worker that drains and exits on SIGTERM', async () => {
    // The replacement worker started above joins the port only once it can serve: no answer is a 503 of its start-up.
    const answers = await Promise.all(Array.from({ length: 6 }, () => httpGet(server.url, tile)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const [leaving, staying] = childPids(server.child.pid!);
    // Right after the requests: what the worker pushes last, on its way out, carries its share of them.
    process.kill(leaving!, 'SIGTERM');
    const replaced = await until(() => childPids(server.child.pid!), (list) => list.length === 2 && !list.includes(leaving!), 60_000);
    expect(replaced).toContain(staying);
    expect(replaced).not.toContain(leaving);
    // 30 + 10 from the tests above, and these 6.
    expect(tiles200(await until(scrape, (body) => tiles200(body) >= 46, 10_000))).toBe(46);
  }, 90_000);
});
