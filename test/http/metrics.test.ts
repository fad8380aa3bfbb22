import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Metrics, startMetricsEndpoint, tileForPosition, type MetricsEndpoint, type RunningServer } from '../../packages/tile-server/src/index.js';
import { httpGet } from '../helpers/http_get.js';
import { AGENCY_KEY, AGENCY_ORIGIN, createSecurityFixture, startFixtureServer } from '../security/security_fixture.js';

/** Every sample line of the exposition as name, labels and value. */
function samples(text: string): Array<{ name: string; labels: Record<string, string>; value: number }> {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not an exposition line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

function value(text: string, name: string, labels: Record<string, string> = {}): number {
  return samples(text)
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted))
    .reduce((sum, sample) => sum + sample.value, 0);
}

describe('Prometheus metrics on their own listener', () => {
  const fixture = createSecurityFixture();
  const metrics = new Metrics();
  let server: RunningServer;
  let endpoint: MetricsEndpoint;
  beforeAll(async () => {
    server = await startFixtureServer(fixture, { metrics });
    endpoint = (await startMetricsEndpoint(metrics, { port: 0 }))!;
  });
  afterAll(async () => {
    await endpoint?.close();
    await server?.close();
  });

  it('counts requests by route class and status, latency, cache hits and misses with bytes, tiles per version, and engine events', async () => {
    const { x, y } = tileForPosition(129.045, 35.115, 13);
    const tile = `/tiles/city/13/${x}/${y}.mvt`;
    const miss = await httpGet(server.url, tile, { 'Accept-Encoding': 'gzip' });
    const hit = await httpGet(server.url, tile, { 'Accept-Encoding': 'gzip' });
    expect([miss.status, hit.status]).toEqual([200, 200]);
    await httpGet(server.url, '/catalog');
    await httpGet(server.url, '/tiles/nope.json');
    await httpGet(server.url, '/tiles/city/features?bbox=129.0412,35.1134,129.05,35.12&limit=5', { 'X-SafeMap-Key': AGENCY_KEY, Origin: AGENCY_ORIGIN });
    metrics.event('publish', 'city');
    metrics.event('build', 'city', 'failed');

    const scraped = await httpGet(endpoint.url, '/metrics');
    expect(scraped.status).toBe(200);
    expect(String(scraped.headers['content-type'])).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = scraped.body.toString();
    expect(value(text, 'safemap_http_requests_total', { route: 'tile', status: '200' })).toBe(2);
    expect(value(text, 'safemap_http_requests_total', { route: 'catalog', status: '200' })).toBe(1);
    expect(value(text, 'safemap_http_requests_total', { route: 'tilejson', status: '404' })).toBe(1);
    expect(value(text, 'safemap_http_request_duration_seconds_count', { route: 'tile' })).toBe(2);
    expect(value(text, 'safemap_http_request_duration_seconds_bucket', { route: 'tile', le: '+Inf' })).toBe(2);
    expect(value(text, 'safemap_tile_cache_requests_total', { result: 'miss' })).toBe(1);
    expect(value(text, 'safemap_tile_cache_requests_total', { result: 'hit' })).toBe(1);
    expect(value(text, 'safemap_tile_bytes_total', { result: 'hit' })).toBe(hit.body.length);
    const version = JSON.parse((await httpGet(server.url, '/tiles/city.json')).body.toString()).tiles[0].match(/@([0-9a-f]+)\//)[1];
    expect(value(text, 'safemap_tiles_served_total', { tileset: 'city', version })).toBe(2);
    expect(value(text, 'safemap_tileset_version_info', { tileset: 'city', version })).toBe(1);
    expect(value(text, 'safemap_engine_events_total', { event: 'publish', tileset: 'city', outcome: 'ok' })).toBe(1);
    expect(value(text, 'safemap_engine_events_total', { event: 'build', tileset: 'city', outcome: 'failed' })).toBe(1);
    expect(samples(text).some((sample) => sample.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('never puts an address, a coordinate, a key or a path into a label', async () => {
    await httpGet(server.url, '/tiles/city/features?bbox=129.0412,35.1134,129.05,35.12', { 'X-SafeMap-Key': AGENCY_KEY, 'X-Forwarded-For': '203.0.113.7' });
    await httpGet(server.url, '/nothing/<script>');
    const text = (await httpGet(endpoint.url, '/metrics')).body.toString();
    const allowed = /^(?:[a-z_]+|\d{3}|[0-9a-f]{1,64}|[0-9.e+-]+|\+Inf|v?\d+\.\d+\.\d+.*|linux|x64|arm64|darwin)$/;
    for (const sample of samples(text).filter((s) => s.name.startsWith('safemap_'))) {
      for (const [key, label] of Object.entries(sample.labels)) expect(label, `${sample.name} ${key}`).toMatch(allowed);
    }
    for (const secret of [AGENCY_KEY, '127.0.0.1', '203.0.113', '129.04', '35.11', '<script>', '/nothing']) expect(text).not.toContain(secret);
  });

  it('is not on the public listener', async () => {
    expect((await httpGet(server.url, '/metrics')).status).toBe(404);
    expect((await httpGet(endpoint.url, '/catalog')).status).toBe(404);
  });
});
