import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

const STAGING = /\.staging-(\d+)-[0-9a-f]+/;

/**
 * A temporary path beside `target`, on the same file system so the final rename is atomic. It carries the pid, so a
 * later run can tell a crashed build's leftovers from a build still running.
 */
export function stagingPathFor(target: string): string {
  const dir = path.dirname(target);
  const base = path.basename(target);
  const extension = path.extname(base);
  return path.join(dir, `.${base}.staging-${process.pid}-${randomBytes(4).toString('hex')}${extension}`);
}

/** Removes staging files and folders in `dir` left by builds that are no longer running (killed, crashed). */
export async function cleanStaleStaging(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = STAGING.exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    await rm(path.join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
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
