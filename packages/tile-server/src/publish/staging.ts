import { randomBytes } from 'node:crypto';
import { lstat, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * A temporary path beside `target`, on the same file system so the final rename is atomic. It carries the pid, so a
 * later run can tell a crashed build's leftovers from a build still running.
 */
export function stagingPathFor(target: string): string {
  const dir = path.dirname(target);
  const base = path.basename(target);
  return path.join(dir, `.${base}.staging-${process.pid}-${randomBytes(4).toString('hex')}${path.extname(base)}`);
}

/** Endings of files written beside a staging file while it is built: the PMTiles writer's data file, SQLite's journals. */
const COMPANION_ENDINGS = ['.data', '-journal', '-wal', '-shm'] as const;
const COMPANIONS = `(?:${COMPANION_ENDINGS.map(escapeRegExp).join('|')})?`;

/** A staging file and the companions that may have been written beside it. */
export function stagedFiles(staging: string): string[] {
  return [staging, ...COMPANION_ENDINGS.map((ending) => staging + ending)];
}

/**
 * The exact names `stagingPathFor` gives for `target` (a base name), and the companion files written beside them:
 * anchored at both ends, so a user's folder that merely contains `.staging-<pid>-<hex>` in its name never matches.
 */
export function stagingPattern(target: string): RegExp {
  const base = path.basename(target);
  return new RegExp(`^\\.${escapeRegExp(base)}\\.staging-(\\d{1,10})-[0-9a-f]{8}${escapeRegExp(path.extname(base))}${COMPANIONS}$`);
}

/**
 * Removes what builds that are no longer running (killed, crashed) left in `dir` while writing one of `targets`
 * (base names such as `archive.pmtiles`): only names `stagingPathFor` gives those targets, never anything else.
 */
export async function cleanStaleStaging(dir: string, targets: readonly string[]): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const patterns = targets.map(stagingPattern);
  const removed: string[] = [];
  for (const name of names) {
    const match = patterns.map((pattern) => pattern.exec(name)).find((found) => found !== null);
    if (!match || isAlive(Number(match[1]))) continue;
    const file = path.join(dir, name);
    // A symbolic link is removed itself, never followed.
    const info = await lstat(file).catch(() => undefined);
    if (!info) continue;
    await rm(file, { recursive: info.isDirectory(), force: true });
    removed.push(name);
  }
  return removed;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
