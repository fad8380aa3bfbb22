import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { SafeMapError } from '../errors.js';
import { readPointer, versionArchive, versionLookups, writePointer, type PublishPointer } from './publish_pointer.js';

export interface PublishResult {
  readonly version: string;
  /** The version that was live before, if any. */
  readonly previous: string | undefined;
  /** False when the staged archive is the live version already (same bytes). */
  readonly changed: boolean;
  /** Version archives deleted to keep the configured count. */
  readonly pruned: readonly string[];
}

/** How many versions a tile set keeps on disk when the catalogue does not say: the live one and two to go back to. */
export const DEFAULT_KEEP = 3;

/**
 * Makes a verified staged archive the live version of a tile set: moves it to `versions/<hash>.pmtiles`, switches
 * `current.json` atomically, then prunes versions beyond `keep`. The version is the archive's content hash, so
 * rebuilding unchanged data changes nothing.
 */
export async function publishVersion(tilesetDir: string, staged: string, keep = DEFAULT_KEEP, stagedLookups?: string): Promise<PublishResult> {
  const version = (await sha256File(staged)).slice(0, 16);
  const target = path.join(tilesetDir, versionArchive(version));
  await mkdir(path.dirname(target), { recursive: true });
  // The look-ups go in first: a version whose archive is in place always has its look-ups beside it.
  if (stagedLookups) await rename(stagedLookups, path.join(tilesetDir, versionLookups(version)));
  if (await exists(target)) await rm(staged, { force: true });
  else await rename(staged, target);
  const current = await readPointer(tilesetDir);
  if (current?.version === version) return { version, previous: current.history[0], changed: false, pruned: [] };
  const history = current ? [current.version, ...current.history].filter((v) => v !== version).slice(0, Math.max(0, keep - 1)) : [];
  const pointer: PublishPointer = { version, archive: versionArchive(version), history };
  await writePointer(tilesetDir, pointer);
  return { version, previous: current?.version, changed: true, pruned: await pruneVersions(tilesetDir, pointer) };
}

/** Switches back to the newest kept earlier version. The version left stays on disk until the next prune. */
export async function rollbackVersion(tilesetDir: string): Promise<{ from: string; to: string }> {
  const current = await readPointer(tilesetDir);
  const previous = current?.history[0];
  if (!current) throw new SafeMapError('NO_PREVIOUS_VERSION', `${tilesetDir}: nothing is published there yet, so there is no previous version`);
  if (previous === undefined) throw new SafeMapError('NO_PREVIOUS_VERSION', `${tilesetDir}: no previous version to return to`);
  if (!(await exists(path.join(tilesetDir, versionArchive(previous))))) {
    throw new SafeMapError('NO_PREVIOUS_VERSION', `${tilesetDir}: the previous version ${previous} is no longer on disk`);
  }
  await writePointer(tilesetDir, { version: previous, archive: versionArchive(previous), history: current.history.slice(1) });
  return { from: current.version, to: previous };
}

/** Deletes version archives the pointer no longer names. */
export async function pruneVersions(tilesetDir: string, pointer: PublishPointer): Promise<string[]> {
  const kept = [pointer.version, ...pointer.history];
  const keep = new Set(kept.flatMap((version) => [path.basename(versionArchive(version)), path.basename(versionLookups(version))]));
  const dir = path.join(tilesetDir, 'versions');
  const pruned: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (keep.has(name) || !/\.(pmtiles|lookups\.sqlite)$/.test(name)) continue;
    await rm(path.join(dir, name), { force: true });
    if (name.endsWith('.pmtiles')) pruned.push(name.replace(/\.pmtiles$/, ''));
  }
  return pruned;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
