import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { tileForPosition, type RunningServer, type ServerOptions } from '../../packages/tile-server/src/index.js';
import { TokenBucketLimiter } from '../../packages/tile-server/src/security/token_bucket_limiter.js';
import { freePort, startNginx, type RunningNginx } from '../helpers/nginx.js';
import { capturedLogger, createSecurityFixture, startFixtureServer } from './security_fixture.js';

/**
 * Rate limits behind a same-host reverse proxy (a real nginx on loopback) and from rotating IPv6 addresses. Every
 * request to SafeMap then comes from 127.0.0.1, the address the loopback exemption was meant for.
 */
const fixture = createSecurityFixture();
const { x, y } = tileForPosition(129.045, 35.115, 12);
const tile = `/tiles/city/12/${x}/${y}.mvt`;
// Small budgets: tiles refill at 1 per second, so 30 quick requests overrun a burst of 10 even on a slow machine.
const tight = { requestsPerMinute: 20, tileRatePerSecond: 1, tileBurst: 10 };
const running: Array<{ close?: () => Promise<void>; stop?: () => Promise<void> }> = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((item) => (item.stop ?? item.close)?.()));
});

/** One GET from a chosen loopback source address (127.0.0.0/8 is all loopback on Linux), with extra headers. */
function get(url: string, path: string, options: { from?: string; headers?: Record<string, string> } = {}): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, agent: false, headers: options.headers ?? {}, ...(options.from ? { localAddress: options.from } : {}) }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function statuses(count: number, send: (index: number) => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(await send(i));
  return out;
}

async function serverBehindNginx(security: ServerOptions['security'], logger?: ServerOptions['logger']): Promise<{ server: RunningServer; nginx: RunningNginx }> {
  const upstreamPort = await freePort();
  const nginx = await startNginx(`
  server {
    listen 127.0.0.1:{{PORT}};
    location / {
      proxy_pass http://127.0.0.1:${upstreamPort};
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }`);
  running.push(nginx);
  const server = await startFixtureServer(fixture, { port: upstreamPort, security, ...(logger ? { logger } : {}) });
  running.push(server);
  return { server, nginx };
}

describe('a same-host reverse proxy', () => {
  it('without TRUST_PROXY: every client shares the proxy budget, so 429s appear, and start-up warns once', async () => {
    const { logger, lines } = capturedLogger('warn');
    const { server, nginx } = await serverBehindNginx({ ...tight, trustProxy: 0 }, logger);
    const catalog = await statuses(30, () => get(nginx.url, '/catalog'));
    expect(catalog.filter((status) => status === 429).length).toBeGreaterThanOrEqual(10);
    const tiles = await statuses(30, () => get(nginx.url, tile));
    expect(tiles.filter((status) => status === 429).length).toBeGreaterThanOrEqual(10);
    // Two different clients behind the proxy: the second is limited by what the first spent.
    expect(await get(nginx.url, tile, { from: '127.0.0.9' })).toBe(429);
    expect(lines.filter((line) => line.includes('TRUST_PROXY is 0')).length).toBe(1);
    // The same server reached directly from loopback, with no proxy in play, is still exempt.
    const direct = await statuses(30, () => get(server.url, '/catalog'));
    expect(direct.every((status) => status === 200)).toBe(true);
  });

  it('with TRUST_PROXY=1: each client gets its own budget, and a loopback client through the proxy is not exempt', async () => {
    const { nginx } = await serverBehindNginx({ ...tight, trustProxy: 1 });
    const first = await statuses(30, () => get(nginx.url, tile, { from: '127.0.0.2' }));
    expect(first.filter((status) => status === 429).length).toBeGreaterThanOrEqual(10);
    const second = await statuses(5, () => get(nginx.url, tile, { from: '127.0.0.3' }));
    expect(second).toEqual([200, 200, 200, 200, 200]);
    const viaLoopback = await statuses(30, () => get(nginx.url, '/catalog', { from: '127.0.0.1' }));
    expect(viaLoopback.filter((status) => status === 429).length).toBeGreaterThanOrEqual(5);
  });
});

describe('IPv6 clients', () => {
  const rotated = (index: number) => `2001:db8:4:7:${((index * 7919 + 1) % 0x10000).toString(16)}:${index.toString(16)}:beef:${(index + 3).toString(16)}`;

  it('share one budget per /64, for tiles and for the other routes, however they rotate inside it', async () => {
    const server = await startFixtureServer(fixture, { security: { ...tight, trustProxy: 1 } });
    running.push(server);
    const tiles = await statuses(30, (i) => get(server.url, tile, { headers: { 'X-Forwarded-For': rotated(i) } }));
    expect(tiles.filter((status) => status === 429).length).toBeGreaterThanOrEqual(10);
    const catalog = await statuses(30, (i) => get(server.url, '/catalog', { headers: { 'X-Forwarded-For': rotated(100 + i) } }));
    expect(catalog.filter((status) => status === 429).length).toBeGreaterThanOrEqual(5);
    // A neighbouring /64 is another subscriber with its own budget.
    expect(await get(server.url, tile, { headers: { 'X-Forwarded-For': '2001:db8:4:8::1' } })).toBe(200);
  });

  it('can be grouped by another prefix length', async () => {
    const server = await startFixtureServer(fixture, { security: { ...tight, trustProxy: 1, ipv6PrefixBits: 128 } });
    running.push(server);
    const tiles = await statuses(30, (i) => get(server.url, tile, { headers: { 'X-Forwarded-For': rotated(i) } }));
    expect(tiles.every((status) => status === 200)).toBe(true);
  });
});

describe('the tile bucket map when full', () => {
  it('never resets a client that spent its budget, however many new addresses arrive', () => {
    const limiter = new TokenBucketLimiter({ ratePerSecond: 1, burst: 5, maxClients: 100 });
    const now = 1_000_000;
    for (let i = 0; i < 5; i++) expect(limiter.take('abuser', now)).toBe(0);
    expect(limiter.take('abuser', now)).toBeGreaterThan(0);
    for (let i = 0; i < 10_000; i++) limiter.take(`fresh-${i}`, now + 1);
    expect(limiter.trackedClients).toBeLessThanOrEqual(100);
    expect(limiter.take('abuser', now + 2)).toBeGreaterThan(0);
    // The flood of new addresses competes for one overflow budget instead of each getting a fresh burst.
    expect(limiter.take('another-newcomer', now + 2)).toBeGreaterThan(0);
  });

  it('makes room by forgetting only clients idle long enough to be full again', () => {
    const limiter = new TokenBucketLimiter({ ratePerSecond: 1, burst: 5, maxClients: 3 });
    const now = 1_000_000;
    for (const client of ['a', 'b', 'c']) limiter.take(client, now);
    // 5 s later every bucket is full again: forgetting one changes nothing, and the newcomer gets its own bucket.
    for (let i = 0; i < 5; i++) expect(limiter.take('d', now + 5_000)).toBe(0);
    expect(limiter.take('d', now + 5_000)).toBeGreaterThan(0);
    expect(limiter.take('e', now + 5_000)).toBe(0);
    expect(limiter.trackedClients).toBe(3);
  });
});
