import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tileForPosition, type RunningServer, type ServerOptions } from '../../packages/tile-server/src/index.js';
import { httpGet } from '../helpers/http_get.js';
import { createSecurityFixture, startFixtureServer } from './security_fixture.js';

const fixture = createSecurityFixture();
const running: RunningServer[] = [];

async function start(extra: Partial<ServerOptions>): Promise<RunningServer> {
  const server = await startFixtureServer(fixture, extra);
  running.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

describe('rate limits', () => {
  it('limits tiles per client with a token bucket: 429 problem with Retry-After once the burst is spent', async () => {
    const server = await start({ security: { rateLimitExempt: [], tileRatePerSecond: 0.01, tileBurst: 5 } });
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 8; i++) {
      const response = await httpGet(server.url, '/tiles/city/0/0/0.mvt');
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(limited!.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited!.headers['x-content-type-options']).toBe('nosniff');
  });

  it('keys the tile bucket on X-Forwarded-For only when a proxy is trusted', async () => {
    const trusting = await start({ security: { rateLimitExempt: [], tileRatePerSecond: 0.01, tileBurst: 2, trustProxy: 1 } });
    const get = (client: string) => httpGet(trusting.url, '/tiles/city/0/0/0.mvt', { 'X-Forwarded-For': client }).then((r) => r.status);
    expect([await get('198.51.100.1'), await get('198.51.100.1'), await get('198.51.100.1')]).toEqual([200, 200, 429]);
    expect(await get('198.51.100.2'), 'another client behind the proxy has its own bucket').toBe(200);

    const untrusting = await start({ security: { rateLimitExempt: [], tileRatePerSecond: 0.01, tileBurst: 2 } });
    const spoof = (client: string) => httpGet(untrusting.url, '/tiles/city/0/0/0.mvt', { 'X-Forwarded-For': client }).then((r) => r.status);
    expect([await spoof('203.0.113.1'), await spoof('203.0.113.2'), await spoof('203.0.113.3')], 'a forged header buys nothing').toEqual([200, 200, 429]);
  });

  it('limits the other routes with express-rate-limit and exempts loopback by default', async () => {
    const limited = await start({ security: { rateLimitExempt: [], requestsPerMinute: 3 } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await httpGet(limited.url, '/catalog')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await httpGet(limited.url, '/tiles/city.json');
    expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await httpGet(limited.url, '/healthz')).status, 'health checks are never limited').toBe(200);

    const exempt = await start({ security: { requestsPerMinute: 3 } });
    for (let i = 0; i < 5; i++) expect((await httpGet(exempt.url, '/catalog')).status).toBe(200);
  });
});

describe('timeouts', () => {
  it('cuts off a slowloris client that sends its headers byte by byte', async () => {
    const server = await start({ headersTimeoutMs: 400, requestTimeoutMs: 400 });
    const { port } = new URL(server.url);
    const started = Date.now();
    const outcome = await new Promise<{ closedAfter: number; response: string }>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      const request = 'GET /catalog HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(200);
      let sent = 0;
      let response = '';
      const timer = setInterval(() => {
        if (sent < request.length && !socket.destroyed) socket.write(request[sent++]!);
      }, 50);
      socket.on('data', (chunk) => (response += chunk.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ closedAfter: Date.now() - started, response });
      });
    });
    // Headers never finish (200 bytes at 20 B/s would take 10 s); the server gives up after its 400 ms budget.
    expect(outcome.closedAfter).toBeLessThan(2_000);
    expect(outcome.response === '' || outcome.response.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('closes idle keep-alive connections after the keep-alive timeout', async () => {
    const server = await start({ keepAliveTimeoutMs: 200 });
    const { port } = new URL(server.url);
    const closedAfter = await new Promise<number>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
      let answeredAt = 0;
      socket.on('data', () => (answeredAt ||= Date.now()));
      socket.on('close', () => resolve(Date.now() - answeredAt));
    });
    expect(closedAfter).toBeGreaterThanOrEqual(150);
    expect(closedAfter).toBeLessThan(3_000);
  });
});

/** Opens one socket per path, then writes every request in the same tick, so they all arrive together. */
async function burst(baseUrl: string, paths: readonly string[]) {
  const port = Number(new URL(baseUrl).port);
  const sockets = await Promise.all(paths.map(() => new Promise<Socket>((resolve) => { const socket = connect(port, '127.0.0.1', () => resolve(socket)); })));
  const answers = sockets.map(
    (socket) =>
      new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve) => {
        let raw = '';
        socket.on('data', (chunk) => (raw += chunk.toString('latin1')));
        socket.on('close', () => {
          const [head = '', body = ''] = raw.split('\r\n\r\n');
          const [statusLine = '', ...lines] = head.split('\r\n');
          const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
          resolve({ status: Number(statusLine.split(' ')[1]), headers, body: Buffer.from(body, 'latin1') });
        });
      }),
  );
  // Let the server accept every connection first, so the requests are read in one turn of its event loop.
  await new Promise((resolve) => setTimeout(resolve, 100));
  sockets.forEach((socket, index) => socket.write(`GET ${paths[index]} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
  return Promise.all(answers);
}

describe('bounded tile generation', () => {
  it('sheds uncached tiles beyond the queue with 503 + Retry-After, and serves them once the burst has passed', async () => {
    const server = await start({ security: { generationConcurrency: 1, generationQueue: 2 } });
    const center = { lon: 129.05, lat: 35.115 };
    const paths: string[] = [];
    for (let z = 10; z <= 18; z++) {
      const { x, y } = tileForPosition(center.lon, center.lat, z);
      for (let dx = -2; dx <= 2; dx++) paths.push(`/tiles/city/${z}/${x + dx}/${y}.mvt`);
    }
    const responses = await burst(server.url, paths);
    const shed = responses.filter((response) => response.status === 503);
    const served = responses.filter((response) => response.status === 200 || response.status === 204);
    expect(shed.length + served.length).toBe(paths.length);
    expect(shed.length).toBeGreaterThan(0);
    expect(served.length).toBeGreaterThanOrEqual(3);
    for (const response of shed) {
      expect(response.headers['retry-after']).toBe('1');
      expect(JSON.parse(response.body.toString()).code).toBe('OVERLOADED');
    }
    for (const path of paths) expect([200, 204]).toContain((await httpGet(server.url, path)).status);
  });
});
