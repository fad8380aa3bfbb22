import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { exitCodes } from '../../packages/tile-server/src/cli/exit_codes.js';
import { readPointer } from '../../packages/tile-server/src/publish/publish_pointer.js';
import { childPids, isRunning, until } from '../helpers/process_tree.js';
import { makeCatalogue, writeBells } from './publish_fixture.js';

const bin = fileURLToPath(new URL('../../packages/tile-server/bin/safemap.js', import.meta.url));
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function safemap(args: string[], cwd?: string) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd, timeout: 60_000 });
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

describe('safemap build --config: safe publish', () => {
  it('a build killed with SIGKILL mid-write leaves the published version byte-identical; the next run cleans up', async () => {
    const fixture = await makeCatalogue(3);
    dirs.push(fixture.dir);
    await writeBells(fixture.csv, 100, '처음');
    expect(safemap(['build', '-q', '--config', fixture.catalog]).status).toBe(0);
    const before = await readPointer(fixture.tilesetDir);
    const publishedFile = path.join(fixture.tilesetDir, before!.archive);
    const publishedHash = await sha256(publishedFile);
    const pointerBytes = await readFile(path.join(fixture.tilesetDir, 'current.json'));

    // Large enough that writing and verifying take a while, so the kill lands while the staging file exists.
    await writeBells(fixture.csv, 40_000, '다음');
    const child = spawn(process.execPath, [bin, 'build', '-q', '--config', fixture.catalog], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    let staged: string | undefined;
    const deadline = Date.now() + 100_000;
    while (!staged && child.exitCode === null && Date.now() < deadline) {
      staged = (await readdir(fixture.tilesetDir)).find((name) => name.includes('.staging-'));
      if (!staged) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(staged, 'the build reached its staging step').toBeDefined();
    // The command does its work in a child process of its own (malloc_thresholds.ts), which ends with it.
    const workers = childPids(child.pid!);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(await until(() => workers.filter(isRunning), (running) => running.length === 0, 10_000)).toEqual([]);

    expect(await readFile(path.join(fixture.tilesetDir, 'current.json'))).toEqual(pointerBytes);
    expect(await sha256(publishedFile)).toBe(publishedHash);
    expect((await readdir(fixture.tilesetDir)).some((name) => name.includes('.staging-'))).toBe(true);

    // The next run (here a small one) removes what the killed build left and publishes normally.
    await writeBells(fixture.csv, 100, '마지막');
    const next = safemap(['build', '-q', '--config', fixture.catalog]);
    expect(next.status, next.stderr).toBe(0);
    expect((await readdir(fixture.tilesetDir)).sort()).toEqual(['current.json', 'versions']);
    expect((await readPointer(fixture.tilesetDir))!.history).toEqual([before!.version]);
  }, 180_000);

  it('rollback through the CLI, then exit code 10 when nothing is left to return to', async () => {
    const fixture = await makeCatalogue(3);
    dirs.push(fixture.dir);
    await writeBells(fixture.csv, 30, 'A');
    expect(safemap(['build', '-q', '--config', fixture.catalog]).status).toBe(0);
    const first = (await readPointer(fixture.tilesetDir))!.version;
    await writeBells(fixture.csv, 30, 'B');
    const second = safemap(['build', '--config', fixture.catalog]);
    expect(second.stdout).toMatch(new RegExp(`published [0-9a-f]{16} \\(was ${first}\\)`));
    const back = safemap(['rollback', '--config', fixture.catalog, 'town']);
    expect(back.status).toBe(0);
    expect(back.stdout).toMatch(new RegExp(`town: [0-9a-f]{16} → ${first}`));
    expect((await readPointer(fixture.tilesetDir))!.version).toBe(first);
    const none = safemap(['rollback', '--config', fixture.catalog]);
    expect(none.status).toBe(exitCodes.noPreviousVersion);
    expect(none.stderr).toMatch(/no previous version/);
  }, 120_000);
});

describe('safemap build -o', () => {
  it('refuses projected coordinates without a CRS before writing anything (exit 6)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'safemap-build-'));
    dirs.push(dir);
    const csv = path.join(dir, 'projected.csv');
    await writeFile(csv, 'name,x,y\nA,200000.5,500000.25\nB,201000.5,501000.25\nC,202000.1,499000.3\n');
    for (const out of ['out.pmtiles', 'out.mbtiles', 'out-dir']) {
      const run = safemap(['build', '-o', path.join(dir, out), csv]);
      expect(run.status).toBe(exitCodes.crsRequired);
      expect(run.stderr).toMatch(/EPSG:5186/);
    }
    expect(await readdir(dir)).toEqual(['projected.csv']);
  }, 120_000);

  it('needs -f to overwrite, keeps only -y properties with Hangul in NFC, and inspect prints tiles as GeoJSON', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'safemap-build-'));
    dirs.push(dir);
    const csv = path.join(dir, 'bells.csv');
    // The district name is decomposed (NFD) in the file, as some exports are; tiles must carry the composed form.
    await writeFile(csv, `이름,구,lat,lon\n비상벨 1,${'해운대구'.normalize('NFD')},35.1631,129.1635\n비상벨 2,수영구,35.1456,129.1134\n`);
    const out = path.join(dir, 'bells.pmtiles');
    const first = safemap(['build', '-o', out, '-y', '이름', '-y', '구', '-z', '12', csv]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/layer bells: 2 features/);
    // stderr is a pipe here, not a terminal: no progress bars.
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/largest tile: \d+\/\d+\/\d+ \d+ bytes/);
    expect(first.stdout).toMatch(/peak memory: \d+ MB/);
    const refused = safemap(['build', '-o', out, csv]);
    expect(refused.status).toBe(exitCodes.outputExists);
    const hash = await sha256(out);
    expect(safemap(['build', '-f', '-q', '-o', out, '-y', '이름', '-y', '구', '-z', '12', csv]).status).toBe(0);
    expect(await sha256(out)).toBe(hash);
    expect((await readdir(dir)).sort()).toEqual(['bells.csv', 'bells.pmtiles']);

    const metadata = JSON.parse(safemap(['inspect', out]).stdout);
    expect(metadata).toMatchObject({ archive: 'pmtiles', generator: expect.stringMatching(/^safemap /), maxzoom: 12 });
    expect(metadata.sources[0]).toMatchObject({ file: 'bells.csv', sha256: createHash('sha256').update(await readFile(csv)).digest('hex') });
    const n = 2 ** 12;
    const lat = (35.1631 * Math.PI) / 180;
    const x = Math.floor(((129.1635 + 180) / 360) * n);
    const y = Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n);
    const tile = JSON.parse(safemap(['inspect', out, `12/${x}/${y}`]).stdout);
    expect(tile.type).toBe('FeatureCollection');
    const bell = tile.features.find((feature: { properties: Record<string, unknown> }) => feature.properties.이름 === '비상벨 1');
    expect(bell).toMatchObject({ layer: 'bells', geometry: { type: 'Point' }, properties: { 이름: '비상벨 1', 구: '해운대구'.normalize('NFC') } });
    expect(Object.keys(bell.properties).sort()).toEqual(['구', '이름']);
    expect(Math.abs(bell.geometry.coordinates[0] - 129.1635)).toBeLessThan(1e-4);
    expect(Math.abs(bell.geometry.coordinates[1] - 35.1631)).toBeLessThan(1e-4);
  }, 120_000);

  it('--json-progress streams JSON lines per step and ends with a JSON report', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'safemap-build-'));
    dirs.push(dir);
    const csv = path.join(dir, 'bells.csv');
    await writeBells(csv, 500, 'x');
    const run = safemap(['build', '--json-progress', '-o', path.join(dir, 'bells.mbtiles'), csv]);
    expect(run.status, run.stderr).toBe(0);
    const steps = run.stderr.trim().split('\n').map((line) => JSON.parse(line) as { step: string; done: number; total: number | null });
    expect(new Set(steps.map((event) => event.step))).toEqual(new Set(['read', 'tiles', 'write', 'verify']));
    const { report } = JSON.parse(run.stdout);
    expect(report).toMatchObject({ format: 'mbtiles', featuresPerLayer: { bells: 500 }, quarantined: 0, tilesPerZoom: { 0: 1 } });
    expect(report.largestTile.bytes).toBeGreaterThan(0);
  }, 120_000);
});
