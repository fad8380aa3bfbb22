import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { exitCodes } from '../../packages/tile-server/src/cli/exit_codes.js';
import type { RunningServer } from '../../packages/tile-server/src/index.js';
import { readPointer } from '../../packages/tile-server/src/publish/publish_pointer.js';
import { decodeTile } from '../helpers/decode_tile.js';
import { httpGet } from '../helpers/http_get.js';
import { cliBin, ensureServerBuilt, startServerProcess, type ServerProcess } from '../helpers/server_process.js';
import { startTestServer } from '../helpers/start_test_server.js';
import { FIRST_BELL_TILE, makeCatalogue, writeBells } from './publish_fixture.js';

const dirs: string[] = [];
let server: ServerProcess | undefined;
let inProcess: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  await inProcess?.close();
  inProcess = undefined;
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function safemap(args: string[]) {
  return spawnSync(process.execPath, [cliBin, ...args], { encoding: 'utf8', timeout: 120_000 });
}

/** The same CLI without blocking this process, so an in-test server could answer it. */
function safemapAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliBin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function servedVersion(url: string): Promise<string> {
  const response = await httpGet(url, '/tiles/town.json');
  expect(response.status).toBe(200);
  return JSON.parse(response.body.toString('utf8'))['safemap:version'];
}

/** Names of the bells in the first bell's z14 tile as the server serves it now, and every name its look-ups hold. */
async function whatResidentsSee(url: string): Promise<{ tile: string[]; lookups: string[] }> {
  const tileJson = JSON.parse((await httpGet(url, '/tiles/town.json')).body.toString('utf8')) as { tiles: string[] };
  const { z, x, y } = FIRST_BELL_TILE;
  const tilePath = new URL(tileJson.tiles[0]!.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y))).pathname;
  const tile = await httpGet(url, tilePath, { 'Accept-Encoding': 'gzip' });
  expect(tile.status).toBe(200);
  const body = tile.headers['content-encoding'] === 'gzip' ? gunzipSync(tile.body) : tile.body;
  const features = await httpGet(url, '/tiles/town/features?bbox=128,34,131,37&limit=1000');
  expect(features.status).toBe(200);
  return {
    tile: decodeTile(body, z, x, y).bells!.properties.map((p) => String(p.name)),
    lookups: (JSON.parse(features.body.toString('utf8')) as { features: Array<{ properties: { name: string } }> }).features.map((f) => f.properties.name),
  };
}

describe('safemap versions', () => {
  it('lists every kept version with build time, catalogue hash, sources and features, marks the live one, and pruning keeps the last version that passed the guard', async () => {
    ensureServerBuilt();
    const fixture = await makeCatalogue(2);
    dirs.push(fixture.dir);
    await writeBells(fixture.csv, 100, '하나');
    expect(safemap(['build', '-q', '--config', fixture.catalog]).status).toBe(0);
    const good = (await readPointer(fixture.tilesetDir))!.version;
    const goodSource = await sha256(fixture.csv);
    // Two forced publishes, each losing most of the layer: with keep 2 they would push the good version out.
    await writeBells(fixture.csv, 30, '둘');
    expect(safemap(['build', '-q', '--allow-shrink', '--config', fixture.catalog]).status).toBe(0);
    await writeBells(fixture.csv, 10, '셋');
    expect(safemap(['build', '-q', '--allow-shrink', '--config', fixture.catalog]).status).toBe(0);
    const pointer = (await readPointer(fixture.tilesetDir))!;
    expect(pointer.history).toContain(good);

    const listed = safemap(['versions', '--json', '--config', fixture.catalog]);
    expect(listed.status, listed.stderr).toBe(0);
    const { tilesets } = JSON.parse(listed.stdout);
    const versions = tilesets[0].versions as Array<{ version: string; current: boolean; builtAt: string; guard: string; featuresPerLayer: Record<string, number>; catalogue: { file: string; sha256: string }; sources: Array<{ path: string; sha256: string }> }>;
    expect(versions.map((v) => v.featuresPerLayer.bells)).toEqual([10, 30, 100]);
    expect(versions.map((v) => v.current)).toEqual([true, false, false]);
    expect(versions.map((v) => v.guard)).toEqual(['forced', 'forced', 'passed']);
    expect(versions[0]!.version).toBe(pointer.version);
    expect(versions[2]).toMatchObject({ version: good, catalogue: { file: 'catalog.json', sha256: await sha256(fixture.catalog) }, sources: [{ path: 'bells.csv', sha256: goodSource }] });
    expect(Date.parse(versions[2]!.builtAt)).toBeLessThanOrEqual(Date.parse(versions[0]!.builtAt));
    expect(Date.now() - Date.parse(versions[0]!.builtAt)).toBeLessThan(300_000);

    const text = safemap(['versions', '--config', fixture.catalog]);
    expect(text.stdout).toContain(`* ${pointer.version}  built `);
    expect(text.stdout).toContain('LIVE  published with --allow-shrink');
    expect(text.stdout).toContain(`  ${good}  built `);
    expect(text.stdout).toContain(`source bells: bells.csv sha256 ${goodSource.slice(0, 16)}`);
    expect(text.stdout).toContain('features bells 100');

    // The good version is still there to return to, by name.
    const back = safemap(['rollback', '--config', fixture.catalog, 'town', '--to', good.slice(0, 8), '--server', `http://127.0.0.1:${await closedPort()}`]);
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toContain(`town: ${pointer.version} → ${good}`);
    expect(back.stdout).toMatch(/no server answered at http:\/\/127\.0\.0\.1:\d+ .*the pointer is switched/);
    expect((await readPointer(fixture.tilesetDir))!.version).toBe(good);
  }, 180_000);
});

describe('safemap rollback --to', () => {
  it('serves exactly that version, tiles and look-ups, though the catalogue and the sources changed since, and confirms it from the running server', async () => {
    ensureServerBuilt();
    const fixture = await makeCatalogue(3);
    dirs.push(fixture.dir);
    await writeBells(fixture.csv, 40, '구판');
    expect(safemap(['build', '-q', '--config', fixture.catalog]).status).toBe(0);
    const first = (await readPointer(fixture.tilesetDir))!.version;
    await writeBells(fixture.csv, 40, '신판');
    expect(safemap(['build', '-q', '--config', fixture.catalog]).status).toBe(0);
    const second = (await readPointer(fixture.tilesetDir))!.version;

    // Today: another title in the catalogue (another configuration) and other data on disk, not published.
    const catalogue = JSON.parse(await readFile(fixture.catalog, 'utf8'));
    catalogue.tilesets[0].title.en = 'Town (edited)';
    await writeFile(fixture.catalog, JSON.stringify(catalogue));
    await writeBells(fixture.csv, 40, '오늘');
    server = await startServerProcess(fixture.catalog, [], {}, 60_000);
    // Nothing is published for today's configuration: the server builds it from today's sources.
    const live = await servedVersion(server.url);
    expect([first, second]).not.toContain(live);
    expect((await whatResidentsSee(server.url)).tile).toContain('오늘 0');

    const run = await safemapAsync(['rollback', '--config', fixture.catalog, 'town', '--to', first, '--server', server.url]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`town: ${second} → ${first}`);
    expect(run.stdout).toMatch(new RegExp(`the server at ${server.url.replace(/[.]/g, '\\.')} serves ${first} \\(confirmed after [\\d.]+ s\\)`));
    expect(await servedVersion(server.url)).toBe(first);
    const seen = await whatResidentsSee(server.url);
    expect(seen.tile).toContain('구판 0');
    expect(seen.tile.every((name) => name.startsWith('구판'))).toBe(true);
    expect(seen.lookups).toHaveLength(40);
    expect(seen.lookups.every((name) => name.startsWith('구판'))).toBe(true);
  }, 180_000);

  it('refuses a version that holds data the catalogue has since withdrawn, and an unknown version', async () => {
    const fixture = await makeCatalogue(3);
    dirs.push(fixture.dir);
    await writeBells(fixture.csv, 20, 'A');
    expect(safemap(['build', '-q', '--config', fixture.catalog]).status).toBe(0);
    const first = (await readPointer(fixture.tilesetDir))!.version;
    await writeBells(fixture.csv, 20, 'B');
    expect(safemap(['build', '-q', '--config', fixture.catalog]).status).toBe(0);
    const pointerBytes = await readFile(path.join(fixture.tilesetDir, 'current.json'));
    const catalogue = JSON.parse(await readFile(fixture.catalog, 'utf8'));
    catalogue.tilesets[0].layers[0].precision = { gridMeters: 100, maxzoom: 12 };
    await writeFile(fixture.catalog, JSON.stringify(catalogue));
    const refused = safemap(['rollback', '--config', fixture.catalog, 'town', '--to', first, '--wait', '0']);
    expect(refused.status).toBe(exitCodes.noPreviousVersion);
    expect(refused.stderr).toContain(`town: version ${first} can no longer be served: layer bells now has a 100 m precision grid`);
    const unknown = safemap(['rollback', '--config', fixture.catalog, 'town', '--to', 'abcdef', '--wait', '0']);
    expect(unknown.status).toBe(exitCodes.noPreviousVersion);
    expect(unknown.stderr).toContain('no kept version abcdef');
    expect(await readFile(path.join(fixture.tilesetDir, 'current.json'))).toEqual(pointerBytes);
    expect(safemap(['rollback', 'town']).status).toBe(exitCodes.usage);
  }, 120_000);

  it('exits 12 when the server that answers does not follow: the pointer is switched but residents still see another version', async () => {
    const fixture = await makeCatalogue(3);
    dirs.push(fixture.dir);
    await writeBells(fixture.csv, 20, 'A');
    expect(safemap(['build', '-q', '--config', fixture.catalog]).status).toBe(0);
    const first = (await readPointer(fixture.tilesetDir))!.version;
    await writeBells(fixture.csv, 20, 'B');
    expect(safemap(['build', '-q', '--config', fixture.catalog]).status).toBe(0);
    // A server of another catalogue (another publish folder) that also has a tile set "town": it never follows.
    const other = await makeCatalogue(3);
    dirs.push(other.dir);
    await writeBells(other.csv, 20, 'C');
    expect(safemap(['build', '-q', '--config', other.catalog]).status).toBe(0);
    inProcess = await startTestServer(other.catalog, { publishPollMs: 100 });
    const run = await safemapAsync(['rollback', '--config', fixture.catalog, 'town', '--server', inProcess.url, '--wait', '1']);
    expect(run.status).toBe(exitCodes.notServed);
    expect(run.stderr).toContain(`the pointer is switched to ${first}, but the server at ${inProcess.url} still serves ${(await readPointer(other.tilesetDir))!.version}`);
    expect((await readPointer(fixture.tilesetDir))!.version).toBe(first);
  }, 120_000);
});
