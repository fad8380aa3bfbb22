import { createHash, randomBytes } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { copyFile, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SafeMapError } from '../errors.js';
import { checkPublishedArchive, digestMismatch, rememberVerified } from '../publish/check_published_archive.js';

/**
 * Private copies of the published files a server serves, each hashed after copying and served only if it matches
 * its version. A published file can be rewritten in place after it was verified (a careless `cp` over it, a disk
 * error, a tool "fixing" it); an open descriptor would see such a change, because it is the same inode, so it
 * cannot protect the tiles. A copy in a folder only this process writes (mode 0700) can: what residents get is
 * what was verified, until a good version replaces it. On file systems with reflinks (btrfs, XFS) the copy costs
 * no space until the original changes.
 *
 * Each load records which copies it used; copies no load still uses are removed by `sweep` (open ones stay readable
 * until their registry closes, as POSIX keeps unlinked files). A sweep runs on its own timer, so it can meet a later
 * load halfway through a copy: the files that copy is writing are never removed.
 */
export class VerifiedCopies {
  private readonly made = new Set<string>();
  private touched = new Set<string>();
  private inUse = new Set<string>();
  /** Files a copy in progress writes or reuses (its temporary files and the copies they become), with how many copies. */
  private readonly writing = new Map<string, number>();

  private constructor(private readonly root: string) {}

  static async create(parent = tmpdir()): Promise<VerifiedCopies> {
    return new VerifiedCopies(await mkdtemp(path.join(parent, 'safemap-verified-')));
  }

  /** Starts a registry load: copies used from now on belong to it. */
  beginLoad(): void {
    this.touched = new Set();
  }

  /** The load succeeded and its registry is served: its copies are the ones to keep. */
  commitLoad(): void {
    this.inUse = this.touched;
  }

  /**
   * A verified private copy of a published archive (and its look-ups): copied, hashed, compared with `version`
   * (and `lookupsSha256` when recorded). When a copy of this version was already made, the published file is
   * checked again (cheaply, unless it changed) so a file damaged since is still refused, and the copy is reused.
   * Throws ARCHIVE_INVALID naming the published file. Tile directories are served in place.
   */
  async copy(archive: string, version: string, lookups: string | undefined, lookupsSha256: string | undefined): Promise<{ archive: string; lookups: string | undefined }> {
    if ((await stat(archive)).isDirectory()) {
      await checkPublishedArchive(archive, version);
      return { archive, lookups };
    }
    const key = createHash('sha256').update(archive).digest('hex').slice(0, 12);
    const target = path.join(this.root, `${key}-${version}${path.extname(archive)}`);
    const targetLookups = lookups ? path.join(this.root, `${key}-${version}.lookups.sqlite`) : undefined;
    const claimed = targetLookups ? [target, targetLookups] : [target];
    this.claim(claimed);
    try {
      if (this.made.has(target) && (!targetLookups || this.made.has(targetLookups))) {
        await checkPublishedArchive(archive, version);
      } else {
        const before = await stat(archive);
        await this.copyChecked(archive, target, (digest) => (digest.startsWith(version) ? undefined : digestMismatch(archive, version, digest)));
        // The original was read whole to make the copy: unless it changed meanwhile, it need not be hashed again.
        await rememberVerified(archive, version, before);
        if (lookups && targetLookups) {
          await this.copyChecked(lookups, targetLookups, (digest) =>
            lookupsSha256 === undefined || digest === lookupsSha256
              ? undefined
              : new SafeMapError('ARCHIVE_INVALID', `${lookups}: its bytes do not match the look-ups published with version ${version}: the file was damaged or changed after publishing`, { file: lookups }),
          );
        }
      }
      for (const file of claimed) this.touched.add(file);
    } finally {
      this.release(claimed);
    }
    return { archive: target, lookups: targetLookups };
  }

  /** Removes copies that neither the served registries nor a load in progress use. */
  async sweep(): Promise<void> {
    for (const name of await readdir(this.root).catch(() => [] as string[])) {
      const file = path.join(this.root, name);
      if (this.inUse.has(file) || this.touched.has(file) || this.writing.has(file)) continue;
      // Forgotten before it is removed: a copy that starts meanwhile makes the file again rather than reuse it.
      this.made.delete(file);
      await rm(file, { force: true });
    }
  }

  async close(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }

  private claim(files: readonly string[]): void {
    for (const file of files) this.writing.set(file, (this.writing.get(file) ?? 0) + 1);
  }

  private release(files: readonly string[]): void {
    for (const file of files) {
      const count = this.writing.get(file)! - 1;
      if (count === 0) this.writing.delete(file);
      else this.writing.set(file, count);
    }
  }

  private async copyChecked(from: string, to: string, judge: (digest: string) => SafeMapError | undefined): Promise<void> {
    const temporary = path.join(this.root, `.copy-${randomBytes(4).toString('hex')}`);
    this.claim([temporary]);
    try {
      await copyFile(from, temporary, constants.COPYFILE_FICLONE);
      const hash = createHash('sha256');
      for await (const chunk of createReadStream(temporary)) hash.update(chunk as Buffer);
      const refusal = judge(hash.digest('hex'));
      if (refusal) throw refusal;
      await rename(temporary, to);
      this.made.add(to);
    } finally {
      await rm(temporary, { force: true });
      this.release([temporary]);
    }
  }
}
