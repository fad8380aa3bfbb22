import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VerifiedCopies } from './verified_copies.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('VerifiedCopies', () => {
  it('keeps what a copy in progress writes when a sweep runs meanwhile, and removes it once no load uses it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'safemap-copies-'));
    folders.push(dir);
    const archiveBytes = randomBytes(8 << 20);
    const lookupsBytes = randomBytes(4 << 20);
    const archive = path.join(dir, 'town.pmtiles');
    const lookups = path.join(dir, 'town.lookups.sqlite');
    writeFileSync(archive, archiveBytes);
    writeFileSync(lookups, lookupsBytes);
    const copies = await VerifiedCopies.create(dir);

    copies.beginLoad();
    let finished = false;
    const copying = copies.copy(archive, sha256(archiveBytes).slice(0, 16), lookups, sha256(lookupsBytes)).finally(() => (finished = true));
    // The server sweeps on its own timer, 10 s after each reload: here it sweeps all through the copy, so it meets
    // the temporary files, the archive's copy renamed before the look-ups are copied, and both before they are used.
    let sweeps = 0;
    while (!finished) {
      await copies.sweep();
      sweeps++;
    }
    const copied = await copying;
    expect(sweeps).toBeGreaterThan(3);
    expect(sha256(readFileSync(copied.archive))).toBe(sha256(archiveBytes));
    expect(sha256(readFileSync(copied.lookups!))).toBe(sha256(lookupsBytes));

    copies.commitLoad();
    await copies.sweep();
    expect(existsSync(copied.archive)).toBe(true);
    // A later load that serves something else: the copies go with the next sweep.
    copies.beginLoad();
    copies.commitLoad();
    await copies.sweep();
    expect(existsSync(copied.archive)).toBe(false);
    expect(existsSync(copied.lookups!)).toBe(false);
    await copies.close();
  });
});
