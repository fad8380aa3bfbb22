import { rm } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { publishCatalog as buildCatalog } from '../../packages/tile-server/src/publish/publish_catalog.js';
import { silentProgress } from '../../packages/tile-server/src/tiling/progress.js';
import { loadCatalog } from '../../packages/tile-server/src/catalog/load_catalog.js';
import type { RunningServer } from '../../packages/tile-server/src/index.js';
import { rollbackVersion } from '../../packages/tile-server/src/publish/publish_version.js';
import { decodeTile } from '../helpers/decode_tile.js';
import { httpGet } from '../helpers/http_get.js';
import { startTestServer } from '../helpers/start_test_server.js';
import { FIRST_BELL_TILE, makeCatalogue, writeBells } from './publish_fixture.js';

let server: RunningServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function publish(catalog: string): Promise<string> {
  const [result] = await buildCatalog(await loadCatalog(catalog), { progress: silentProgress });
  return result!.publish.version;
}

async function tileJson(): Promise<{ tiles: string[]; 'safemap:version': string }> {
  const response = await httpGet(server!.url, '/tiles/town.json');
  expect(response.status).toBe(200);
  return JSON.parse(response.body.toString('utf8'));
}

/** The names of the bells in the first bell's z14 tile, fetched by a URL template from a TileJSON. */
async function namesAt(template: string): Promise<string[]> {
  const { z, x, y } = FIRST_BELL_TILE;
  const url = new URL(template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)));
  const response = await httpGet(server!.url, url.pathname, { 'Accept-Encoding': 'gzip' });
  expect(response.status, url.pathname).toBe(200);
  const body = response.headers['content-encoding'] === 'gzip' ? gunzipSync(response.body) : response.body;
  return decodeTile(body, z, x, y).bells!.properties.map((p) => String(p.name));
}

async function waitForVersion(version: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await tileJson())['safemap:version'] === version) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the server never switched to ${version}`);
}

describe('the running server and published versions', () => {
  it('switches to a newly published version without restart, and old versioned URLs keep their old tiles', async () => {
    const fixture = await makeCatalogue(3);
    dirs.push(fixture.dir);
    await writeBells(fixture.csv, 300, '구판');
    const first = await publish(fixture.catalog);
    server = await startTestServer(fixture.catalog, { publishPollMs: 100 });
    const before = await tileJson();
    expect(before['safemap:version']).toBe(first);
    expect(before.tiles[0]).toContain(`/tiles/town@${first}/`);
    expect(await namesAt(before.tiles[0]!)).toContain('구판 0');

    await writeBells(fixture.csv, 300, '신판');
    const second = await publish(fixture.catalog);
    expect(second).not.toBe(first);
    await waitForVersion(second);
    const after = await tileJson();
    expect(after.tiles[0]).toContain(`/tiles/town@${second}/`);
    // A client that loaded the old TileJSON keeps getting the old version, never a mix.
    const oldNames = await namesAt(before.tiles[0]!);
    expect(oldNames).toContain('구판 0');
    expect(oldNames.every((name) => name.startsWith('구판'))).toBe(true);
    const newNames = await namesAt(after.tiles[0]!);
    expect(newNames).toContain('신판 0');
    expect(newNames.every((name) => name.startsWith('신판'))).toBe(true);

    await rollbackVersion(fixture.tilesetDir);
    await waitForVersion(first);
    expect(await namesAt((await tileJson()).tiles[0]!)).toContain('구판 0');
    const gone = await httpGet(server.url, `/tiles/town@${'f'.repeat(16)}/0/0/0.mvt`);
    expect(gone.status).toBe(404);
  });
});
