import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../packages/tile-server/src/index.js';
import { readPointer } from '../../packages/tile-server/src/publish/publish_pointer.js';
import { httpGet } from '../helpers/http_get.js';
import { makeMarkerCatalogue, tilesInRegion, writeMarkedSources, type MarkerCatalogue } from '../helpers/marker_catalogue.js';
import { cliBin, ensureServerBuilt, repoRoot } from '../helpers/server_process.js';
import { startTestServer } from '../helpers/start_test_server.js';
import { tileMarkers, tilePathFrom } from '../helpers/tile_markers.js';

/**
 * Two replicas over one published folder, as behind a load balancer. Replica B does not poll for publishes at all, the
 * worst case of the second it may lag: a client that read its TileJSON from replica A, already switched, still gets
 * every tile of the new version from B.
 */
let fixture: MarkerCatalogue;
const servers: RunningServer[] = [];

function build(catalog: string): void {
  const result = spawnSync(process.execPath, [cliBin, 'build', '-q', '--config', catalog], { cwd: repoRoot, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
}

beforeAll(async () => {
  ensureServerBuilt();
  fixture = await makeMarkerCatalogue(['town'], 3);
  await writeMarkedSources(fixture.dir, 'town', 'v0', 200);
  build(fixture.catalog);
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await rm(fixture.dir, { recursive: true, force: true });
});

describe('a replica behind on a publish', () => {
  it('serves the tiles of a version another replica already hands out, and still refuses versions that do not exist', async () => {
    const a = await startTestServer(fixture.catalog, { publishPollMs: 100 });
    const b = await startTestServer(fixture.catalog, { publishPollMs: 0 });
    servers.push(a, b);
    const v0 = (await readPointer(fixture.tilesetDir))!.version;

    await writeMarkedSources(fixture.dir, 'town', 'v1', 200);
    build(fixture.catalog);
    const v1 = (await readPointer(fixture.tilesetDir))!.version;
    expect(v1).not.toBe(v0);
    const tileJsonOf = async (url: string) => JSON.parse((await httpGet(url, '/tiles/town.json')).body.toString('utf8')) as { tiles: string[]; 'safemap:version': string };
    const deadline = Date.now() + 10_000;
    while ((await tileJsonOf(a.url))['safemap:version'] !== v1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const fromA = await tileJsonOf(a.url);
    expect(fromA['safemap:version']).toBe(v1);
    expect((await tileJsonOf(b.url))['safemap:version'], 'replica B has not seen the publish by itself').toBe(v0);

    // The client now asks replica B for tiles of the version A handed out: at once, all at the same time.
    const tiles = tilesInRegion(2);
    const answers = await Promise.all(tiles.map(({ z, x, y }) => httpGet(b.url, tilePathFrom(fromA.tiles[0]!, z, x, y), { 'Accept-Encoding': 'gzip' })));
    expect(answers.map((answer) => answer.status)).toEqual(tiles.map(() => 200));
    answers.forEach((answer, i) => expect(tileMarkers(answer, tiles[i]!.z, tiles[i]!.x, tiles[i]!.y)).toEqual(['v1']));
    expect((await tileJsonOf(b.url))['safemap:version'], 'replica B caught up').toBe(v1);

    // The old version's URLs keep their old tiles, and a version nobody published is still a 404.
    const { z, x, y } = tiles[0]!;
    const old = await httpGet(b.url, `/tiles/town@${v0}/${z}/${x}/${y}.mvt`, { 'Accept-Encoding': 'gzip' });
    expect(old.status).toBe(200);
    expect(tileMarkers(old, z, x, y)).toEqual(['v0']);
    const unknown = await httpGet(b.url, `/tiles/town@0123456789abcdef/${z}/${x}/${y}.mvt`);
    expect(unknown.status).toBe(404);
  }, 120_000);
});
