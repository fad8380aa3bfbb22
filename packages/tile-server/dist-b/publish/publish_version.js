import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { SafeMapError } from '../errors.js';
import { readPointer, versionArchive, versionLookups, versionRecordFile, writePointer } from './publish_pointer.js';
import { readVersionRecord, writeVersionRecord } from './version_record.js';
/** How many versions a tile set keeps on disk when the catalogue does not say: the live one and two to go back to. */
export const DEFAULT_KEEP = 3;
/**
 * Makes a verified staged archive the live version of a tile set: moves it to `versions/<hash>.pmtiles` with its
 * look-ups and record, switches `current.json` atomically, then prunes versions beyond `keep` — never the newest
 * version that passed the publish guard, so forced publishes cannot push out the last good one. The version is the
 * archive's content hash, so rebuilding unchanged data changes nothing.
 */
export async function publishVersion(tilesetDir, staged, options = {}) {
    const keep = options.keep ?? DEFAULT_KEEP;
    const version = (await sha256File(staged)).slice(0, 16);
    const target = path.join(tilesetDir, versionArchive(version));
    await mkdir(path.dirname(target), { recursive: true });
    const current = await readPointer(tilesetDir);
    const unchanged = current?.version === version && !current.rollback;
    // Record and look-ups go in first: a version whose archive is in place always has them beside it.
    if (options.record && !(unchanged && (await exists(path.join(tilesetDir, versionRecordFile(version)))))) {
        const lookupsSha256 = options.lookups ? await sha256File(options.lookups) : undefined;
        await writeVersionRecord(tilesetDir, { ...options.record, version, ...(lookupsSha256 ? { lookupsSha256 } : {}) });
    }
    if (options.lookups)
        await rename(options.lookups, path.join(tilesetDir, versionLookups(version)));
    if (await exists(target))
        await rm(staged, { force: true });
    else
        await rename(staged, target);
    if (unchanged)
        return { version, previous: current.history[0], changed: false, pruned: [] };
    const older = current ? [current.version, ...current.history].filter((v) => v !== version) : [];
    const history = older.slice(0, Math.max(0, keep - 1));
    if (options.record?.guard === 'forced') {
        // Among every version on disk, not only the pointer's history: a rollback may have left the good one out of it.
        const lastGood = (await keptVersions(tilesetDir)).find((entry) => entry.version !== version && (!entry.record || entry.record.guard === 'passed'));
        if (lastGood !== undefined && !history.includes(lastGood.version))
            history.push(lastGood.version);
    }
    const pointer = { version, archive: versionArchive(version), history };
    await writePointer(tilesetDir, pointer);
    return { version, previous: current?.version, changed: true, pruned: await pruneVersions(tilesetDir, pointer) };
}
/** Every version whose archive is on disk (whether the pointer still names it or not), newest build first. */
export async function keptVersions(tilesetDir) {
    const pointer = await readPointer(tilesetDir);
    const names = await readdir(path.join(tilesetDir, 'versions')).catch(() => []);
    const versions = new Set(names.map((name) => /^([0-9a-f]{1,64})\.pmtiles$/.exec(name)?.[1]).filter((v) => v !== undefined));
    const kept = [];
    if (pointer && !versions.has(pointer.version) && (await exists(path.join(tilesetDir, pointer.archive)))) {
        kept.push({ version: pointer.version, archive: pointer.archive, current: true, builtAt: await fileTime(path.join(tilesetDir, pointer.archive)), record: await readVersionRecord(tilesetDir, pointer.version) });
    }
    for (const version of versions) {
        const archive = versionArchive(version);
        const record = await readVersionRecord(tilesetDir, version);
        kept.push({ version, archive, current: pointer?.version === version, builtAt: record?.builtAt ?? (await fileTime(path.join(tilesetDir, archive))), record });
    }
    return kept.sort((a, b) => (a.builtAt < b.builtAt ? 1 : a.builtAt > b.builtAt ? -1 : a.version.localeCompare(b.version)));
}
/**
 * Switches the live version to `to` (default: the newest kept earlier version). The pointer is marked as a rollback,
 * so the server serves exactly that archive and its look-ups even if the catalogue changed since; versions built
 * after it stay on disk until the next publish prunes them.
 */
export async function rollbackVersion(tilesetDir, to) {
    const current = await readPointer(tilesetDir);
    if (!current)
        throw new SafeMapError('NO_PREVIOUS_VERSION', `${tilesetDir}: nothing is published there yet, so there is no previous version`);
    const kept = await keptVersions(tilesetDir);
    const target = to ?? current.history.find((version) => kept.some((entry) => entry.version === version));
    if (target === undefined) {
        const gone = current.history[0];
        throw new SafeMapError('NO_PREVIOUS_VERSION', gone ? `${tilesetDir}: the previous version ${gone} is no longer on disk` : `${tilesetDir}: no previous version to return to`);
    }
    const entry = kept.find((candidate) => candidate.version === target);
    if (!entry) {
        throw new SafeMapError('NO_PREVIOUS_VERSION', `${tilesetDir}: no kept version ${target}; kept: ${kept.map((candidate) => candidate.version).join(', ') || 'none'} (see "safemap versions")`);
    }
    if (target === current.version)
        return { from: current.version, to: target };
    const history = kept.filter((candidate) => candidate.version !== target && candidate.builtAt <= entry.builtAt).map((candidate) => candidate.version);
    await writePointer(tilesetDir, { version: target, archive: entry.archive, history, rollback: true });
    return { from: current.version, to: target };
}
/** Deletes version archives, look-ups and records the pointer no longer names. */
export async function pruneVersions(tilesetDir, pointer) {
    const kept = [pointer.version, ...pointer.history];
    const keep = new Set(kept.flatMap((version) => [versionArchive(version), versionLookups(version), versionRecordFile(version)].map((file) => path.basename(file))));
    const dir = path.join(tilesetDir, 'versions');
    const pruned = [];
    for (const name of await readdir(dir).catch(() => [])) {
        if (keep.has(name) || !/^[0-9a-f]{1,64}\.(pmtiles|lookups\.sqlite|json)$/.test(name))
            continue;
        await rm(path.join(dir, name), { force: true });
        if (name.endsWith('.pmtiles'))
            pruned.push(name.replace(/\.pmtiles$/, ''));
    }
    return pruned;
}
async function exists(file) {
    return access(file).then(() => true, () => false);
}
async function fileTime(file) {
    return stat(file).then((info) => info.mtime.toISOString(), () => new Date(0).toISOString());
}
export async function sha256File(file) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file))
        hash.update(chunk);
    return hash.digest('hex');
}
//# sourceMappingURL=publish_version.js.map