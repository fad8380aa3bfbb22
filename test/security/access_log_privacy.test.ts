import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tileForPosition, type RunningServer } from '../../packages/tile-server/src/index.js';
import { loggablePath } from '../../packages/tile-server/src/security/access_log.js';
import { anonymizeAddress } from '../../packages/tile-server/src/security/client_address.js';
import { capturedLogger, createSecurityFixture } from './security_fixture.js';
import { sendAll } from './hostile_requests.js';

const fixture = createSecurityFixture();
const { logger, lines } = capturedLogger();
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    catalogPath: fixture.catalogPath,
    host: '127.0.0.1',
    port: 0,
    logger,
    examplesDir: fixture.examplesDir,
    widgetDir: fixture.widgetDir,
    // Summaries of tile answers every 200 ms, so the test reads them without waiting a minute.
    security: { trustProxy: 1, accessLogSummaryMs: 200 },
  });
});
afterAll(async () => {
  await server?.close();
});

describe('access log privacy', () => {
  it('coarsens addresses, drops query strings, logs no tile finer than z12 and accounts for all of 1,000 requests', async () => {
    const paths: string[] = [];
    for (let i = 0; i < 1_000; i++) {
      const z = 10 + (i % 9);
      const { x, y } = tileForPosition(129.03 + (i % 37) * 0.001, 35.1 + (i % 23) * 0.001, z);
      const kind = i % 4;
      paths.push(
        kind === 0 ? `/tiles/city/${z}/${x}/${y}.mvt?key=sk-secret-${i}` :
        kind === 1 ? `/tiles/city@abc/${z}/${x}/${y}.mvt` :
        kind === 2 ? `/tiles/city/features?bbox=129.0${i % 10},35.1,129.1,35.2&home=${i}` :
        `/restricted/tiles/city/${z}/${x}/${y}.mvt?key=sk-secret-${i}`,
      );
    }
    lines.length = 0;
    const before = lines.length;
    // Clients arrive through one trusted proxy; half IPv4, half IPv6.
    const clients = paths.map((_, i) => (i % 2 === 0 ? `203.0.${i % 200}.${(i * 7) % 250 + 1}` : `2001:db8:${(i % 90).toString(16)}:77::${(i % 999) + 1}`));
    const responses = await sendAll(server.url, paths, 16, (index) => ({ 'X-Forwarded-For': clients[index]! }));
    expect(responses.every((response) => response.status < 500)).toBe(true);
    // Long enough for the summary of the last tile answers to be written.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const access = lines.slice(before).map((line) => JSON.parse(line)).filter((entry) => entry.log === 'access');
    const entries = access.filter((entry) => entry.summary === undefined);
    const summaries = access.filter((entry) => entry.summary === 'tiles');
    const text = lines.join('\n');
    expect(text).not.toContain('sk-secret');
    expect(text).not.toContain('bbox');
    const network = /^(\d+\.\d+\.\d+\.0\/24|[0-9a-f]{1,4}:[0-9a-f]{1,4}:[0-9a-f]{1,4}::\/48)$/;
    for (const entry of entries) {
      expect(entry.path).not.toContain('?');
      expect(entry.client).toMatch(network);
      const tile = /\/(\d+)\/\d+\/\d+\.mvt$/.exec(entry.path);
      if (tile) expect(Number(tile[1])).toBeLessThanOrEqual(12);
      expect(Object.keys(entry).sort()).toEqual(['client', 'level', 'log', 'method', 'ms', 'msg', 'path', 'status', 'time']);
    }
    // Successful public tile answers are counted in summaries, never a line each; everything else has its own line.
    const publicTileSuccesses = responses.filter((response, i) => paths[i]!.startsWith('/tiles/') && paths[i]!.includes('.mvt') && [200, 204, 304].includes(response.status)).length;
    expect(publicTileSuccesses).toBeGreaterThan(200);
    const summarised = summaries.reduce((sum, entry) => sum + Object.values(entry.answers as Record<string, number>).reduce((a, b) => a + b, 0), 0);
    expect(summarised).toBe(publicTileSuccesses);
    expect(entries).toHaveLength(1_000 - publicTileSuccesses);
    expect(entries.some((entry) => entry.path.startsWith('/tiles/city@abc/'))).toBe(true);
    for (const summary of summaries) {
      expect(Object.keys(summary).sort()).toEqual(['answers', 'busiest', 'level', 'log', 'msg', 'networks', 'seconds', 'summary', 'time']);
      for (const busy of summary.busiest as Array<{ client: string }>) expect(busy.client).toMatch(network);
    }
    for (const client of clients) expect(text).not.toContain(`"${client}"`);
    // Restricted tiles asked for without a valid key keep their own lines, coarsened to z12.
    const z12 = entries.filter((entry) => /^\/restricted\/tiles\/city\/12\/\d+\/\d+\.mvt$/.test(entry.path)).length;
    expect(z12).toBeGreaterThan(150);
  }, 120_000);

  it('logs a z15 tile as its z12 ancestor and an address as its network', () => {
    expect(loggablePath('/tiles/busan/15/28130/12970.mvt?key=x')).toBe('/tiles/busan/12/3516/1621.mvt');
    expect(loggablePath('/tiles/busan@1a2b/18/225044/103764.mvt')).toBe('/tiles/busan@1a2b/12/3516/1621.mvt');
    expect(loggablePath('/tiles/busan/11/1758/810.mvt')).toBe('/tiles/busan/11/1758/810.mvt');
    expect(loggablePath('/tiles/busan/features?bbox=1,2,3,4')).toBe('/tiles/busan/features');
    expect(anonymizeAddress('198.51.100.77')).toBe('198.51.100.0/24');
    expect(anonymizeAddress('::ffff:198.51.100.77')).toBe('198.51.100.0/24');
    expect(anonymizeAddress('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(anonymizeAddress('::1')).toBe('0:0:0::/48');
    expect(anonymizeAddress('not an address')).toBe('unknown');
  });
});
