import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { publishCatalog as buildCatalog } from '../../packages/tile-server/src/publish/publish_catalog.js';
import { silentProgress } from '../../packages/tile-server/src/tiling/progress.js';
import { loadCatalog } from '../../packages/tile-server/src/catalog/load_catalog.js';
import { readPointer } from '../../packages/tile-server/src/publish/publish_pointer.js';
import { rollbackVersion } from '../../packages/tile-server/src/publish/publish_version.js';
import { cleanStaleStaging } from '../../packages/tile-server/src/publish/staging.js';
import { openArchive } from '../../packages/tile-server/src/archive/open_archive.js';
import { decodeTile } from '../helpers/decode_tile.js';
import { FIRST_BELL_TILE, makeCatalogue, writeBells } from './publish_fixture.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function publish(catalog: string) {
  const [result] = await buildCatalog(await loadCatalog(catalog), { progress: silentProgress });
  return result!;
}

describe('catalogue publish', () => {
  it('publishes a verified version, keeps the catalogue allow-list, and makes rebuilding unchanged data a no-op', async () => {
    const fixture = await makeCatalogue();
    dirs.push(fixture.dir);
    await writeBells(fixture.csv, 200, '벨');
    const first = await publish(fixture.catalog);
    expect(first.publish.changed).toBe(true);
    const pointer = await readPointer(fixture.tilesetDir);
    expect(pointer).toEqual({ version: first.publish.version, archive: `versions/${first.publish.version}.pmtiles`, history: [] });
    const archive = await openArchive(path.join(fixture.tilesetDir, pointer!.archive));
    const { z, x, y } = FIRST_BELL_TILE;
    const decoded = decodeTile((await archive.getTile(z, x, y))!, z, x, y);
    expect(decoded.bells!.properties.some((p) => p.name === '벨 0')).toBe(true);
    // lat and lon are source columns, not on the allow-list: they must not reach a tile.
    expect(decoded.bells!.properties.every((p) => Object.keys(p).join() === 'name')).toBe(true);
    expect((await archive.metadata()).config_sha256).toMatch(/^[0-9a-f]{16}$/);
    await archive.close();
    const again = await publish(fixture.catalog);
    expect(again.publish).toMatchObject({ version: first.publish.version, changed: false });
    expect(await readdir(fixture.tilesetDir)).toEqual(['current.json', 'versions']);
  });

  it('rolls back to the previous version, refuses when there is none, and prunes beyond `keep`', async () => {
    const fixture = await makeCatalogue(2);
    dirs.push(fixture.dir);
    const versions: string[] = [];
    for (const label of ['하나', '둘', '셋']) {
      await writeBells(fixture.csv, 50, label);
      versions.push((await publish(fixture.catalog)).publish.version);
    }
    expect(new Set(versions).size).toBe(3);
    expect((await readdir(path.join(fixture.tilesetDir, 'versions'))).sort()).toEqual([versions[1], versions[2]].flatMap((v) => [`${v}.pmtiles`, `${v}.lookups.sqlite`, `${v}.json`]).sort());
    expect(await readPointer(fixture.tilesetDir)).toMatchObject({ version: versions[2], history: [versions[1]] });
    expect(await rollbackVersion(fixture.tilesetDir)).toEqual({ from: versions[2], to: versions[1] });
    expect(await readPointer(fixture.tilesetDir)).toMatchObject({ version: versions[1], history: [] });
    await expect(rollbackVersion(fixture.tilesetDir)).rejects.toMatchObject({ code: 'NO_PREVIOUS_VERSION' });
  });

  it('cleans staging files of builds that died, and leaves those of running builds and every other name alone', async () => {
    const fixture = await makeCatalogue();
    dirs.push(fixture.dir);
    await mkdir(fixture.tilesetDir, { recursive: true });
    // pid 1 is always alive; a pid above the kernel's limit never is.
    const dead = path.join(fixture.tilesetDir, '.archive.pmtiles.staging-4194305-abcd0123.pmtiles');
    const deadData = `${dead}.data`;
    const alive = path.join(fixture.tilesetDir, '.archive.pmtiles.staging-1-abcd0123.pmtiles');
    await writeFile(dead, 'half');
    await writeFile(deadData, 'tiles');
    await writeFile(alive, 'busy');
    // A user's folders whose names merely contain a staging-like part: never SafeMap's to delete.
    const userFolders = ['photos.staging-4194305-abcd0123', '.archive.pmtiles.staging-4194305-abcd0123.pmtiles.backup', 'x.archive.pmtiles.staging-4194305-abcd0123.pmtiles'];
    for (const folder of userFolders) {
      await mkdir(path.join(fixture.tilesetDir, folder));
      await writeFile(path.join(fixture.tilesetDir, folder, 'keep.txt'), 'mine');
    }
    expect((await cleanStaleStaging(fixture.tilesetDir, ['archive.pmtiles'])).sort()).toEqual([path.basename(dead), path.basename(deadData)].sort());
    expect(await readFile(alive, 'utf8')).toBe('busy');
    for (const folder of userFolders) expect(await readFile(path.join(fixture.tilesetDir, folder, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('never prunes the newest version that passed the guard, even when a rollback left it out of the pointer', async () => {
    const fixture = await makeCatalogue(2);
    dirs.push(fixture.dir);
    const loaded = await loadCatalog(fixture.catalog);
    const publishForced = async () => (await buildCatalog(loaded, { progress: silentProgress, allowShrink: true }))[0]!.publish.version;
    await writeBells(fixture.csv, 100, '처음');
    const first = (await publish(fixture.catalog)).publish.version;
    // 100 → 10 is refused unless forced.
    await writeBells(fixture.csv, 10, '줄어든');
    await expect(buildCatalog(loaded, { progress: silentProgress })).rejects.toMatchObject({ code: 'DATA_INVALID' });
    const shrunk = await publishForced();
    await writeBells(fixture.csv, 100, '좋은');
    const good = (await publish(fixture.catalog)).publish.version;
    // Back to the forced version: the good one, built after it, is no longer in the pointer's history.
    await rollbackVersion(fixture.tilesetDir, shrunk);
    expect((await readPointer(fixture.tilesetDir))!.history).toEqual([]);
    await writeBells(fixture.csv, 2, '더 줄어든');
    const fourth = await publishForced();
    expect(new Set([first, shrunk, good, fourth]).size).toBe(4);
    const pointer = (await readPointer(fixture.tilesetDir))!;
    expect(pointer.version).toBe(fourth);
    expect(pointer.history).toContain(good);
    expect(await readdir(path.join(fixture.tilesetDir, 'versions'))).toContain(`${good}.pmtiles`);
  });
});
