// What `safemap export` writes, checked file by file: only the public split of the catalogue (a restricted layer's
// values and a non-allow-listed column's canary appear in no file, not even inside the compressed tiles), the
// published version when there is one (the same bytes), and the command line's refusals.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../packages/tile-server/src/archive/open_archive.js';
import { hashApiKey } from '../../packages/tile-server/src/security/api_keys.js';
import { AGENCY_KEY, DATA_CANARY, FILE_CANARY, createSecurityFixture } from '../security/security_fixture.js';

const run = promisify(execFile);
const CLI = 'packages/tile-server/bin/safemap.js';
/** The restricted patrol layer's only value (security_fixture.ts). */
const RESTRICTED_CANARY = 'patrol-secret-unit';
/** Around every feature of the fixture. */
const REGION: [number, number, number, number] = [129.0, 35.05, 129.1, 35.2];

const fixture = createSecurityFixture();
const site = path.join(fixture.root, 'site');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile());
}

function tileRange(z: number): { x: [number, number]; y: [number, number] } {
  const n = 2 ** z;
  const x = (lon: number) => Math.floor(((lon + 180) / 360) * n);
  const y = (lat: number) => Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n);
  return { x: [x(REGION[0]), x(REGION[2])], y: [y(REGION[3]), y(REGION[1])] };
}

beforeAll(async () => {
  const { stdout } = await run(process.execPath, [CLI, 'export', '--config', fixture.catalogPath, '-o', site]);
  expect(stdout).toMatch(/city: version [0-9a-f]{16} \(built now/);
}, 120_000);

afterAll(async () => {
  await rm(fixture.root, { recursive: true, force: true });
});

describe('safemap export writes only what the public may see', () => {
  it('leaves the restricted layer out of the catalogue, style and TileJSON', async () => {
    const catalog = JSON.parse(await readFile(path.join(site, 'catalog.json'), 'utf8'));
    expect(catalog.tilesets[0].layers.map((layer: { id: string }) => layer.id).sort()).toEqual(['cctv', 'hostile', 'shelters']);
    const style = JSON.parse(await readFile(path.join(site, 'styles', 'city.json'), 'utf8'));
    expect(style.layers.some((layer: { 'source-layer'?: string }) => layer['source-layer'] === 'patrol')).toBe(false);
    const tilejson = JSON.parse(await readFile(path.join(site, 'tiles', 'city.json'), 'utf8'));
    expect(tilejson.vector_layers.map((layer: { id: string }) => layer.id).sort()).toEqual(['cctv', 'hostile', 'shelters']);
  });

  it('links every document into the folder itself, relative to the document: no server route, no host', async () => {
    const links: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string' && /^(?:\/|https?:|pmtiles:)|\.(?:json|pmtiles)$/.test(value)) links.push(value);
      else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    for (const file of ['catalog.json', 'styles/city.json', 'tiles/city.json']) walk(JSON.parse(await readFile(path.join(site, file), 'utf8')));
    expect(links.length).toBeGreaterThan(4);
    for (const link of links) {
      expect(link, link).not.toMatch(/^(?:pmtiles:\/\/)?(?:\/|https?:)/);
      expect(link, link).not.toMatch(/\/(?:catalog|search|points|features)(?:$|[/?])/);
    }
  });

  it('puts no canary in any file: restricted values, non-allow-listed columns, files beside the data, key hashes', async () => {
    const canaries = [RESTRICTED_CANARY, DATA_CANARY, FILE_CANARY, hashApiKey(AGENCY_KEY)];
    const files = filesUnder(site);
    expect(files.length).toBeGreaterThan(10);
    let tiles = 0;
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const canary of canaries) expect(bytes.includes(canary), `${file} holds ${canary}`).toBe(false);
      if (!file.endsWith('.pmtiles')) continue;
      // Tiles are stored gzip-compressed: read each one back decompressed, over every zoom of the archive.
      const archive = await openArchive(file);
      try {
        expect(JSON.stringify(await archive.metadata())).not.toContain('patrol');
        for (let z = 0; z <= 18; z++) {
          const { x, y } = tileRange(z);
          for (let tx = x[0]; tx <= x[1]; tx++) {
            for (let ty = y[0]; ty <= y[1]; ty++) {
              const tile = await archive.getTile(z, tx, ty);
              if (!tile) continue;
              tiles++;
              const text = Buffer.from(tile);
              for (const canary of [...canaries, 'patrol']) expect(text.includes(canary), `${file} ${z}/${tx}/${ty} holds ${canary}`).toBe(false);
            }
          }
        }
      } finally {
        await archive.close();
      }
    }
    expect(tiles).toBeGreaterThan(10);
  });

  it('exports the published version itself when the configuration was published', async () => {
    await run(process.execPath, [CLI, 'build', '--config', fixture.catalogPath]);
    const pointer = JSON.parse(await readFile(path.join(fixture.root, 'tiles', 'city', 'current.json'), 'utf8'));
    const again = path.join(fixture.root, 'site-published');
    const { stdout } = await run(process.execPath, [CLI, 'export', '--config', fixture.catalogPath, '-o', again]);
    expect(stdout).toContain(`city: version ${pointer.version} (published)`);
    const exported = readFileSync(path.join(again, 'tiles', `city.${pointer.version}.pmtiles`));
    expect(createHash('sha256').update(exported).digest('hex')).toBe(createHash('sha256').update(readFileSync(path.join(fixture.root, 'tiles', 'city', pointer.archive))).digest('hex'));
  }, 120_000);

  it('refuses a non-empty output folder without -f, and a missing -o, with their exit codes', async () => {
    const busy = path.join(fixture.root, 'busy');
    await mkdir(busy);
    await writeFile(path.join(busy, 'keep.txt'), 'agency file\n');
    const refused = await run(process.execPath, [CLI, 'export', '--config', fixture.catalogPath, '-o', busy]).then(() => undefined, (error: { code: number; stderr: string }) => error);
    expect(refused?.code).toBe(8);
    expect(refused?.stderr).toContain('use -f');
    expect(readFileSync(path.join(busy, 'keep.txt'), 'utf8')).toBe('agency file\n');
    const usage = await run(process.execPath, [CLI, 'export', '--config', fixture.catalogPath]).then(() => undefined, (error: { code: number; stderr: string }) => error);
    expect(usage?.code).toBe(2);
    expect(usage?.stderr).toContain('-o DIR is required');
  }, 60_000);
});
