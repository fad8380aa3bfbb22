import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exitCodes } from '../../packages/tile-server/src/cli/exit_codes.js';
import { readPointer } from '../../packages/tile-server/src/publish/publish_pointer.js';
import { cliBin, ensureServerBuilt } from '../helpers/server_process.js';
import { makeCatalogue, writeBells } from './publish_fixture.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function safemap(args: string[]) {
  return spawnSync(process.execPath, [cliBin, ...args], { encoding: 'utf8', timeout: 120_000 });
}

/** Every file under `dir` with its bytes: what "nothing was written" is checked against. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), entry.isFile() ? (await readFile(file)).toString('base64') : 'folder');
  }
  return files;
}

/** Bells placed in Paris: Korean data outside South Korea, so every row is quarantined. */
async function writeParisBells(csv: string, count: number): Promise<void> {
  const rows = ['name,lat,lon', ...Array.from({ length: count }, (_, i) => `파리 비상벨 ${i},${(48.85 + i / 1000).toFixed(4)},2.35`)];
  await writeFile(csv, `${rows.join('\n')}\n`);
}

describe('the publish guard: build -o', () => {
  it('exits 7 and writes nothing when every row is quarantined or the file has no rows, even with -f over an existing output', async () => {
    ensureServerBuilt();
    const dir = await mkdtemp(path.join(tmpdir(), 'safemap-guard-'));
    dirs.push(dir);
    const paris = path.join(dir, 'paris.csv');
    await writeParisBells(paris, 5);
    const header = path.join(dir, 'header-only.csv');
    await writeFile(header, 'name,lat,lon\n');
    for (const out of ['out.pmtiles', 'out.mbtiles', 'out-dir']) {
      const run = safemap(['build', '-o', path.join(dir, out), paris]);
      expect(run.status, run.stderr).toBe(exitCodes.dataInvalid);
      expect(run.stderr).toContain('every row was quarantined (5); nothing was written');
    }
    const empty = safemap(['build', '-o', path.join(dir, 'out.pmtiles'), header]);
    expect(empty.status).toBe(exitCodes.dataInvalid);
    expect(empty.stderr).toContain('the input holds no rows');
    expect((await readdir(dir)).sort()).toEqual(['header-only.csv', 'paris.csv']);

    // A good archive already there survives a forced build whose result is empty.
    const good = path.join(dir, 'good.csv');
    await writeBells(good, 20, '벨');
    const out = path.join(dir, 'bells.pmtiles');
    expect(safemap(['build', '-q', '-o', out, good]).status).toBe(0);
    const before = await snapshot(dir);
    expect(safemap(['build', '-f', '-o', out, paris]).status).toBe(exitCodes.dataInvalid);
    expect(await snapshot(dir)).toEqual(before);
  }, 180_000);

  it('never deletes a user folder whose name merely contains a staging-like part beside the output', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'safemap-guard-'));
    dirs.push(dir);
    const csv = path.join(dir, 'bells.csv');
    await writeBells(csv, 20, '벨');
    // pid 4194305 is above the kernel's limit: a "dead build" as the old clean-up saw it.
    for (const folder of ['holiday.staging-4194305-abcdef12', '.bells.pmtiles.staging-4194305-abcdef12.pmtiles.old']) {
      await mkdir(path.join(dir, folder));
      await writeFile(path.join(dir, folder, 'photo.jpg'), 'mine');
    }
    const leftover = path.join(dir, '.bells.pmtiles.staging-4194305-abcdef12.pmtiles');
    await writeFile(leftover, 'a killed build');
    const run = safemap(['build', '-q', '-o', path.join(dir, 'bells.pmtiles'), csv]);
    expect(run.status, run.stderr).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['.bells.pmtiles.staging-4194305-abcdef12.pmtiles.old', 'bells.csv', 'bells.pmtiles', 'holiday.staging-4194305-abcdef12'].sort());
    expect(await readFile(path.join(dir, 'holiday.staging-4194305-abcdef12', 'photo.jpg'), 'utf8')).toBe('mine');
  }, 120_000);
});

describe('the publish guard: build --config', () => {
  it('refuses a publish that empties a layer or halves it (exit 7, live version untouched), shows the change per layer, and --allow-shrink forces it', async () => {
    const fixture = await makeCatalogue(3);
    dirs.push(fixture.dir);
    await writeBells(fixture.csv, 100, '처음');
    expect(safemap(['build', '-q', '--config', fixture.catalog]).status).toBe(0);
    const live = await readPointer(fixture.tilesetDir);
    const before = await snapshot(fixture.tilesetDir);

    // Every row quarantined: the layer would be empty.
    await writeParisBells(fixture.csv, 100);
    const emptied = safemap(['build', '--config', fixture.catalog]);
    expect(emptied.status, emptied.stderr).toBe(exitCodes.dataInvalid);
    expect(emptied.stdout).toContain('town/bells: 100 → 0 features');
    expect(emptied.stdout).toContain('REFUSED: the layer is empty');
    expect(emptied.stderr).toMatch(/publish refused: town\/bells 100 → 0 \(empty\); the live version stays\..*--allow-shrink/);
    expect(await snapshot(fixture.tilesetDir)).toEqual(before);

    // 40 of 100: more than half lost. The same in --json.
    await writeBells(fixture.csv, 40, '처음');
    const halved = safemap(['build', '--json', '--config', fixture.catalog]);
    expect(halved.status).toBe(exitCodes.dataInvalid);
    const refusal = JSON.parse(halved.stdout);
    expect(refusal).toMatchObject({ refused: true, changes: [{ tileset: 'town', layer: 'bells', before: 100, after: 40, verdict: 'shrunk', diff: { added: 0, removed: 60, changed: 0 } }] });
    expect(await snapshot(fixture.tilesetDir)).toEqual(before);

    // validate --config runs the same guard, says so, and writes nothing.
    const dry = safemap(['validate', '--config', fixture.catalog]);
    expect(dry.status).toBe(exitCodes.dataInvalid);
    expect(dry.stdout).toContain('live 100 → 40 (-60)');
    expect(dry.stdout).toContain('publish guard: REFUSED, it would lose more than half of its features');
    expect(dry.stdout).toContain('"safemap build --config" would be refused (town/bells)');
    const dryJson = JSON.parse(safemap(['validate', '--json', '--config', fixture.catalog]).stdout);
    expect(dryJson.refused).toEqual([{ tileset: 'town', layer: 'bells', live: 100, features: 40, verdict: 'shrunk' }]);
    expect(await snapshot(fixture.tilesetDir)).toEqual(before);

    // Exactly half is not "more than half": published.
    await writeBells(fixture.csv, 50, '처음');
    const half = safemap(['build', '--config', fixture.catalog]);
    expect(half.status, half.stderr).toBe(0);
    expect(half.stdout).toMatch(/town\/bells: 100 → 50 features \(added 0, removed 50, changed 0\)\n/);
    const afterHalf = await readPointer(fixture.tilesetDir);
    expect(afterHalf!.history).toEqual([live!.version]);

    // Forced: published, recorded as forced.
    await writeBells(fixture.csv, 10, '처음');
    const forced = safemap(['build', '--allow-shrink', '--config', fixture.catalog]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('town/bells: 50 → 10 features');
    expect(forced.stdout).toContain('published over the guard with --allow-shrink');
    const pointer = (await readPointer(fixture.tilesetDir))!;
    const record = JSON.parse(await readFile(path.join(fixture.tilesetDir, 'versions', `${pointer.version}.json`), 'utf8'));
    expect(record).toMatchObject({ version: pointer.version, guard: 'forced', featuresPerLayer: { bells: 10 } });
  }, 240_000);

  it('reports added, removed and changed features against the live version', async () => {
    const fixture = await makeCatalogue(3);
    dirs.push(fixture.dir);
    await writeBells(fixture.csv, 30, '벨');
    expect(safemap(['build', '-q', '--config', fixture.catalog]).status).toBe(0);
    const lines = (await readFile(fixture.csv, 'utf8')).trim().split('\n');
    // Rename two bells, drop three, add five new places.
    lines[1] = lines[1]!.replace('벨 0', '새 이름 0');
    lines[2] = lines[2]!.replace('벨 1', '새 이름 1');
    const kept = lines.slice(0, 28);
    for (let i = 0; i < 5; i++) kept.push(`새 벨 ${i},${(35.3 + i / 100).toFixed(4)},129.25`);
    await writeFile(fixture.csv, `${kept.join('\n')}\n`);
    const run = safemap(['build', '--config', fixture.catalog]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('town/bells: 30 → 32 features (added 5, removed 3, changed 2)');
  }, 120_000);

  it('a refused first publish leaves no folder behind', async () => {
    const fixture = await makeCatalogue(3);
    dirs.push(fixture.dir);
    await writeParisBells(fixture.csv, 10);
    const run = safemap(['build', '--config', fixture.catalog]);
    expect(run.status).toBe(exitCodes.dataInvalid);
    expect(run.stdout).toContain('town/bells: none → 0 features');
    expect((await readdir(fixture.dir)).sort()).toEqual(['bells.csv', 'catalog.json']);
  }, 120_000);
});
