import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startServer, type RunningServer, type ServerOptions } from '../../packages/tile-server/src/index.js';
import { hashApiKey } from '../../packages/tile-server/src/security/api_keys.js';

/** Values that must never leave the server: in a non-allow-listed column, and in a file outside the served folders. */
export const DATA_CANARY = 'CANARY-DATA-7f3a9c';
export const FILE_CANARY = 'CANARY-FILE-5be21d';
export const AGENCY_KEY = 'sk-agency-2f9d1e7c4b';
export const AGENCY_ORIGIN = 'https://agency.example.go.kr';

export interface SecurityFixture {
  readonly root: string;
  readonly catalogPath: string;
  readonly examplesDir: string;
  readonly widgetDir: string;
  /** Where the CCTV cameras really are, before snapping. */
  readonly cameras: ReadonlyArray<{ lon: number; lat: number }>;
}

/**
 * A tile set on disk with a public layer carrying a canary column, a CCTV layer with a precision grid, a restricted
 * patrol layer unlocked by one origin-bound key, and a secret file next to (not inside) the served folders.
 */
export function createSecurityFixture(): SecurityFixture {
  const root = mkdtempSync(path.join(tmpdir(), 'safemap-security-'));
  const data = path.join(root, 'data');
  const examplesDir = path.join(root, 'examples');
  const widgetDir = path.join(root, 'widget');
  for (const dir of [data, examplesDir, widgetDir]) mkdirSync(dir);
  writeFileSync(path.join(root, 'secret.txt'), `${FILE_CANARY}\n`);
  writeFileSync(path.join(examplesDir, 'secret.txt'), `${FILE_CANARY}\n`);
  writeFileSync(path.join(examplesDir, 'index.html'), '<!doctype html><title>agency</title><safety-map></safety-map>\n');
  writeFileSync(path.join(examplesDir, 'agency.css'), 'body { margin: 0 }\n');
  writeFileSync(path.join(examplesDir, 'data.csv'), `name,secret\nx,${FILE_CANARY}\n`);
  writeFileSync(path.join(widgetDir, 'safemap-widget.js'), 'export {};\n');

  const shelters = ['name,memo,lat,lon'];
  for (let i = 0; i < 40; i++) shelters.push(`shelter ${i},${DATA_CANARY}-${i},${(35.1 + i * 0.001).toFixed(4)},${(129.03 + i * 0.001).toFixed(4)}`);
  writeFileSync(path.join(data, 'shelters.csv'), `${shelters.join('\n')}\n`);

  const cameras = Array.from({ length: 20 }, (_, i) => ({ lon: 129.0412 + i * 0.00037, lat: 35.1134 + i * 0.00029 }));
  writeFileSync(path.join(data, 'cctv.csv'), `purpose,operator,lat,lon\n${cameras.map((c, i) => `방범,${DATA_CANARY}-op${i},${c.lat},${c.lon}`).join('\n')}\n`);
  writeFileSync(path.join(data, 'patrol.csv'), `unit,lat,lon\npatrol-secret-unit,35.105,129.035\n`);
  writeFileSync(
    path.join(data, 'hostile.geojson'),
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: JSON.parse(`{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "name": "hostile", "toString": "x"}`),
          geometry: { type: 'Point', coordinates: [129.05, 35.11] },
        },
      ],
    }),
  );

  const point = (id: string, file: string, properties: Record<string, string>, extra: Record<string, unknown> = {}) => ({
    id,
    title: { ko: id, en: id },
    geometry: 'point',
    source: { path: `data/${file}`, columns: { lat: 'lat', lon: 'lon' } },
    minzoom: 0,
    maxzoom: 18,
    properties,
    attribution: `${id} test data`,
    ...extra,
  });
  const catalog = {
    tilesets: [
      {
        id: 'city',
        title: { ko: '도시', en: 'City' },
        layers: [
          point('shelters', 'shelters.csv', { name: 'string' }),
          point('cctv', 'cctv.csv', { purpose: 'string' }, { precision: { gridMeters: 50, maxzoom: 15 } }),
          point('patrol', 'patrol.csv', { unit: 'string' }, { access: 'restricted' }),
          {
            id: 'hostile',
            title: { ko: 'hostile', en: 'hostile' },
            geometry: 'point',
            source: { path: 'data/hostile.geojson' },
            properties: { name: 'string', toString: 'string' },
            attribution: 'hostile test data',
          },
        ],
      },
    ],
    apiKeys: [
      { id: 'agency', sha256: hashApiKey(AGENCY_KEY), origins: [AGENCY_ORIGIN], tilesets: ['city'] },
      { id: 'elsewhere', sha256: hashApiKey('sk-other-tileset'), origins: ['*'], tilesets: ['town'] },
    ],
  };
  const catalogPath = path.join(root, 'catalog.json');
  writeFileSync(catalogPath, JSON.stringify(catalog, null, 2));
  return { root, catalogPath, examplesDir, widgetDir, cameras };
}

/** A pino logger writing JSON lines into memory, as a log shipper would receive them. */
export function capturedLogger(level = 'info') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level, base: undefined }, stream), lines };
}

/** A real server on 127.0.0.1:0 over the fixture's catalogue and folders, with any extra options. */
export function startFixtureServer(fixture: SecurityFixture, extra: Partial<ServerOptions> = {}): Promise<RunningServer> {
  return startServer({ catalogPath: fixture.catalogPath, host: '127.0.0.1', port: 0, examplesDir: fixture.examplesDir, widgetDir: fixture.widgetDir, ...extra });
}
