import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tileForPosition, type RunningServer } from '../../packages/tile-server/src/index.js';
import { httpGet } from '../helpers/http_get.js';
import { createSecurityFixture, startFixtureServer } from '../security/security_fixture.js';

/**
 * Snapshot of every route's response headers, normalised so only policy shows: dates, validators and lengths are
 * replaced by placeholders. A change here is a change of security policy: review the diff, then `UPDATE=1 npx vitest
 * run test/http/golden_headers.test.ts` to accept it.
 */
const goldenFile = new URL('./golden/headers.json', import.meta.url);
const fixture = createSecurityFixture();
let server: RunningServer;

beforeAll(async () => {
  server = await startFixtureServer(fixture);
});
afterAll(async () => {
  await server?.close();
});

const placeholders: Record<string, string> = {
  date: '<date>',
  etag: '<etag>',
  'last-modified': '<date>',
  'content-length': '<length>',
  'keep-alive': '<keep-alive>',
};

/**
 * Why each header may appear on a response. A header that is not listed here fails the test: adding one to any route
 * means writing down what it protects or does.
 */
const headerReasons: Record<string, string> = {
  'accept-ranges': 'static files: lets clients resume',
  'access-control-allow-origin': 'public data is readable by the pages of other origins (CORS)',
  'access-control-allow-methods': 'preflight: only safe methods',
  'access-control-allow-headers': 'preflight: revalidation and the restricted-layer key',
  'access-control-max-age': 'preflight: browsers need not repeat it for 10 minutes',
  allow: 'which methods the resource answers (405 and OPTIONS)',
  'cache-control': 'how long browsers and proxies may keep the answer',
  connection: 'HTTP framing',
  'content-encoding': 'gzip tiles sent as stored; documents and look-ups brotli or gzip when the client takes them',
  'content-length': 'HTTP framing',
  'content-security-policy': 'documents only: what a rendered page may load; data and problems: nothing',
  'content-type': 'what the bytes are; with nosniff, browsers never guess',
  'cross-origin-opener-policy': 'documents only: isolates the page from windows it opens',
  'cross-origin-resource-policy': 'who may embed the resource; cross-origin for data, same-origin for pages',
  date: 'HTTP requires it of origin servers',
  etag: 'strong validator for 304s',
  'keep-alive': 'HTTP framing',
  'last-modified': 'validator for static files',
  'origin-agent-cluster': 'documents only: process isolation hint',
  'ratelimit': 'rate limit state (draft-7) on the non-tile routes',
  'ratelimit-policy': 'rate limit policy (draft-7) on the non-tile routes',
  'referrer-policy': 'documents only: no referrer leaves a page',
  'strict-transport-security': 'every response may be the first one over HTTPS: pin HTTPS',
  vary: 'caches keep one copy per encoding (and origin, with a CORS list; and Host, for links built from an allowed Host)',
  'www-authenticate': 'restricted layers: how to authenticate',
  'x-content-type-options': 'never sniff: a tile or JSON body is never run as script or HTML',
  'x-dns-prefetch-control': 'documents only: no DNS prefetch from links',
  'x-download-options': 'documents only: old IE download handling',
  'x-frame-options': 'documents only: framing, for browsers without frame-ancestors',
  'x-permitted-cross-domain-policies': 'documents only: Flash/PDF cross-domain policies',
  'x-xss-protection': 'documents only: turns the broken legacy filter off',
};

/** What a tile (200, 204, 304, HEAD and its preflight) may carry: the headers that mean something on binary data. */
const tileHeaders = new Set([
  'access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-max-age', 'allow',
  'cache-control', 'connection', 'content-encoding', 'content-length', 'content-type', 'cross-origin-resource-policy', 'date',
  'etag', 'keep-alive', 'strict-transport-security', 'vary', 'x-content-type-options',
]);

function normalise(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers).sort()) {
    const value = headers[name];
    out[name] = placeholders[name] ?? (Array.isArray(value) ? value.join(', ') : String(value));
  }
  return out;
}

describe('golden response headers', () => {
  it('match the committed snapshot for every route', async () => {
    const { x, y } = tileForPosition(129.045, 35.115, 12);
    const tile = `/tiles/city/12/${x}/${y}.mvt`;
    const first = await httpGet(server.url, tile, { 'Accept-Encoding': 'gzip' });
    const version = JSON.parse((await httpGet(server.url, '/tiles/city.json')).body.toString()).tiles[0].match(/@([0-9a-f]+)\//)[1];
    const origin = { Origin: 'https://agency.example.go.kr' };
    const cases: Array<[string, string, string, Record<string, string>?]> = [
      ['page /', 'GET', '/'],
      ['page asset', 'GET', '/page/agency.css'],
      ['widget bundle', 'GET', '/widget/safemap-widget.js', origin],
      ['catalogue', 'GET', '/catalog', origin],
      ['TileJSON', 'GET', '/tiles/city.json', origin],
      ['style', 'GET', '/styles/city.json', origin],
      ['feature look-up', 'GET', '/tiles/city/features?bbox=129,35,130,36&limit=1', origin],
      ['tile 200 gzip', 'GET', tile, { ...origin, 'Accept-Encoding': 'gzip' }],
      ['tile 200 versioned', 'GET', tile.replace('/city/', `/city@${version}/`), { 'Accept-Encoding': 'gzip' }],
      ['tile 304', 'GET', tile, { 'Accept-Encoding': 'gzip', 'If-None-Match': String(first.headers.etag) }],
      ['tile 204 empty', 'GET', '/tiles/city/14/0/0.mvt'],
      ['tile HEAD', 'HEAD', tile],
      ['tile 400', 'GET', '/tiles/city/99/0/0.mvt'],
      ['tile 404', 'GET', '/tiles/nope/0/0/0.mvt'],
      ['tile 405', 'DELETE', tile],
      ['tile preflight', 'OPTIONS', tile, { ...origin, 'Access-Control-Request-Method': 'GET' }],
      ['catalogue preflight', 'OPTIONS', '/catalog', { ...origin, 'Access-Control-Request-Method': 'GET' }],
      ['not found', 'GET', '/nothing/<script>'],
      ['data file refused', 'GET', '/examples/data.csv'],
      ['restricted 401', 'GET', '/restricted/tiles/city.json'],
      ['healthz', 'GET', '/healthz'],
      ['readyz', 'GET', '/readyz'],
    ];
    const actual: Record<string, { status: number; headers: Record<string, string> }> = {};
    for (const [name, method, path, headers] of cases) {
      const response = await httpGet(server.url, path, headers ?? {}, method);
      actual[`${name}: ${method} ${path.replace(version, '<version>').replace(/\/\d+\/\d+\/\d+\.mvt$/, '/{z}/{x}/{y}.mvt')}`] = { status: response.status, headers: normalise(response.headers) };
    }
    for (const [name, { status, headers }] of Object.entries(actual)) {
      expect(headers['x-content-type-options'], name).toBe('nosniff');
      expect(status, name).toBeLessThan(500);
      for (const header of Object.keys(headers)) expect(headerReasons[header], `${name}: why ${header}?`).toBeDefined();
      if (/^tile (200|304|204|HEAD|preflight)/.test(name)) {
        expect(Object.keys(headers).filter((header) => !tileHeaders.has(header)), name).toEqual([]);
        expect(headers['cross-origin-resource-policy'], name).toBe('cross-origin');
      } else {
        expect(headers['content-security-policy'], name).toBeDefined();
      }
    }
    if (process.env.UPDATE === '1') writeFileSync(goldenFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(goldenFile, 'utf8')));
  });

  it('lets a configured frame-ancestors list frame pages, replacing X-Frame-Options', async () => {
    const framed = await startFixtureServer(fixture, { frameAncestors: ["'self'", 'https://agency.example.go.kr'] });
    try {
      const page = await httpGet(framed.url, '/');
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'self' https://agency.example.go.kr");
      expect(page.headers['x-frame-options']).toBeUndefined();
      const data = await httpGet(framed.url, '/catalog');
      expect(data.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    } finally {
      await framed.close();
    }
  });
});
