import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tileForPosition, type RunningServer } from '../../packages/tile-server/src/index.js';
import { decodeTile } from '../helpers/decode_tile.js';
import { httpGet } from '../helpers/http_get.js';
import { AGENCY_KEY, AGENCY_ORIGIN, capturedLogger, createSecurityFixture } from './security_fixture.js';

const fixture = createSecurityFixture();
const { logger, lines } = capturedLogger();
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ catalogPath: fixture.catalogPath, host: '127.0.0.1', port: 0, logger, examplesDir: fixture.examplesDir, widgetDir: fixture.widgetDir });
});
afterAll(async () => {
  await server?.close();
});

const patrolTile = tileForPosition(129.035, 35.105, 12);
const tile = `/restricted/tiles/city/12/${patrolTile.x}/${patrolTile.y}.mvt`;

describe('restricted layers', () => {
  it('never appear in the public catalogue, TileJSON, style, tiles or feature look-ups', async () => {
    const texts = await Promise.all(
      ['/catalog', '/tiles/city.json', '/styles/city.json', '/tiles/city/features?bbox=129,35,130,36&limit=1000'].map(async (path) => {
        const response = await httpGet(server.url, path);
        expect(response.status, path).toBe(200);
        return response.body.toString();
      }),
    );
    for (const text of texts) {
      expect(text).not.toContain('patrol');
    }
    for (const path of ['/tiles/city/0/0/0.mvt', `/tiles/city/12/${patrolTile.x}/${patrolTile.y}.mvt`]) {
      const response = await httpGet(server.url, path);
      expect([200, 204]).toContain(response.status);
      if (response.status === 200) expect(Object.keys(decodeTile(response.body, 0, 0, 0))).not.toContain('patrol');
      expect(response.body.includes('patrol-secret-unit')).toBe(false);
    }
    expect((await httpGet(server.url, '/tiles/city/features/patrol/0')).status).toBe(404);
  });

  it('answers 401 without a key or with a wrong one', async () => {
    for (const headers of [{}, { 'X-SafeMap-Key': 'wrong-key', Origin: AGENCY_ORIGIN }, { 'X-SafeMap-Key': '', Origin: AGENCY_ORIGIN }]) {
      const response = await httpGet(server.url, tile, headers);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(JSON.parse(response.body.toString()).code).toBe('UNAUTHORIZED');
    }
    expect((await httpGet(server.url, '/restricted/tiles/city.json?key=nope')).status).toBe(401);
  });

  it('answers 403 for a valid key from an origin it is not bound to, or for another tile set', async () => {
    for (const headers of [
      { 'X-SafeMap-Key': AGENCY_KEY, Origin: 'https://evil.example' },
      { 'X-SafeMap-Key': AGENCY_KEY, Referer: 'https://evil.example/agency.example.go.kr/' },
      { 'X-SafeMap-Key': AGENCY_KEY },
      { 'X-SafeMap-Key': 'sk-other-tileset', Origin: AGENCY_ORIGIN },
    ]) {
      const response = await httpGet(server.url, tile, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(response.body.toString()).code).toBe('FORBIDDEN');
    }
  });

  it('serves the restricted layer to its origin, by header or ?key=, privately and only to that origin', async () => {
    const byHeader = await httpGet(server.url, tile, { 'X-SafeMap-Key': AGENCY_KEY, Origin: AGENCY_ORIGIN });
    expect(byHeader.status).toBe(200);
    const layers = decodeTile(byHeader.body, 12, patrolTile.x, patrolTile.y);
    expect(Object.keys(layers)).toEqual(['patrol']);
    expect(layers.patrol!.properties[0]).toEqual({ unit: 'patrol-secret-unit' });
    expect(byHeader.headers['access-control-allow-origin']).toBe(AGENCY_ORIGIN);
    expect(byHeader.headers['cache-control']).toMatch(/^private/);
    expect(byHeader.headers.vary).toContain('X-SafeMap-Key');

    const byQuery = await httpGet(server.url, `${tile}?key=${AGENCY_KEY}`, { Referer: `${AGENCY_ORIGIN}/safety/map.html` });
    expect(byQuery.status).toBe(200);
    expect(byQuery.body.equals(byHeader.body)).toBe(true);

    const tilejson = await httpGet(server.url, '/restricted/tiles/city.json', { 'X-SafeMap-Key': AGENCY_KEY, Origin: AGENCY_ORIGIN });
    expect(tilejson.status).toBe(200);
    const json = JSON.parse(tilejson.body.toString());
    expect(json.vector_layers.map((layer: { id: string }) => layer.id)).toEqual(['patrol']);
    expect(json.tiles[0]).toMatch(/\/restricted\/tiles\/city@[0-9a-f]+\/\{z\}\/\{x\}\/\{y\}\.mvt$/);
  });

  it('describes the restricted layers as a style to overlay, and answers their look-ups, only with the key', async () => {
    const withKey = { 'X-SafeMap-Key': AGENCY_KEY, Origin: AGENCY_ORIGIN };
    const styleAnswer = await httpGet(server.url, '/restricted/styles/city.json', withKey);
    expect(styleAnswer.status).toBe(200);
    expect(styleAnswer.headers['cache-control']).toBe('private, no-cache');
    expect(styleAnswer.headers['access-control-allow-origin']).toBe(AGENCY_ORIGIN);
    const style = JSON.parse(styleAnswer.body.toString());
    expect(style.metadata['safemap:layers'].map((layer: { id: string }) => layer.id)).toEqual(['patrol']);
    expect(style.metadata['safemap:layers'][0].properties).toEqual(['unit']);
    expect(style.sources.city.url).toMatch(/\/restricted\/tiles\/city\.json$/);
    expect(style.layers.length).toBeGreaterThan(0);
    for (const layer of style.layers) expect(layer.source).toBe('city');
    // The public sprite has no image for a restricted layer, so no icon layer may ask for one.
    expect(style.layers.some((layer: { layout?: Record<string, unknown> }) => layer.layout?.['icon-image'] !== undefined)).toBe(false);
    expect(JSON.stringify(style)).not.toContain('shelters');

    // The fixture's patrol layer publishes no name, so its search answers with no group; the browser test searches one.
    const lookups: Array<[string, string]> = [
      ['/restricted/tiles/city/features?bbox=129,35,130,36&layer=patrol', 'patrol-secret-unit'],
      ['/restricted/tiles/city/features/patrol/0', 'patrol-secret-unit'],
      ['/restricted/tiles/city/search?q=patrol', '"groups":'],
      ['/restricted/tiles/city/points/patrol', '"layer":"patrol"'],
    ];
    for (const [path, expected] of lookups) {
      const answer = await httpGet(server.url, path, withKey);
      expect(answer.status, path).toBe(200);
      expect(answer.body.toString(), path).toContain(expected);
      expect(answer.headers['cache-control'], path).toBe('private, no-cache');
      expect(answer.headers['access-control-allow-origin'], path).toBe(AGENCY_ORIGIN);
      expect(String(answer.headers.vary), path).toContain('X-SafeMap-Key');
      expect((await httpGet(server.url, path, { Origin: AGENCY_ORIGIN })).status, path).toBe(401);
      expect((await httpGet(server.url, path, { 'X-SafeMap-Key': AGENCY_KEY, Origin: 'https://evil.example' })).status, path).toBe(403);
    }
    // Nothing else is reachable under /restricted, not even with the key: no restricted catalogue lists tile sets.
    for (const path of ['/restricted/catalog', '/restricted/styles/town.json', '/restricted/tiles/city/features/shelters/0']) {
      expect([401, 403, 404], path).toContain((await httpGet(server.url, path, withKey)).status);
    }
    expect((await httpGet(server.url, '/restricted/styles/city.json', { Origin: AGENCY_ORIGIN })).status).toBe(401);
  });

  it('answers a CORS preflight for the key header', async () => {
    const response = await httpGet(server.url, tile, { Origin: AGENCY_ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-safemap-key' }, 'OPTIONS');
    expect(response.status).toBe(204);
    expect(String(response.headers['access-control-allow-headers'])).toContain('X-SafeMap-Key');
  });

  it('never writes a key to the log', async () => {
    await httpGet(server.url, `${tile}?key=${AGENCY_KEY}`, { Origin: AGENCY_ORIGIN });
    await httpGet(server.url, tile, { 'X-SafeMap-Key': AGENCY_KEY, Origin: AGENCY_ORIGIN });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(AGENCY_KEY);
  });
});
