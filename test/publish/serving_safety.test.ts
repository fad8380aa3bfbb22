import { spawnSync } from 'node:child_process';
import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../packages/tile-server/src/index.js';
import { readPointer, writePointer } from '../../packages/tile-server/src/publish/publish_pointer.js';
import { decodeTile } from '../helpers/decode_tile.js';
import { httpGet } from '../helpers/http_get.js';
import { cliBin, ensureServerBuilt, startServerProcess, type ServerProcess } from '../helpers/server_process.js';
import { startTestServer } from '../helpers/start_test_server.js';
import { FIRST_BELL_TILE, makeCatalogue, writeBells } from './publish_fixture.js';

const dirs: string[] = [];
let process_: ServerProcess | undefined;
let inProcess: RunningServer | undefined;
afterEach(async () => {
  await process_?.stop();
  process_ = undefined;
  await inProcess?.close();
  inProcess = undefined;
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function safemap(args: string[]) {
  const run = spawnSync(process.execPath, [cliBin, ...args], { encoding: 'utf8', timeout: 120_000 });
  expect(run.status, run.stderr).toBe(0);
  return run;
}

/** A tile set of two layers: bells (name, district) and shelters (name), from two CSV files. */
async function twoLayerCatalogue(): Promise<{ dir: string; catalog: string; tilesetDir: string; json: Record<string, any> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'safemap-withdraw-'));
  const json = {
    publish: { dir: 'published', keep: 3 },
    tilesets: [
      {
        id: 'town',
        title: { ko: '마을', en: 'Town' },
        layers: [
          {
            id: 'bells',
            title: { ko: '비상벨', en: 'Bells' },
            geometry: 'point',
            source: { path: 'bells.csv' },
            properties: { name: 'string', district: 'string' },
            attribution: 'test data',
          },
          {
            id: 'shelters',
            title: { ko: '대피소', en: 'Shelters' },
            geometry: 'point',
            source: { path: 'shelters.csv' },
            properties: { name: 'string' },
            attribution: 'test data',
          },
        ],
      },
    ],
  };
  const catalog = path.join(dir, 'catalog.json');
  await writeFile(catalog, JSON.stringify(json));
  return { dir, catalog, tilesetDir: path.join(dir, 'published', 'town'), json };
}

async function writeLayers(dir: string, label: string): Promise<void> {
  const bells = ['name,district,lat,lon'];
  const shelters = ['name,lat,lon'];
  for (let i = 0; i < 20; i++) {
    bells.push(`${label} 벨 ${i},해운대구,${(35.16 + i / 1000).toFixed(4)},${(129.16 + i / 1000).toFixed(4)}`);
    shelters.push(`${label} 대피소 ${i},${(35.17 + i / 1000).toFixed(4)},${(129.15 + i / 1000).toFixed(4)}`);
  }
  await writeFile(path.join(dir, 'bells.csv'), `${bells.join('\n')}\n`);
  await writeFile(path.join(dir, 'shelters.csv'), `${shelters.join('\n')}\n`);
}

const withdrawals: ReadonlyArray<{ what: string; edit: (json: Record<string, any>) => void; earlierServed: boolean }> = [
  { what: 'a layer made restricted', edit: (json) => (json.tilesets[0].layers[1].access = 'restricted'), earlierServed: false },
  { what: 'a property removed from the allow-list', edit: (json) => delete json.tilesets[0].layers[0].properties.district, earlierServed: false },
  { what: 'a precision grid added', edit: (json) => (json.tilesets[0].layers[0].precision = { gridMeters: 200, maxzoom: 14 }), earlierServed: false },
  { what: 'only the title changed (control)', edit: (json) => (json.tilesets[0].title.en = 'Town, renamed'), earlierServed: true },
];

describe('versions holding withdrawn data stop being served', () => {
  it.each(withdrawals)('$what: earlier versions answer 404 unless they still fit the catalogue', async ({ edit, earlierServed }) => {
    ensureServerBuilt();
    const fixture = await twoLayerCatalogue();
    dirs.push(fixture.dir);
    const versions: string[] = [];
    for (const label of ['하나', '둘']) {
      await writeLayers(fixture.dir, label);
      safemap(['build', '-q', '--config', fixture.catalog]);
      versions.push((await readPointer(fixture.tilesetDir))!.version);
    }
    edit(fixture.json);
    await writeFile(fixture.catalog, JSON.stringify(fixture.json));
    // Republished under the new catalogue: the earlier versions stay on disk (keep 3) and in the pointer's history.
    await writeLayers(fixture.dir, '셋');
    safemap(['build', '-q', '--config', fixture.catalog]);
    const pointer = (await readPointer(fixture.tilesetDir))!;
    expect(pointer.history).toEqual([versions[1], versions[0]]);

    inProcess = await startTestServer(fixture.catalog, { publishPollMs: 0 });
    expect((await httpGet(inProcess.url, `/tiles/town@${pointer.version}/0/0/0.mvt`)).status).toBe(200);
    for (const version of versions) {
      const response = await httpGet(inProcess.url, `/tiles/town@${version}/0/0/0.mvt`);
      expect(response.status, version).toBe(earlierServed ? 200 : 404);
    }
  }, 120_000);
});

describe('start-up and reload with a good published version', () => {
  const brokenSources = [
    { what: 'a source that no longer reads', write: (csv: string) => writeFile(csv, 'this is not the export,it was\n\u0000\u0001\u0002 cut short'), reason: /build failed: / },
    {
      what: 'a source whose every row is quarantined',
      write: (csv: string) => writeFile(csv, `name,lat,lon\n${Array.from({ length: 50 }, (_, i) => `파리 ${i},48.85,${(2.3 + i / 1000).toFixed(3)}`).join('\n')}\n`),
      reason: /build failed: the publish guard refused the build \(bells 50 → 0 features\)/,
    },
  ];
  it.each(brokenSources)('$what never stops serve: the published version is served and the log says why the rebuild failed', async ({ write, reason }) => {
    ensureServerBuilt();
    const fixture = await makeCatalogue(3);
    dirs.push(fixture.dir);
    await writeBells(fixture.csv, 50, '좋은');
    safemap(['build', '-q', '--config', fixture.catalog]);
    const good = (await readPointer(fixture.tilesetDir))!.version;
    // The catalogue changed since (so the server must build this configuration) and the source is now garbage.
    const catalogue = JSON.parse(await readFile(fixture.catalog, 'utf8'));
    catalogue.tilesets[0].title.en = 'Town (new title)';
    await writeFile(fixture.catalog, JSON.stringify(catalogue));
    await write(fixture.csv);

    process_ = await startServerProcess(fixture.catalog, [], {}, 60_000);
    expect((await httpGet(process_.url, '/readyz')).status).toBe(200);
    const tileJson = await httpGet(process_.url, '/tiles/town.json');
    expect(tileJson.status).toBe(200);
    expect(JSON.parse(tileJson.body.toString('utf8'))['safemap:version']).toBe(good);
    const failure = process_
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; level: number; tileset?: string })
      .find((line) => line.tileset === 'town' && line.msg.startsWith('build failed:'));
    expect(failure, process_.output()).toBeDefined();
    expect(failure!.level).toBeGreaterThanOrEqual(50);
    expect(failure!.msg).toMatch(reason);
    expect(failure!.msg).toContain(`serving the published version ${good}`);
    expect(process_.alive()).toBe(true);
  }, 120_000);

  it('an archive damaged in place is refused on reload while the verified copy keeps serving whole tiles; TileJSON revalidates by strong ETag', async () => {
    ensureServerBuilt();
    const fixture = await makeCatalogue(3);
    dirs.push(fixture.dir);
    await writeBells(fixture.csv, 300, '원본');
    safemap(['build', '-q', '--config', fixture.catalog]);
    const pointer = (await readPointer(fixture.tilesetDir))!;
    process_ = await startServerProcess(fixture.catalog, [], {}, 60_000);

    const first = await httpGet(process_.url, '/tiles/town.json');
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    expect((await httpGet(process_.url, '/tiles/town.json', { 'If-None-Match': etag })).status).toBe(304);
    expect((await httpGet(process_.url, '/styles/town.json')).headers['cache-control']).toBe('public, no-cache');
    expect((await httpGet(process_.url, '/catalog')).headers['cache-control']).toBe('public, no-cache');

    // Zero the second half of the published file in place (same inode): tile data and directories are gone there.
    const file = path.join(fixture.tilesetDir, pointer.archive);
    const { size } = await stat(file);
    const handle = await open(file, 'r+');
    await handle.write(Buffer.alloc(size - Math.floor(size / 2)), 0, size - Math.floor(size / 2), Math.floor(size / 2));
    await handle.close();
    // Re-writing the pointer makes the server reload and re-check the files it names.
    await writePointer(fixture.tilesetDir, pointer);
    let refusal: { msg: string; file?: string } | undefined;
    for (let i = 0; i < 100 && !refusal; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      refusal = process_
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg: string; code?: string; file?: string })
        .find((line) => line.code === 'ARCHIVE_INVALID' && line.file === file);
    }
    expect(refusal, process_.output()).toBeDefined();
    expect(refusal!.msg).toContain('do not match');

    // Still the same version, every tile (none requested before) whole and right.
    const tileJson = JSON.parse((await httpGet(process_.url, '/tiles/town.json')).body.toString('utf8')) as { tiles: string[]; 'safemap:version': string };
    expect(tileJson['safemap:version']).toBe(pointer.version);
    const { z, x, y } = FIRST_BELL_TILE;
    const tilePath = new URL(tileJson.tiles[0]!.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y))).pathname;
    const response = await httpGet(process_.url, tilePath, { 'Accept-Encoding': 'gzip' });
    expect(response.status).toBe(200);
    const body = response.headers['content-encoding'] === 'gzip' ? gunzipSync(response.body) : response.body;
    const names = decodeTile(body, z, x, y).bells!.properties.map((p) => String(p.name));
    expect(names).toContain('원본 0');
    expect(names.every((name) => name.startsWith('원본'))).toBe(true);
    const features = await httpGet(process_.url, '/tiles/town/features?bbox=128,34,131,37&limit=1000');
    expect((JSON.parse(features.body.toString('utf8')) as { features: unknown[] }).features).toHaveLength(300);
    expect(process_.alive()).toBe(true);
  }, 120_000);
});
